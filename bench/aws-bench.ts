import { spawn } from 'node:child_process';
import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetCredentialReportCommand,
  IAMClient,
  CreateAccessKeyCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
} from '@aws-sdk/client-iam';
import { fileURLToPath } from 'node:url';
import { GAAD_PAGE_SIZE } from '../core/collectors/aws/kinds/iam';
import { startMoto } from '../test/setup/moto-server';
import { tempCore } from '../test/helpers/temp-store';
import { median, record } from './results';
import { fmt, peakRssMb, seconds } from './util';

// Our aws.iam + aws.credential-report collection (store writes, canonical form, IPE) against the bare SDK calls
// for the same pages, both against the same seeded moto_server, each in its own process so RSS is its own.
const TARGET_USERS = Number(process.env.BENCH_AWS_USERS ?? 10_000);
const SEED_BUDGET_S = Number(process.env.BENCH_AWS_SEED_SECONDS ?? 240);
const CONCURRENCY = 8;
const ROUNDS = 5; // moto's own time dominates and varies with machine load: alternate, then take medians
const RSS_ROUNDS = 3; // peak RSS moves by +-25 MB between identical runs (when V8 collects): alternate, medians

const clientFor = (endpoint: string) =>
  new IAMClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }, maxAttempts: 3 });

async function seedUser(iam: IAMClient, i: number): Promise<void> {
  const UserName = `user-${String(i).padStart(5, '0')}`;
  await iam.send(new CreateUserCommand({ UserName }));
  const mfa = async () => {
    const d = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${UserName}-mfa` }));
    await iam.send(
      new EnableMFADeviceCommand({
        UserName,
        SerialNumber: d.VirtualMFADevice!.SerialNumber!,
        AuthenticationCode1: '123456',
        AuthenticationCode2: '654321',
      }),
    );
  };
  await Promise.all([iam.send(new CreateAccessKeyCommand({ UserName })), mfa()]);
}

async function seedRange(iam: IAMClient, from: number, to: number): Promise<void> {
  let next = from;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < to) await seedUser(iam, next++);
    }),
  );
}

/** Seeds TARGET_USERS, or as many as fit the time budget at the rate measured on the first batch. */
async function seed(endpoint: string): Promise<number> {
  const iam = clientFor(endpoint);
  const probe = Math.min(500, TARGET_USERS);
  const t0 = process.hrtime.bigint();
  await seedRange(iam, 0, probe);
  const rate = probe / seconds(t0);
  const users = Math.min(TARGET_USERS, Math.max(probe, Math.floor((rate * SEED_BUDGET_S) / 100) * 100));
  console.log(
    `seeding moto: ${fmt(rate, 0)} users/s (4 IAM calls each, ${CONCURRENCY} in flight); ${TARGET_USERS.toLocaleString()} would take ~${fmt(TARGET_USERS / rate, 0)} s`,
  );
  if (users < TARGET_USERS)
    console.log(
      `  → using ${users.toLocaleString()} users (the largest size that fits the ${SEED_BUDGET_S} s seeding budget; BENCH_AWS_SEED_SECONDS raises it)`,
    );
  await seedRange(iam, probe, users);
  console.log(`seeded ${users.toLocaleString()} users with an access key and an MFA device each in ${fmt(seconds(t0), 1)} s`);
  iam.destroy();
  return users;
}

/** Ours: a full collection of the two kinds into a fresh store (canonical form, IPE, signed log). */
async function oursOnce(endpoint: string): Promise<number> {
  const t = await tempCore();
  try {
    await t.call('source.add', { type: 'aws', name: 'bench', config: { endpoint } });
    const t0 = process.hrtime.bigint();
    const [summary] = await t.call<{ status: string; reason: string | null }[]>('collect.run', {
      source: 'bench',
      kinds: ['aws.iam', 'aws.credential-report'],
    });
    if (summary!.status !== 'complete') throw new Error(`collection ${summary!.status}: ${summary!.reason}`);
    return seconds(t0);
  } finally {
    t.cleanup();
  }
}

/** Bare: the same GAAD pages and credential report calls, results kept in memory, nothing else. */
async function bareOnce(endpoint: string): Promise<number> {
  const iam = new IAMClient({ endpoint, region: 'us-east-1', maxAttempts: 3, retryMode: 'standard' });
  const t0 = process.hrtime.bigint();
  const pages = [];
  let Marker: string | undefined;
  do {
    const page = await iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: GAAD_PAGE_SIZE, Marker }));
    pages.push(page);
    Marker = page.IsTruncated ? page.Marker : undefined;
  } while (Marker);
  while ((await iam.send(new GenerateCredentialReportCommand({}))).State !== 'COMPLETE') await new Promise((r) => setTimeout(r, 250));
  const report = await iam.send(new GetCredentialReportCommand({}));
  const s = seconds(t0);
  if (!report.Content || pages.length === 0) throw new Error('bare run got no data');
  iam.destroy();
  return s;
}

/**
 * Child mode. Timing children do a warm-up run (module loading, JIT) and time the second; memory children
 * (`*-rss`) do exactly one run, so their peak RSS is that of one collection (V8 collects garbage lazily).
 */
async function child(mode: string, endpoint: string): Promise<void> {
  process.env.AWS_ACCESS_KEY_ID = 'testing';
  process.env.AWS_SECRET_ACCESS_KEY = 'testing';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  const once = mode.startsWith('ours') ? oursOnce : bareOnce;
  const baseline = peakRssMb();
  if (!mode.endsWith('-rss')) await once(endpoint);
  const s = await once(endpoint);
  console.log(JSON.stringify({ seconds: s, rssMb: peakRssMb(), baselineMb: baseline }));
}

function runChild(mode: string, endpoint: string): Promise<{ seconds: number; rssMb: number; baselineMb: number }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
      env: { ...process.env, AWS_BENCH_CHILD: mode, AWS_BENCH_ENDPOINT: endpoint, NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`${mode} child exited ${code}: ${out}`)),
    );
  });
}

export async function run(): Promise<void> {
  const moto = await startMoto();
  try {
    const users = await seed(moto.endpoint);
    const ours: { seconds: number; rssMb: number }[] = [];
    const bare: { seconds: number; rssMb: number }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      bare.push(await runChild('bare', moto.endpoint));
      ours.push(await runChild('ours', moto.endpoint));
    }
    const o = median(ours.map((x) => x.seconds));
    const b = median(bare.map((x) => x.seconds));
    const min = (xs: number[]) => Math.min(...xs);
    console.log(`runs (s): ours ${ours.map((x) => fmt(x.seconds)).join(' ')} | bare ${bare.map((x) => fmt(x.seconds)).join(' ')}`);
    console.log(
      `aws.iam + aws.credential-report: ours ${fmt(o)} s vs bare SDK ${fmt(b)} s (median of ${ROUNDS}, alternating) → ratio ${fmt(o / b)}×; best-of ratio ${fmt(min(ours.map((x) => x.seconds)) / min(bare.map((x) => x.seconds)))}×`,
    );
    record({
      id: 'aws.collect.time',
      what: `aws.iam + aws.credential-report of ${users.toLocaleString()} moto users (store writes, canonical form, IPE, signed log)`,
      value: o,
      unit: 's',
      baseline: { what: 'the bare SDK calls for the same pages, results kept in memory', value: b },
      goal: null,
      runs: ours.map((x, i) => ({ value: x.seconds, baseline: bare[i]!.seconds })),
      note: `median of ${ROUNDS}, alternating; moto's own time dominates`,
    });
    const oursMem: { rssMb: number; baselineMb: number }[] = [];
    const bareMem: { rssMb: number; baselineMb: number }[] = [];
    for (let r = 0; r < RSS_ROUNDS; r++) {
      oursMem.push(await runChild('ours-rss', moto.endpoint));
      bareMem.push(await runChild('bare-rss', moto.endpoint));
    }
    const om = median(oursMem.map((x) => x.rssMb));
    const bm = median(bareMem.map((x) => x.rssMb));
    const f = record({
      id: 'aws.collect.rss',
      what: `peak RSS of one collection per process, ${users.toLocaleString()} moto users`,
      value: om,
      unit: 'MB',
      baseline: { what: 'the bare SDK calls in the same kind of process', value: bm },
      goal: 1.15,
      runs: oursMem.map((x, i) => ({ value: x.rssMb, baseline: bareMem[i]!.rssMb })),
      note: `median of ${RSS_ROUNDS}, alternating; both processes hold ~${fmt(median(oursMem.map((x) => x.baselineMb)), 0)} MB (tsx, SDK clients, SQLite, the core) before collecting`,
    });
    console.log(
      `peak RSS, one collection per process: ours ${fmt(om, 0)} MB vs bare SDK ${fmt(bm, 0)} MB → ratio ${fmt(f.ratio!)}× (goal ≤ 1.15×; medians of ${RSS_ROUNDS}: ours ${oursMem.map((x) => fmt(x.rssMb, 0)).join('/')}, bare ${bareMem.map((x) => fmt(x.rssMb, 0)).join('/')}); ` +
        `both start at ~${fmt(median(oursMem.map((x) => x.baselineMb)), 0)} MB once modules are loaded`,
    );
  } finally {
    await moto.stop();
  }
}

if (process.env.AWS_BENCH_CHILD) await child(process.env.AWS_BENCH_CHILD, process.env.AWS_BENCH_ENDPOINT!);
