/**
 * The process the kill tests SIGKILL (`node worker.ts MODE HOME [ARG]`, bundled first: ../worker-bundle.ts): a real core (createCore) doing
 * one kind of work in a loop until it is killed, printing a line after each thing it made durable:
 *   item <seq> <contentSha256>   an item whose transaction committed (collection, diff)
 *   run <id> <status>            a collection run that finished
 *   bundle <file> <sumsSha256>   an export that returned (ZIP and PDF renamed into place, export logged)
 *   key <fingerprint>            a key rotation that returned
 *   progress <message>           an export's progress (the stages a kill can be aimed at)
 * Modes: collect | diff | export (ARG = out folder) | rotate | mlflow (the built-in families; secrets from env).
 */
import { writeSync } from 'node:fs';
import { basename } from 'node:path';
import { createCore, type Envelope } from '../../../core/api';
import { BUILT_IN_FAMILIES } from '../../../core/families/built-in';
import type { RecordedItem } from '../../../core/store/store-writes';
import { batchFamily, BATCH_KIND } from '../fixtures/batch-family';
import { reporting } from '../fixtures/reporting';

const [mode, home, arg] = process.argv.slice(2) as [string, string, string | undefined];
const say = (line: string) => writeSync(1, `${line}\n`);
const committed = (items: RecordedItem[]) => items.forEach((i) => say(`item ${i.seq} ${i.contentSha256}`));
const families = (mode === 'mlflow' ? BUILT_IN_FAMILIES : [batchFamily]).map((f) => reporting(f, committed));
const core = createCore({ home, families });

async function call<T>(name: string, input: unknown = {}): Promise<T> {
  const r: Envelope<unknown> = await core.callUntyped(name, input, { onProgress: (e) => e.message && say(`progress ${e.message}`) });
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

interface Run {
  runId: number;
  status: string;
}
const collect = async (source: string) => {
  for (const run of await call<Run[]>('collect.run', { source })) say(`run ${run.runId} ${run.status}`);
};

const loops: Record<string, () => Promise<void>> = {
  collect: () => collect('team'),
  mlflow: () => collect('prod'),
  async diff() {
    await collect('small');
    const page = await call<{ rows: { seq: number }[] }>('items.list', { source: 'small', kind: BATCH_KIND, limit: 5000 });
    const seqs = page.rows.map((r) => r.seq);
    const to = seqs.at(-1)!;
    // Several earlier snapshots against the newest: each pair is a new diff item (the same pair again is reused).
    for (const from of seqs.slice(-5, -1)) {
      const d = await call<{ recorded: { seq: number; reused?: boolean } }>('diff.run', { source: 'small', kind: BATCH_KIND, from, to });
      const shown = await call<{ contentSha256: string }>('items.show', { seq: d.recorded.seq });
      say(`item ${d.recorded.seq} ${shown.contentSha256}`);
    }
  },
  async export() {
    const r = await call<{ bundles: { path: string; sumsSha256: string }[] }>('export.bundle', {
      criterion: 'CC6.2',
      from: '2020-01-01',
      to: '2040-12-31',
      out: arg,
    });
    for (const b of r.bundles) say(`bundle ${basename(b.path)} ${b.sumsSha256}`);
  },
  async rotate() {
    const r = await call<{ newFingerprint: string }>('key.rotate');
    say(`key ${r.newFingerprint}`);
  },
};

const loop = loops[mode];
if (!loop) throw new Error(`unknown mode ${mode}`);
say('ready');
for (;;) await loop();
