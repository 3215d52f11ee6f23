import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore, type DueResult, type ScheduleView } from '../../core/api';
import { BUILT_IN_FAMILIES } from '../../core/families/built-in';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { fakeFamily } from '../fixtures/fake-family';
import { tempDir } from '../helpers/temp-store';

/** `collect --due` against the fake family (no server), with the clock moved by hand: never a sleep. */
describe('collect.due with an injected clock', () => {
  const tmp = tempDir('el-due-');
  let now = new Date('2026-03-02T09:00:00.000Z'); // a Monday
  const core = createCore({
    home: join(tmp.dir, 'home'),
    secrets: new MemorySecretStore(),
    families: [...BUILT_IN_FAMILIES, fakeFamily],
    clock: () => now,
  });
  afterAll(() => (core.close(), tmp.cleanup()));
  const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
    const r = await core.callUntyped(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const at = (iso: string) => (now = new Date(iso));

  it('runs what is due, skips what is not, records missed runs once', async () => {
    await call('store.init');
    await call('source.add', { type: 'fake', name: 'team', config: { members: ['ana'] } });
    await call('source.add', { type: 'fake', name: 'ops', config: { members: ['bo'] } });
    const daily = await call<ScheduleView>('schedule.set', { source: 'team', cadence: 'daily' });
    expect(daily).toMatchObject({ cadence: 'daily', isDefault: false, cadenceHours: 24, nextDue: now.toISOString() });
    const list = await call<ScheduleView[]>('schedule.list');
    expect(list.find((s) => s.source === 'ops')).toMatchObject({ cadence: 'weekly', isDefault: true });

    // Monday 09:00: both are due (neither ran in its slot).
    let r = await call<DueResult>('collect.due');
    expect(r.ran.map((x) => x.source).sort()).toEqual(['ops', 'team']);
    expect(r.missed).toEqual([]);

    // Same day, later: nothing is due.
    at('2026-03-02T18:00:00.000Z');
    r = await call<DueResult>('collect.due');
    expect(r.ran).toEqual([]);
    expect(r.skipped).toEqual([
      { source: 'team', reason: 'not_due', nextDue: '2026-03-03T00:00:00.000Z' },
      { source: 'ops', reason: 'not_due', nextDue: '2026-03-09T00:00:00.000Z' },
    ]);

    // The machine is off until Thursday: Tuesday and Wednesday were missed by the daily source.
    at('2026-03-05T10:00:00.000Z');
    const dry = await call<DueResult>('collect.due', { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, ran: [], due: ['team'] });
    expect(dry.missed.map((m) => m.logIdx)).toEqual([-1, -1]);
    r = await call<DueResult>('collect.due');
    expect(r.missed.map((m) => [m.source, m.dueAt, m.windowEnd])).toEqual([
      ['team', '2026-03-03T00:00:00.000Z', '2026-03-04T00:00:00.000Z'],
      ['team', '2026-03-04T00:00:00.000Z', '2026-03-05T00:00:00.000Z'],
    ]);
    expect(r.ran.map((x) => x.source)).toEqual(['team']);

    // Noticed once: the next check (and a plain collection) records nothing new.
    at('2026-03-05T11:00:00.000Z');
    expect((await call<DueResult>('collect.due')).missed).toEqual([]);
    await call('collect.run', { source: 'ops' });
    const logged = await call<{ type: string; body: { run: { dueAt: string; status: string } } }[]>('log.list', { type: 'run_missed', limit: 50 });
    expect(logged.map((e) => e.body.run.dueAt)).toEqual(['2026-03-03T00:00:00.000Z', '2026-03-04T00:00:00.000Z']);
    expect(logged.every((e) => e.body.run.status === 'missed')).toBe(true);
    expect(await call('store.verify')).toMatchObject({ ok: true });
  });

  it('is busy while another collection of this core runs, and refuses an unknown source', async () => {
    const [a, b] = await Promise.all([core.callUntyped('schedule.tick', {}), core.callUntyped('schedule.tick', {})]);
    expect([a, b].map((x) => x.ok && (x.value as DueResult).busy).sort()).toEqual([false, true]);
    expect(await core.callUntyped('collect.due', { source: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('takes cron expressions in five UTC fields, at most hourly', async () => {
    expect(await call<ScheduleView>('schedule.set', { source: 'ops', cadence: 'cron', cron: '0 3 * * 1-5' })).toMatchObject({
      cadence: 'cron',
      cadenceHours: 72,
    });
    for (const cron of ['* * * * *', '0 3 * *', '61 3 * * 1', '0 3 * * 1 2026'])
      expect(await core.callUntyped('schedule.set', { source: 'ops', cadence: 'cron', cron }), cron).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT' },
      });
    expect(await core.callUntyped('schedule.set', { source: 'ops', cadence: 'daily', cron: '0 3 * * *' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
  });
});
