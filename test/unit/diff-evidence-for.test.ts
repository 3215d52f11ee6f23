import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type ItemPage, type TimelineView } from '../../core/api';
import { BUILT_IN_FAMILIES } from '../../core/families/built-in';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { fakeFamily } from '../fixtures/fake-family';
import { tempDir } from '../helpers/temp-store';
import { compareSnapshots, diffSnapshots } from '../../core/diff/service';
import { buildCriterionReport } from '../../core/report';
import { listItemMeta, recentLogEntries } from '../../core/store/store-reads';
import { recordItems } from '../../core/store/store-writes';
import { verifyStore } from '../../core/store/verify-store';
import { builtIn, mappings } from '../helpers/catalog';
import { clockedStore, day, item, mlflowSource, recordRun, registryContent } from './report-fixtures';

const actor = { osUser: 'test', host: 'h' };
const january = { criterion: 'CC8.1', from: '2026-01-01', to: '2026-01-31', org: 'Acme ML', mappings };

let ctx: ReturnType<typeof clockedStore>;
let src: number;
beforeEach(() => {
  ctx = clockedStore();
  src = mlflowSource(ctx);
  recordRun(ctx, src, day('2026-01-05', 0), [item('mlflow.registry', registryContent(1), day('2026-01-05', 0))]);
  recordRun(ctx, src, day('2026-01-12', 0), [item('mlflow.registry', registryContent(2), day('2026-01-12', 0))]);
});
afterEach(() => ctx.cleanup());

const diffs = () => listItemMeta(ctx.store, { kind: 'mlflow.registry.diff' });
/** The latest diff's item_recorded log entry body. */
const loggedDiff = () =>
  recentLogEntries(ctx.store, 20, 'item_recorded')
    .map((e) => e.body.item as Record<string, unknown>)
    .findLast((i) => i.kind === 'mlflow.registry.diff');

describe('a diff item is evidence for the later snapshot it compares, not for when it was recorded', () => {
  it('two January snapshots compared in March land in the January report, with the March recording time kept', () => {
    ctx.setNow('2026-03-10T09:00:00.000Z'); // the period ended weeks ago
    const r = diffSnapshots(ctx.store, { source: 'prod', kind: 'mlflow.registry' }, actor, builtIn.differ);
    expect(r.recorded.reused).toBe(false);
    const [d] = diffs();
    expect(d).toMatchObject({ collected_at: '2026-03-10T09:00:00.000Z', evidence_for: day('2026-01-12', 0), effective_at: day('2026-01-12', 0) });

    const report = buildCriterionReport(ctx.store, january);
    const inReport = report.items.filter((i) => i.kind === 'mlflow.registry.diff');
    expect(inReport.map((i) => [i.seq, i.evidenceFor, i.collectedAt])).toEqual([[d!.seq, day('2026-01-12', 0), '2026-03-10T09:00:00.000Z']]);
    expect(report.tables.find((t) => t.kind === 'mlflow.registry.diff')?.rows.length).toBeGreaterThan(0);
    // March's report does not count it: it is not evidence for March.
    expect(buildCriterionReport(ctx.store, { ...january, from: '2026-03-01', to: '2026-03-31' }).items.map((i) => i.kind)).not.toContain(
      'mlflow.registry.diff',
    );
    // The log entry carries the evidence-for time, and the store verifies against it.
    expect(loggedDiff()?.evidenceFor).toBe(day('2026-01-12', 0));
    expect(verifyStore(ctx.store).ok).toBe(true);
  });

  it('looking again reuses the dated diff; a diff recorded at the later snapshot time stores no evidence-for (old log bytes)', () => {
    ctx.setNow('2026-03-10T09:00:00.000Z');
    const first = diffSnapshots(ctx.store, { source: 'prod', kind: 'mlflow.registry' }, actor, builtIn.differ);
    ctx.setNow('2026-04-01T09:00:00.000Z');
    const again = diffSnapshots(ctx.store, { source: 'prod', kind: 'mlflow.registry' }, actor, builtIn.differ);
    expect(again.recorded).toEqual({ ...first.recorded, reused: true });
    expect(diffs()).toHaveLength(1);

    recordRun(ctx, src, day('2026-01-19', 0), [item('mlflow.registry', registryContent(3), day('2026-01-19', 0))]);
    diffSnapshots(ctx.store, { source: 'prod', kind: 'mlflow.registry' }, actor, builtIn.differ); // clock still at the snapshot
    expect(diffs().at(-1)).toMatchObject({ collected_at: day('2026-01-19', 0), evidence_for: null });
    expect(loggedDiff()).toBeDefined();
    expect(loggedDiff()).not.toHaveProperty('evidenceFor');
  });

  it('a diff recorded before this fix (dated when run) is not reused: the pair is recorded once more, correctly dated', () => {
    ctx.setNow('2026-03-10T09:00:00.000Z');
    // The same comparison recorded the old way: no evidence-for, so evidence for its March recording time.
    const { item: dated, sourceId } = compareSnapshots(ctx.store, { source: 'prod', kind: 'mlflow.registry' }, actor, builtIn.differ);
    const { evidenceFor: _dropped, ...oldStyle } = dated;
    recordItems(ctx.store, { runId: null, sourceId }, [oldStyle]);
    const [old] = diffs();
    expect(old).toMatchObject({ evidence_for: null, effective_at: '2026-03-10T09:00:00.000Z' });

    ctx.setNow('2026-03-12T09:00:00.000Z');
    const again = diffSnapshots(ctx.store, { source: 'prod', kind: 'mlflow.registry' }, actor, builtIn.differ);
    expect(again.recorded.reused).toBe(false);
    expect(diffs().map((m) => [m.content_sha256 === old!.content_sha256, m.effective_at])).toEqual([
      [true, '2026-03-10T09:00:00.000Z'],
      [true, day('2026-01-12', 0)],
    ]);
    expect(
      buildCriterionReport(ctx.store, january)
        .items.filter((i) => i.kind === 'mlflow.registry.diff')
        .map((i) => i.seq),
    ).toEqual([again.recorded.seq]);
    // and from then on that one is reused
    expect(diffSnapshots(ctx.store, { source: 'prod', kind: 'mlflow.registry' }, actor, builtIn.differ).recorded).toEqual({
      ...again.recorded,
      reused: true,
    });
  });
});

describe('the period timeline records its diffs dated by their later snapshot', () => {
  it('a January period looked at in March: each pair recorded once, evidence for its later snapshot, in the period', async () => {
    const tmp = tempDir('el-diff-timeline-');
    let now = new Date('2026-01-05T06:00:00.000Z');
    const core = createCore({
      home: join(tmp.dir, 'home'),
      secrets: new MemorySecretStore(),
      families: [...BUILT_IN_FAMILIES, fakeFamily],
      clock: () => now,
    });
    const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
      const r = await core.callUntyped(name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
      return r.value as T;
    };
    try {
      await call('store.init');
      await call('source.add', { type: 'fake', name: 'team', config: { members: ['ana'] } });
      await call('collect.run', { source: 'team' });
      now = new Date('2026-01-12T06:00:00.000Z');
      await call('source.update', { name: 'team', config: { members: ['ana', 'bo'] } });
      await call('collect.run', { source: 'team' });
      await call('period.add', { name: 'Jan', type: 'type2', from: '2026-01-01', to: '2026-01-31', criteria: ['CC6.2'] });

      now = new Date('2026-03-10T09:00:00.000Z');
      const first = await call<TimelineView>('timeline.list', { period: 'Jan' });
      expect(first.events.map((e) => [e.kind, e.at])).toEqual([['joiner', '2026-01-12T06:00:00.000Z']]);
      const diffs = await call<ItemPage>('items.list', { kind: 'fake.access.diff', period: 'Jan' });
      expect(diffs.rows.map((r) => [r.seq, r.evidenceFor, r.collectedAt, r.periodMark])).toEqual([
        [first.events[0]!.diff.seq, '2026-01-12T06:00:00.000Z', '2026-03-10T09:00:00.000Z', 'in_period'],
      ]);
      now = new Date('2026-03-11T09:00:00.000Z');
      await call('timeline.list', { period: 'Jan' });
      expect((await call<ItemPage>('items.list', { kind: 'fake.access.diff' })).total).toBe(1); // reused, not recorded again
    } finally {
      core.close();
      tmp.cleanup();
    }
  });
});
