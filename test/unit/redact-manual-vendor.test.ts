import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/api';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { scanBytes, scanTree, type Canary } from '../faults/canary/scan';
import { CANARY, basicAuthUrl } from '../helpers/canaries';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-store';

/**
 * The vendor register and manual evidence are producers like any collector (docs/redaction.md): a secret typed
 * into a vendor's notes, services or owner, or into an upload's title, owner or reason, is redacted before the item
 * is hashed, and the table rows keep the same redacted values. Afterwards no canary is in the database, its WAL, the
 * CLI's JSON, the CC9.2 and CC5.3 bundles (entries inflated) or their PDFs' text; each IPE names rule and path.
 * The uploaded file itself carries no canary here: its bytes are the document and are not redacted.
 */
const tmp = tempDir('el-redact-manual-vendor-');
const home = join(tmp.dir, 'home');
const now = new Date('2026-07-15T10:00:00.000Z');
let core: Core;
const planted: Canary[] = [
  { name: 'githubToken', value: CANARY.githubToken.value },
  { name: 'slackToken', value: CANARY.slackToken.value },
  { name: 'jwt', value: CANARY.jwt.value },
  { name: 'awsAccessKeyId', value: CANARY.awsAccessKeyId.value },
  { name: 'basicAuthPassword', value: CANARY.basicAuthPassword.value },
];

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

type Redactions = { redactions?: { rule: string; path: string }[] };
/** Every redaction the IPEs of one kind's items record (each item lists what was redacted in it). */
async function redactionsOf(kind: string) {
  const page = await ok(core.call('items.list', { kind }));
  const details = await Promise.all(page.rows.map((r) => ok(core.call('items.show', { seq: r.seq }))));
  return details.flatMap((d) => (d.ipe as Redactions).redactions ?? []);
}

beforeAll(async () => {
  core = createCore({ home, secrets: new MemorySecretStore(), clock: () => now, env: {} });
  await ok(core.call('store.init', {}));
  await ok(
    core.call('vendor.add', {
      name: 'OpenAI',
      services: ['Chat Completions API', `webhook ${CANARY.slackToken.value}`],
      owner: `Dana Lee ${CANARY.jwt.value}`,
      notes: `bot token ${CANARY.githubToken.value} (rotate me)`,
      lastReviewedOn: '2026-02-01',
    }),
  );
  await ok(core.call('vendor.update', { vendor: 'OpenAI', changes: { dataSent: `logs from ${basicAuthUrl('db.internal')}` } }));
  await ok(core.call('vendor.add', { name: 'Gone Co', lastReviewedOn: '2026-02-01' }));
  await ok(core.call('vendor.remove', { vendor: 'Gone Co', reason: `key ${CANARY.githubToken.value} leaked` }));
  const pdf = join(tmp.dir, 'policy.txt');
  writeFileSync(pdf, 'An ordinary policy, approved on 2026-03-01.\n');
  await ok(
    core.call('manual.add', {
      file: pdf,
      criteria: ['CC5.3'],
      evidenceFor: '2026-03-01',
      owner: `Sec ${CANARY.jwt.value}`,
      title: `Policy ${CANARY.awsAccessKeyId.value}`,
    }),
  );
  const other = await ok(core.call('manual.add', { file: pdf, criteria: ['CC5.3'], evidenceFor: '2026-03-02', owner: 'Sec' }));
  await ok(core.call('manual.remove', { id: other.id, reason: `uploaded by ${basicAuthUrl('x.internal')}` }));
  for (const criterion of ['CC9.2', 'CC5.3']) {
    await ok(core.call('export.bundle', { criterion, from: '2026-01-01', to: '2026-06-30', out: join(tmp.dir, 'out') }));
  }
});
afterAll(() => tmp.cleanup());

describe('secrets typed into the vendor register and manual evidence', () => {
  it('reach neither the database and its WAL nor the bundles (entries inflated, PDF text) while the store is open', () => {
    const { leaks, files } = scanTree(tmp.dir, planted);
    expect(files).toBeGreaterThan(4);
    expect(readdirSync(home)).toEqual(expect.arrayContaining([expect.stringMatching(/\.db$/)]));
    expect(leaks).toEqual([]);
  });

  it('record each redaction in the IPE by rule and path, never the value', async () => {
    const vendorRedactions = await redactionsOf('vendor.entry');
    expect(vendorRedactions).toEqual(
      expect.arrayContaining([
        { rule: 'secretlint/github', path: "$['vendor']['notes']" },
        { rule: 'secretlint/slack', path: "$['vendor']['services'][1]" },
        { rule: 'el/jwt', path: "$['vendor']['owner']" },
        { rule: 'el/basic-auth-url', path: "$['vendor']['dataSent']" },
      ]),
    );
    const manualRedactions = await redactionsOf('manual.document');
    expect(manualRedactions).toEqual(
      expect.arrayContaining([
        { rule: 'el/aws-access-key-id', path: "$['title']" },
        { rule: 'el/jwt', path: "$['owner']" },
      ]),
    );
    expect(manualRedactions.some((r) => r.rule === 'el/jwt' && r.path.startsWith('ipe:$'))).toBe(true); // the command and parameters
    expect(await redactionsOf('manual.withdrawn')).toContainEqual({ rule: 'el/basic-auth-url', path: "$['reason']" });
    expect(await redactionsOf('vendor.entry')).toContainEqual({ rule: 'secretlint/github', path: "$['reason']" });
    expect(scanBytes(Buffer.from(JSON.stringify([vendorRedactions, manualRedactions])), 'ipe', planted)).toEqual([]);
  });

  it('are shown redacted by `vendors list --json` and `manual list --json` (the rows hold what the items hold)', async () => {
    core.close();
    const vendors = await runCli(['--home', home, 'vendors', 'list', '--all', '--json']);
    const manual = await runCli(['--home', home, 'manual', 'list', '--all', '--json']);
    expect([vendors.code, manual.code]).toEqual([0, 0]);
    for (const out of [vendors, manual]) expect(scanBytes(Buffer.from(out.stdout + out.stderr), 'cli', planted)).toEqual([]);
    const openai = (JSON.parse(vendors.stdout).value.vendors as { fields: Record<string, unknown> }[]).find((v) => v.fields.name === 'OpenAI')!;
    expect(openai.fields.notes).toBe('bot token [REDACTED:secretlint/github] (rotate me)');
    expect(openai.fields.services).toEqual(['Chat Completions API', 'webhook [REDACTED:secretlint/slack]']);
    expect(openai.fields.owner).toBe('Dana Lee [REDACTED:el/jwt]');
    const uploads = JSON.parse(manual.stdout).value as { title: string; owner: string; endedReason: string | null }[];
    expect(uploads[0]).toMatchObject({ title: 'Policy [REDACTED:el/aws-access-key-id]', owner: 'Sec [REDACTED:el/jwt]' });
    expect(uploads[1]!.endedReason).toContain('[REDACTED:el/basic-auth-url]');
    // Closed: the WAL is checkpointed into the database file; scan the whole home again.
    expect(scanTree(home, planted).leaks).toEqual([]);
  });
});
