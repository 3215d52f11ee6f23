import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core, type Envelope } from '../../core/api';
import { tempDir } from '../helpers/temp-store';
import { recordCounts } from './counts';
import { batchFamily } from './fixtures/batch-family';
import { reporting } from './fixtures/reporting';
import { cleanupSmallDisks, smallDisk, tmpfsWhy } from './small-disk';
import { checkStore } from './store-check';
import { collectWithPageLimit, exportWithPageLimit } from './page-limit';

// Issue 14: the disk fills up during collection and during export. A tmpfs of a few hundred KB where one can be
// mounted (root: CI and this machine); SQLite's max_page_count otherwise, named in the test title.
const HOW = tmpfsWhy === null ? 'a size-limited tmpfs' : `SQLite max_page_count (no tmpfs: ${tmpfsWhy})`;
const families = [batchFamily];
const tmp = tempDir('el-fault-disk-');
afterAll(() => {
  cleanupSmallDisks();
  tmp.cleanup();
});

async function call<T>(core: Core, name: string, input: unknown = {}): Promise<T> {
  const r = await core.callUntyped(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** The failure a collect.run reports: a failed run's code and reason, or the envelope's error. */
function failureOf(r: Envelope<unknown>): { code: string | null; message: string } {
  if (!r.ok) return r.error;
  const run = (r.value as { status: string; code: string | null; reason: string | null }[])[0]!;
  return { code: run.status === 'failed' ? run.code : `status ${run.status}`, message: run.reason ?? '' };
}

describe(`disk full, using ${HOW}`, () => {
  if (tmpfsWhy === null) {
    it('during collection: DISK_FULL with a clear message, committed items kept, the run failed or interrupted, the store verifies; after space is freed the next run completes', async () => {
      const disk = smallDisk(768);
      try {
        const home = join(disk.dir, 'store');
        const committed = new Map<number, string>();
        const fam = [reporting(batchFamily, (items) => items.forEach((i) => committed.set(i.seq, i.contentSha256)))];
        const core = createCore({ home, families: fam });
        await call(core, 'store.init');
        await call(core, 'source.add', { type: 'batch', name: 'team', config: { team: 'ml', batches: 1000, bytes: 6000 } });
        const failure = failureOf(await core.callUntyped('collect.run', { source: 'team' }));
        core.close();

        const whileFull = await checkStore(home, families, committed);
        disk.resize(64 * 1024); // the user frees space
        const after = await checkStore(home, families, committed);
        const next = createCore({ home, families });
        const runs = await call<{ rows: { status: string; reason: string | null }[] }>(next, 'runs.list', { source: 'team' });
        const retry = await call<{ status: string }[]>(next, 'collect.run', { source: 'team' });
        next.close();
        recordCounts('disk full: collection (tmpfs)', {
          trials: 1,
          faults: 1,
          lost: after.lost.length,
          corrupt: after.corrupt.length || whileFull.corrupt.length ? 1 : 0,
        });

        console.log(
          `disk full during collection: ${failure.code}: ${failure.message}; ${committed.size} items committed before; run shown as ${runs.rows.at(-1)!.status}; next run ${retry[0]!.status}`,
        );
        expect(failure.code).toBe('DISK_FULL');
        expect(failure.message).toMatch(/full|no space/i);
        expect(committed.size).toBeGreaterThan(0); // the disk filled part-way through the run
        expect(whileFull.corrupt).toEqual([]); // still opens and verifies while the disk is full
        expect(whileFull.lost).toEqual([]);
        expect(after.corrupt).toEqual([]);
        expect(after.lost).toEqual([]);
        expect(['failed', 'interrupted']).toContain(runs.rows.at(-1)!.status);
        expect(retry[0]!.status).toBe('complete');
      } finally {
        disk.cleanup();
      }
    }, 180_000);

    it('during export at 8 fill levels: DISK_FULL each time, nothing left in the out folder, no export logged, the store verifies', async () => {
      const home = join(tmp.dir, 'export-store');
      const core = createCore({ home, families });
      await call(core, 'store.init');
      await call(core, 'source.add', { type: 'batch', name: 'team', config: { team: 'ml', batches: 60, bytes: 3000 } });
      await call(core, 'collect.run', { source: 'team' });
      const request = { criterion: 'CC6.2', from: '2020-01-01', to: '2040-12-31' };
      const full = await call<{ bundles: { path: string; pdfPath: string }[] }>(core, 'export.bundle', { ...request, out: join(tmp.dir, 'roomy') });
      // Room for the staged PDF and proofs plus the ZIP being written is about twice the finished bundle.
      const need = (statSync(full.bundles[0]!.path).size + 2 * statSync(full.bundles[0]!.pdfPath).size) / 1024;
      const outcomes: string[] = [];
      const problems: string[] = [];
      for (const fraction of [0.05, 0.15, 0.3, 0.45, 0.6, 0.75, 0.85, 0.95]) {
        const disk = smallDisk(Math.max(16, Math.floor(need * fraction)));
        try {
          const before = (await call<unknown[]>(core, 'export.list')).length;
          const r = await core.callUntyped('export.bundle', { ...request, out: disk.dir });
          const left = readdirSync(disk.dir);
          const logged = (await call<unknown[]>(core, 'export.list')).length - before;
          const verify = await call<{ ok: boolean }>(core, 'store.verify');
          outcomes.push(r.ok ? `${fraction}: written` : `${fraction}: ${r.error.code}`);
          if (r.ok) continue; // this much room was enough after all: a complete bundle, nothing to check
          if (r.error.code !== 'DISK_FULL' || !/full|no space/i.test(r.error.message))
            problems.push(`${fraction}: ${r.error.code}: ${r.error.message}`);
          if (left.length) problems.push(`${fraction}: left ${left.join(', ')}`);
          if (logged) problems.push(`${fraction}: ${logged} exports logged`);
          recordCounts(`disk full: export at ${fraction} (tmpfs)`, { trials: 1, faults: 1, corrupt: verify.ok ? 0 : 1 });
          if (!verify.ok) problems.push(`${fraction}: store.verify failed`);
        } finally {
          disk.cleanup();
        }
      }
      core.close();
      console.log(`disk full during export (bundle needs ~${Math.round(need)} KB): ${outcomes.join('; ')}`);
      expect(problems).toEqual([]);
      expect(outcomes.filter((o) => o.endsWith('DISK_FULL')).length, outcomes.join('; ')).toBeGreaterThanOrEqual(6);
    }, 300_000);
  } else {
    it('during collection and export (page limit; the export only writes a few rows, so it may still fit): DISK_FULL or a whole bundle, the store verifies', async () => {
      const c = await collectWithPageLimit(join(tmp.dir, 'page-limit'));
      const e = await exportWithPageLimit(join(tmp.dir, 'page-limit'), join(tmp.dir, 'page-limit-out'));
      console.log(
        `page limit: collection ${c.error.code}: ${c.error.message}; export ${e.error.code}: ${e.error.message}; left ${e.left.join(', ')}`,
      );
      recordCounts('disk full: page limit', { trials: 2, faults: 2, corrupt: (c.verified ? 0 : 1) + (e.verified ? 0 : 1) });
      expect(c.error.code).toBe('DISK_FULL');
      expect(c.verified).toBe(true);
      if (e.error.code === 'NONE') expect(e.left.map((n) => n.replace(/^.*\./, '')).sort()).toEqual(['pdf', 'zip']);
      else expect([e.error.code, e.left]).toEqual(['DISK_FULL', []]);
      expect(e.verified).toBe(true);
    }, 180_000);
  }
});
