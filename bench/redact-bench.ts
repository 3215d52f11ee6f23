import { makeIpe, type NewItem } from '../core/evidence/ipe';
import { redactItems } from '../core/redact';
import { canonicalBytes } from '../core/util/canonical';
import { CANARY } from '../test/helpers/canaries';
import { median, record } from './results';
import { fmt, seconds } from './util';

const ITEMS = Number(process.env.BENCH_REDACT_ITEMS ?? 20_000);
const PAGE = 100;
const BLOCK = 20; // pages per block: ours and the baseline alternate block by block on a shared machine

const ipe = makeIpe({
  source: { type: 'mlflow', name: 'prod' },
  provenance: 'api_snapshot',
  endpoints: ['GET /api/2.0/mlflow/runs/search'],
  parameters: { max_results: 100, filter: "attributes.status = 'FINISHED'" },
  command: 'curl -u "admin:$MLFLOW_PASSWORD" http://127.0.0.1:5000/api/2.0/mlflow/runs/search',
  actor: { osUser: 'bench', host: 'bench' },
  toolVersion: 'bench',
});

/**
 * What collectors really record: a run with its params and tags (the git commit, dataset digests, an S3 URI, a
 * run id), about 1 KB; one item in a hundred carries a secret, so the redacting path is measured too.
 */
function item(i: number): NewItem {
  const hex = (n: number) => (i * 2654435761 + n).toString(16).padStart(8, '0').repeat(5).slice(0, 40);
  const secret = i % 100 === 7 ? { 'deploy.note': `pushed with ${CANARY.githubToken.value}`, db_password: CANARY.lowEntropyPassword.value } : {};
  return {
    kind: 'mlflow.lineage',
    scope: { server: 'http://127.0.0.1:5000' },
    content: {
      model: 'fraud-detector',
      version: String(i),
      run: {
        runId: hex(1).slice(0, 32),
        user: `user${i % 50}@example.com`,
        sourceName: 'train.py',
        git: { commit: hex(2), branch: 'main', repoURL: 'https://git.example.com/ml/fraud.git' },
        params: { learning_rate: '0.05', max_depth: String(i % 12), eos_token: '</s>', max_new_tokens: '256', optimizer: 'adamw', seed: String(i) },
        metrics: { auc: 0.9 + (i % 10) / 1000, f1: 0.7 },
        tags: { 'mlflow.user': `user${i % 50}`, 'mlflow.source.type': 'LOCAL', team: 'risk', ...secret },
        datasets: [
          {
            name: 'transactions-2026q3',
            digest: hex(3).slice(0, 8),
            source: '{"uri":"s3://data/txns/2026q3"}',
            sourceType: 's3',
            context: 'training',
          },
          { name: 'holdout', digest: hex(4).slice(0, 8), source: '{"uri":"s3://data/holdout"}', sourceType: 's3', context: 'eval' },
        ],
        artifactUri: `s3://ml-artifacts/1/${hex(5).slice(0, 32)}/artifacts`,
      },
    },
    ipe,
  };
}

function canonicalise(items: readonly NewItem[]): number {
  const t = process.hrtime.bigint();
  for (const it of items) {
    canonicalBytes(it.content);
    canonicalBytes(it.ipe);
  }
  return seconds(t);
}

function redact(items: readonly NewItem[]): { s: number; redactions: number } {
  const t = process.hrtime.bigint();
  const out = redactItems(items);
  const s = seconds(t);
  return { s, redactions: out.reduce((n, r) => n + r.redactions.length, 0) };
}

export async function run(): Promise<void> {
  const pages = Array.from({ length: ITEMS / PAGE }, (_, p) => Array.from({ length: PAGE }, (_, i) => item(p * PAGE + i)));
  redact(pages[0]!); // load the rule set and warm up both paths before measuring
  canonicalise(pages[0]!);
  const blocks: { ours: number; base: number }[] = [];
  let block = { ours: 0, base: 0 };
  let redactions = 0;
  pages.forEach((page, p) => {
    const ours = () => {
      const r = redact(page);
      block.ours += r.s;
      redactions += r.redactions;
    };
    const base = () => (block.base += canonicalise(page));
    if (p % 2) {
      ours();
      base();
    } else {
      base();
      ours();
    }
    if ((p + 1) % BLOCK === 0) {
      blocks.push(block);
      block = { ours: 0, base: 0 };
    }
  });
  const ours = blocks.reduce((s, b) => s + b.ours, 0);
  const base = blocks.reduce((s, b) => s + b.base, 0);
  const ratios = blocks.map((b) => b.ours / b.base);
  const f = record({
    id: 'redact.items',
    what: `redactItems over ${ITEMS.toLocaleString()} ~1 KB MLflow lineage items in pages of ${PAGE} (key-name rules, ${'secretlint preset + own patterns'}, 1 % with secrets)`,
    value: ours,
    unit: 's',
    baseline: { what: 'canonical JSON (RFC 8785) of the same items: content and IPE, as the store does before hashing', value: base },
    ratio: median(ratios),
    goal: null,
    runs: blocks.map((b) => ({ value: b.ours, baseline: b.base, ratio: b.ours / b.base })),
    note: `ratio = median over ${blocks.length} blocks of ${BLOCK} pages; whole-run ratio ${fmt(ours / base)}; ${redactions} redactions`,
  });
  console.log(
    `redact: ${ITEMS.toLocaleString()} items: ${fmt(ours)} s (${Math.round(ITEMS / ours).toLocaleString()} items/s, ${redactions} redactions); ` +
      `canonicalisation of the same items ${fmt(base)} s`,
  );
  console.log(
    `  ratio ${fmt(f.ratio!)}× canonicalisation (median of ${blocks.length} blocks; range ${fmt(Math.min(...ratios))}–${fmt(Math.max(...ratios))})`,
  );
}
