import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCore, type CoverageMapView, type ReadinessView, type TimelineView } from '../../core/api';
import { makeIpe } from '../../core/evidence/ipe';
import { BUILT_IN_FAMILIES } from '../../core/families/built-in';
import { sourceFamily } from '../../core/families/types';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { AppError } from '../../core/util/errors';
import { fakeFamily } from '../fixtures/fake-family';
import { tempDir } from '../helpers/temp-store';

/** A directory that can be told to be down or to reject its credentials (config `fail`), for the source statuses. */
const flakyFamily = sourceFamily({
  type: 'flaky',
  collector: {
    type: 'flaky',
    description: 'test only',
    configSchema: z.object({ members: z.array(z.string()), fail: z.enum(['UNREACHABLE', 'AUTH_FAILED']).optional() }).strict(),
    secretFields: [],
    kinds: ['flaky.access'],
    cliFlags: {},
    async test() {
      return { ok: true, detail: 'ok' };
    },
    async collect(ctx) {
      if (ctx.source.config.fail)
        throw new AppError(ctx.source.config.fail, `flaky: ${ctx.source.config.fail === 'UNREACHABLE' ? 'connection refused' : '401 Unauthorized'}`);
      const ipe = makeIpe({
        source: { type: 'flaky', name: ctx.source.name },
        provenance: 'api_snapshot',
        command: 'flaky',
        actor: ctx.actor,
        toolVersion: 't',
      });
      ctx.record([{ kind: 'flaky.access', scope: {}, content: { members: ctx.source.config.members }, ipe }]);
      return [{ kind: 'flaky.access', completeness: 'complete', items: 1 }];
    },
  },
  differs: { 'flaky.access': () => [] },
  importers: [],
  evidence: { 'flaky.access': 'access' },
});

describe('readiness, coverage map and timeline of a Type 2 period (injected clock)', () => {
  const tmp = tempDir('el-ready-');
  let now = new Date('2026-02-27T09:00:00.000Z');
  const core = createCore({
    home: join(tmp.dir, 'home'),
    secrets: new MemorySecretStore(),
    families: [...BUILT_IN_FAMILIES, fakeFamily, flakyFamily],
    clock: () => now,
  });
  afterAll(() => (core.close(), tmp.cleanup()));
  const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
    const r = await core.callUntyped(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const at = (iso: string) => (now = new Date(iso));
  const members = (list: string[]) => call('source.update', { name: 'team', config: { members: list } });

  it('is covered with a baseline and daily snapshots, at risk after a two-week gap with missed runs', async () => {
    await call('store.init');
    await call('source.add', { type: 'fake', name: 'team', config: { members: ['ana', 'bo'] } });
    await call('schedule.set', { source: 'team', cadence: 'daily' });
    await call('collect.due'); // Friday 27 Feb: the baseline
    await call('period.add', { name: 'Q1', type: 'type2', from: '2026-03-02', to: '2026-03-29', criteria: ['CC6.2', 'CC8.1', 'CC1.1'] });

    at('2026-03-01T09:00:00.000Z');
    expect((await call<{ missed: unknown[] }>('collect.due')).missed).toHaveLength(1); // Saturday; Sunday's run is the baseline
    at('2026-03-02T09:00:00.000Z');
    await call('collect.due');
    await members(['ana', 'bo', 'cy']); // a joiner
    at('2026-03-03T09:00:00.000Z');
    await call('collect.due');

    let r = await call<ReadinessView>('readiness.get', { period: 'Q1' });
    const cc62 = () => r.criteria.find((c) => c.id === 'CC6.2')!;
    expect(r.evaluatedTo).toBe('2026-03-03T09:00:00.000Z');
    expect(cc62().reasons.map((x) => x.code)).toEqual([]); // Saturday's miss was before the period
    expect(cc62()).toMatchObject({
      status: 'covered',
      series: [{ kind: 'fake.access', source: 'team', baseline: { at: '2026-03-01T09:00:00.000Z' } }],
    });
    expect(r.criteria.find((c) => c.id === 'CC8.1')).toMatchObject({ status: 'not_covered', reasons: [{ code: 'no_source' }] });
    expect(r.criteria.find((c) => c.id === 'CC1.1')).toMatchObject({ status: 'not_covered', reasons: [{ code: 'no_kind_mapped' }] });
    expect(r.sources).toMatchObject([{ source: 'team', status: 'ok', freshness: 'fresh', consecutiveFailures: 0, schedule: { cadence: 'daily' } }]);

    // Two weeks without the app: the next collection notices 13 missed days, once.
    await members(['ana', 'cy']); // a leaver
    at('2026-03-17T09:00:00.000Z');
    r = await call<ReadinessView>('readiness.get', { period: 'Q1' });
    expect(r.sources[0]).toMatchObject({ freshness: 'overdue' });
    expect(r.overdue).toEqual(['team']);
    expect((await call<{ missed: unknown[] }>('collect.due')).missed).toHaveLength(13);
    r = await call<ReadinessView>('readiness.get', { period: 'Q1' });
    expect(cc62().status).toBe('at_risk');
    expect(cc62().reasons.map((x) => x.code)).toEqual(['gap', 'missed_runs']);
    expect(cc62().reasons[0]!.gap).toEqual({ from: '2026-03-03T09:00:00.000Z', to: '2026-03-17T09:00:00.000Z', hours: 336, allowedHours: 48 });
    expect(cc62().missed).toHaveLength(13);
    expect(r.sources[0]).toMatchObject({
      freshness: 'fresh',
      missed: expect.arrayContaining([expect.objectContaining({ dueAt: '2026-03-04T00:00:00.000Z' })]),
    });

    const map = await call<CoverageMapView>('coverage.map', { period: 'Q1' });
    expect(map.weeks.map((w) => [w.isoWeek, w.future])).toEqual([
      ['2026-W10', false],
      ['2026-W11', false],
      ['2026-W12', false],
      ['2026-W13', true],
    ]);
    const row = map.criteria.find((c) => c.criterion === 'CC6.2')!;
    expect([row.baseline.state, ...row.cells.map((c) => c.state)]).toEqual(['complete', 'complete', 'missed', 'complete', 'none']);
    expect(row.cells[1]!.missed).toHaveLength(7);
    expect(row.cells[0]!.seqs).toHaveLength(2);
    expect(row.series[0]!.cells[2]!.runIds).toHaveLength(1);
    expect(map.criteria.find((c) => c.criterion === 'CC8.1')!.cells.every((c) => c.state === 'none')).toBe(true);

    const tl = await call<TimelineView>('timeline.list', { period: 'Q1' });
    expect(tl.events.map((e) => [e.kind, e.change.subject, e.at])).toEqual([
      ['joiner', 'user cy', '2026-03-03T09:00:00.000Z'],
      ['leaver', 'user bo', '2026-03-17T09:00:00.000Z'],
    ]);
    expect(tl.events[0]!.diff.seq).toEqual(expect.any(Number));
    expect(tl.events[0]!.from.seq).toBeLessThan(tl.events[0]!.to.seq);
    const again = await call<TimelineView>('timeline.list', { period: 'Q1', kinds: ['leaver'] });
    expect(again.events.map((e) => e.diff.seq)).toEqual([tl.events[1]!.diff.seq]); // recorded once, reused
    expect(again.counts).toMatchObject({ joiner: 1, leaver: 1 });
  });

  it('marks a criterion not applicable with a logged reason', async () => {
    await call('criterion.markNotApplicable', {
      period: 'Q1',
      criterion: 'cc1.1',
      justification: 'Board oversight is covered by the parent company report.',
    });
    const r = await call<ReadinessView>('readiness.get', { period: 'Q1' });
    expect(r.criteria.find((c) => c.id === 'CC1.1')).toMatchObject({
      status: 'not_applicable',
      notApplicable: { justification: expect.stringContaining('parent') },
    });
    expect(r.counts).toEqual({ covered: 0, at_risk: 1, not_covered: 1, not_applicable: 1 });
    const log = await call<{ body: Record<string, unknown> }[]>('log.list', { type: 'criterion_not_applicable' });
    expect(log[0]!.body).toMatchObject({ period: 'Q1', criterion: 'CC1.1' });
    expect(
      await core.callUntyped('criterion.markNotApplicable', { period: 'Q1', criterion: 'CC6.6', justification: 'not in this period at all' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
  });

  it('names connection errors and rejected credentials as their own statuses', async () => {
    await call('source.add', { type: 'flaky', name: 'dir', config: { members: ['x'], fail: 'UNREACHABLE' } });
    await call('collect.run', { source: 'dir' });
    let s = (await call<ReadinessView>('readiness.get', {})).sources.find((x) => x.source === 'dir')!;
    expect(s).toMatchObject({
      status: 'connection_error',
      consecutiveFailures: 1,
      lastFailure: { status: 'connection_error', code: 'UNREACHABLE' },
      lastSuccess: null,
    });
    await call('source.update', { name: 'dir', config: { members: ['x'], fail: 'AUTH_FAILED' } });
    at('2026-03-17T11:00:00.000Z');
    await call('collect.run', { source: 'dir' });
    s = (await call<ReadinessView>('readiness.get', {})).sources.find((x) => x.source === 'dir')!;
    expect(s).toMatchObject({ status: 'credentials_rejected', consecutiveFailures: 2, lastFailure: { status: 'credentials_rejected' } });
    // Due again only after the back-off: 2 h after the second failure.
    expect(s.nextDue).toBe('2026-03-17T13:00:00.000Z');
    const r = await call<ReadinessView>('readiness.get', { period: 'Q1' });
    expect(r.criteria.find((c) => c.id === 'CC6.2')!.reasons.some((x) => x.code === 'latest_run_failed' && x.source === 'dir')).toBe(true);
    expect(await call('store.verify')).toMatchObject({ ok: true });
  });
});
