import { afterAll, describe, expect, it } from 'vitest';
import { BUILT_IN_FAMILIES } from '../../core/families/built-in';
import { fakeFamily } from '../fixtures/fake-family';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-store';

/** `evidence-locker collect --due` as cron runs it, with the clock injected (no sleeping) and the fake family (no server). */
describe('CLI: collect --due with an injected clock', () => {
  const tmp = tempDir('el-cli-due-');
  afterAll(() => tmp.cleanup());
  let now = new Date('2026-04-06T02:00:00.000Z'); // a Monday
  const cli = (...args: string[]) => runCli(['--home', tmp.dir, ...args], {}, { clock: () => now, families: [...BUILT_IN_FAMILIES, fakeFamily] });

  it('runs what is due, skips what is not, records missed runs once', async () => {
    expect((await cli('init')).code).toBe(0);
    expect((await cli('source', 'add', 'fake', '--name', 'team', '--members', 'ana,bo')).code).toBe(0);
    expect((await cli('source', 'add', 'fake', '--name', 'ops', '--members', 'cy')).code).toBe(0);
    expect((await cli('schedule', 'set', 'team', '--cadence', 'daily')).stdout).toContain('team: daily from 2026-04-06T02:00:00.000Z');

    let r = await cli('collect', '--due');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ran team \(fake\) run #\d+: complete/);
    expect(r.stdout).toMatch(/ran ops \(fake\) run #\d+: complete/);

    now = new Date('2026-04-06T20:00:00.000Z');
    r = await cli('collect', '--due');
    expect(r.stdout).toContain('skipped team: not due, next due 2026-04-07T00:00:00.000Z');
    expect(r.stdout).toContain('skipped ops: not due, next due 2026-04-13T00:00:00.000Z');
    expect(r.stdout).toContain('Nothing was due.');

    now = new Date('2026-04-09T06:00:00.000Z'); // Tuesday and Wednesday passed without a run
    const dry = await cli('collect', '--due', '--dry-run', '--json');
    expect(JSON.parse(dry.stdout).value).toMatchObject({ dryRun: true, due: ['team'], ran: [] });
    r = await cli('collect', '--due', '--json');
    const value = JSON.parse(r.stdout).value as { missed: { source: string; dueAt: string }[]; ran: { source: string }[] };
    expect(value.missed.map((m) => `${m.source} ${m.dueAt}`)).toEqual(['team 2026-04-07T00:00:00.000Z', 'team 2026-04-08T00:00:00.000Z']);
    expect(value.ran.map((x) => x.source)).toEqual(['team']);
    expect((await cli('collect', '--due')).stdout).not.toContain('MISSED'); // recorded once

    const log = await cli('log', '--type', 'run_missed', '--json');
    expect(JSON.parse(log.stdout).value).toHaveLength(2);
    expect((await cli('verify-store')).code).toBe(0);
  });

  it('answers usage errors with exit 2 and has a true --help', async () => {
    expect((await cli('collect', '--dry-run')).code).toBe(2);
    expect((await cli('collect', '--due', '--kind', 'fake.access')).code).toBe(2);
    expect((await cli('collect', '--due', '--source', 'nobody')).code).toBe(2);
    expect((await cli('schedule', 'set', 'team', '--cadence', 'hourly')).code).toBe(2);
    expect((await cli('schedule', 'set', 'team', '--cron', '* * * * *')).code).toBe(2);
    const help = await cli('collect', '--help');
    expect(help.stdout).toContain('--due');
    expect(help.stdout).toContain('--dry-run');
  });

  it('prints readiness for a period and exits 1 while a criterion is at risk', async () => {
    expect((await cli('period', 'add', 'Q2', '--from', '2026-04-01', '--to', '2026-06-30', '--criteria', 'CC6.2')).code).toBe(0);
    const r = await cli('status', '--period', 'Q2');
    expect(r.stdout).toMatch(/CC6\.2\s+AT RISK/);
    expect(r.code).toBe(1);
    expect((await cli('status', '--period', 'nope')).code).toBe(2);
    expect((await cli('period', 'list')).stdout).toMatch(/Q2\s+Type 2\s+2026-04-01\s+2026-06-30\s+CC6\.2/);
    expect((await cli('period', 'remove', 'Q2')).code).toBe(0);
  });
});
