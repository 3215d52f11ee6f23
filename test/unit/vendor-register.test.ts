import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core, type VendorDueView, type VendorView } from '../../core/api';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { dueFlags } from '../../core/vendors/due';
import { vendorFieldsSchema } from '../../core/vendors/record';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-store';

const at = (day: string) => new Date(`${day}T12:00:00.000Z`);
const vendor = (over: Record<string, unknown>) => vendorFieldsSchema.parse({ name: 'OpenAI', lastReviewedOn: '2026-06-01', ...over });
const plusDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('vendor due flags (injected clock)', () => {
  it('flags a report expiring within 30 days, counting the day itself and day 30, not day 31', () => {
    const soc2 = (expiresOn: string) => vendor({ reports: [{ type: 'soc2-type2', issuedOn: '2025-12-01', expiresOn }] });
    expect(dueFlags(soc2('2026-12-20'), at('2026-11-30'))).toEqual([
      { kind: 'report_expiring', severity: 'soon', dueOn: '2026-12-20', days: 20, message: 'SOC 2 Type 2 report expires on 2026-12-20 (in 20 days)' },
    ]);
    expect(dueFlags(soc2('2026-11-30'), at('2026-11-30'))[0]).toMatchObject({ kind: 'report_expiring', days: 0 });
    expect(dueFlags(soc2('2026-12-30'), at('2026-11-30'))[0]).toMatchObject({ kind: 'report_expiring', days: 30 });
    expect(dueFlags(soc2('2026-12-31'), at('2026-11-30'))).toEqual([]);
    expect(dueFlags(soc2('2026-11-29'), at('2026-11-30'))[0]).toMatchObject({ kind: 'report_expired', severity: 'overdue', days: -1 });
  });

  it('judges each report type by its latest report: an expired one replaced by a current one is not flagged', () => {
    const v = vendor({
      reports: [
        { type: 'soc2-type2', expiresOn: '2026-01-31' },
        { type: 'soc2-type2', expiresOn: '2027-01-31' },
        { type: 'iso42001', expiresOn: '2026-12-01' },
      ],
    });
    expect(dueFlags(v, at('2026-11-30')).map((f) => f.message)).toEqual(['ISO/IEC 42001 report expires on 2026-12-01 (tomorrow)']);
  });

  it('flags reviews never done, overdue and due soon, and personal data without a signed DPA', () => {
    expect(dueFlags(vendor({ lastReviewedOn: null }), at('2026-11-30'))).toEqual([
      { kind: 'review_overdue', severity: 'overdue', dueOn: null, days: null, message: 'never reviewed' },
    ]);
    expect(dueFlags(vendor({ lastReviewedOn: '2025-11-01' }), at('2026-11-30'))[0]).toMatchObject({
      kind: 'review_overdue',
      dueOn: '2026-11-01',
      days: -29,
    });
    expect(dueFlags(vendor({ lastReviewedOn: '2026-06-01', reviewEveryDays: 190 }), at('2026-11-30'))[0]).toMatchObject({
      kind: 'review_due',
      days: 8,
    });
    expect(dueFlags(vendor({ personalData: true, dpa: 'unknown' }), at('2026-11-30')).map((f) => f.kind)).toEqual(['dpa_missing']);
    expect(dueFlags(vendor({ personalData: true, dpa: 'signed' }), at('2026-11-30'))).toEqual([]);
  });

  it('refuses a report that expires before it was issued, and days that are not days', () => {
    expect(() => vendor({ reports: [{ type: 'iso27001', issuedOn: '2026-05-01', expiresOn: '2026-04-01' }] })).toThrow(/expire before it was issued/);
    expect(() => vendor({ lastReviewedOn: '2026-02-30' })).toThrow(/not a calendar day/);
  });
});

describe('the register through the core: every change is a signed log entry', () => {
  let core: Core;
  let cleanup = () => {};
  afterEach(() => (core?.close(), cleanup()));
  const open = async (now: Date) => {
    const tmp = tempDir('el-vendors-');
    cleanup = tmp.cleanup;
    core = createCore({ home: join(tmp.dir, 'home'), secrets: new MemorySecretStore(), clock: () => now, env: {} });
    await core.call('store.init', {});
    return tmp.dir;
  };
  const ok = async <T>(p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> => {
    const r = await p;
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value as T;
  };

  it('adds, changes and removes vendors as vendor.entry items, each on its own log entry; removal keeps history', async () => {
    await open(at('2026-11-30'));
    const added = await ok<VendorView>(
      core.call('vendor.add', {
        name: 'OpenAI',
        personalData: true,
        dpa: 'signed',
        reports: [{ type: 'soc2-type2', expiresOn: '2026-12-20' }],
        lastReviewedOn: '2026-10-01',
      }),
    );
    expect(added.flags.map((f) => f.kind)).toEqual(['report_expiring']);
    const changed = await ok<VendorView>(core.call('vendor.update', { vendor: 'openai', changes: { owner: 'Dana Lee' } }));
    expect(changed.itemSeq).toBeGreaterThan(added.itemSeq);
    // A change touches only the fields it names (zod 4 would otherwise fill every default into the patch).
    expect(changed.fields).toMatchObject({
      owner: 'Dana Lee',
      personalData: true,
      dpa: 'signed',
      lastReviewedOn: '2026-10-01',
      reports: [{ expiresOn: '2026-12-20' }],
    });
    const removed = await ok<VendorView>(core.call('vendor.remove', { vendor: added.id, reason: 'contract ended' }));
    expect(removed.removedAt).not.toBeNull();

    const log = await ok<{ type: string; body: { item?: { kind: string; seq: number } } }[]>(core.call('log.list', { limit: 20 }));
    const entries = log.filter((e) => e.body.item?.kind === 'vendor.entry').map((e) => e.body.item!.seq);
    expect(entries).toEqual([added.itemSeq, changed.itemSeq, removed.itemSeq]);
    const item = await ok<{ content: { action: string; reason?: string; vendor: { owner: string } }; provenance: string }>(
      core.call('items.show', { seq: removed.itemSeq }),
    );
    expect(item.content).toMatchObject({ action: 'removed', reason: 'contract ended', vendor: { owner: 'Dana Lee' } });
    expect(item.provenance).toBe('manual_upload');
    expect((await ok<{ vendors: VendorView[] }>(core.call('vendor.list', {}))).vendors).toEqual([]);
    expect((await ok<{ vendors: VendorView[] }>(core.call('vendor.list', { includeRemoved: true }))).vendors).toHaveLength(1);
    expect(await core.call('store.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('refuses a second vendor of the same name, an unknown vendor and a change that changes nothing', async () => {
    await open(at('2026-11-30'));
    await ok(core.call('vendor.add', { name: 'Anthropic' }));
    expect(await core.call('vendor.add', { name: 'anthropic' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await core.call('vendor.update', { vendor: 'Nobody', changes: { owner: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await core.call('vendor.update', { vendor: 'Anthropic', changes: { name: 'Anthropic' } })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
  });

  it('seeds vendors from the sources configured and the kinds collected; a self-hosted MLflow is no vendor', async () => {
    await open(at('2026-11-30'));
    await ok(
      core.call('source.add', { type: 'mlflow', name: 'onprem', config: { url: 'https://mlflow.internal', username: 'a', passwordEnv: 'X' } }),
    );
    await ok(
      core.call('source.add', {
        type: 'mlflow',
        name: 'dbx',
        config: { url: 'https://adb-1.2.azuredatabricks.net', username: 'a', passwordEnv: 'X' },
      }),
    );
    await ok(core.call('source.add', { type: 'wandb', name: 'wb', config: { teams: ['acme'], apiKeyEnv: 'WANDB' } }));
    const list = await ok<{ suggestions: { name: string; seededFrom: { sources: string[] } }[] }>(core.call('vendor.list', {}));
    expect(list.suggestions.map((s) => [s.name, s.seededFrom.sources])).toEqual([
      ['Databricks', ['dbx']],
      ['Weights & Biases', ['wb']],
    ]);
    const seeded = await ok<VendorView[]>(core.call('vendor.seed', {}));
    expect(seeded.map((v) => [v.fields.name, v.origin])).toEqual([
      ['Databricks', 'connector'],
      ['Weights & Biases', 'connector'],
    ]);
    expect(await ok<VendorView[]>(core.call('vendor.seed', {}))).toEqual([]); // nothing left to add
  });

  it('vendor.due lists what needs attention, most urgent first, with the window given', async () => {
    await open(at('2026-11-30'));
    await ok(core.call('vendor.add', { name: 'Soon', lastReviewedOn: '2026-11-01', reports: [{ type: 'iso27001', expiresOn: '2026-12-25' }] }));
    await ok(core.call('vendor.add', { name: 'Fine', lastReviewedOn: '2026-11-01', reports: [{ type: 'iso27001', expiresOn: '2027-06-01' }] }));
    await ok(core.call('vendor.add', { name: 'Late', lastReviewedOn: null }));
    const due = await ok<VendorDueView>(core.call('vendor.due', {}));
    expect(due.vendors.map((v) => v.fields.name)).toEqual(['Late', 'Soon']);
    expect(due.counts).toEqual({ overdue: 1, soon: 1 });
    expect((await ok<VendorDueView>(core.call('vendor.due', { windowDays: 10 }))).vendors.map((v) => v.fields.name)).toEqual(['Late']);
  });
});

describe('export --all', () => {
  it('includes the criteria manual uploads are attached to, CC9.2 for the register and the personal-data criteria', async () => {
    const tmp = tempDir('el-vendors-all-');
    const core = createCore({ home: join(tmp.dir, 'home'), secrets: new MemorySecretStore(), env: {} });
    try {
      await core.call('store.init', {});
      await core.call('vendor.add', { name: 'OpenAI', personalData: true });
      const file = join(tmp.dir, 'policy.pdf');
      writeFileSync(file, '%PDF-1.4 policy');
      await core.call('manual.add', { file, criteria: ['CC5.3'], evidenceFor: '2026-01-05', owner: 'Dana' });
      const r = await core.call('export.bundle', { all: true, from: '2026-01-01', to: '2026-01-31', out: join(tmp.dir, 'out') });
      expect(r.ok && r.value.bundles.map((b) => b.criterion)).toEqual(['CC5.3', 'CC9.2', 'C1.1', 'P6.1', 'P6.4', 'P6.5']);
    } finally {
      core.close();
      tmp.cleanup();
    }
  });
});

describe('evidence-locker vendors due (exit code for cron)', () => {
  it('exits 1 and names the report expiring within 30 days; 0 once it is renewed', async () => {
    const tmp = tempDir('el-vendors-cli-');
    const env = { EVIDENCE_HOME: join(tmp.dir, 'home') };
    try {
      const init = await runCli(['init'], env);
      expect(init.code, init.stderr + init.stdout).toBe(0);
      const add = await runCli(
        ['vendors', 'add', '--name', 'OpenAI', '--soc2-type2', `2025-12-01..${plusDays(20)}`, '--last-review', plusDays(-10), '--owner', 'Dana'],
        env,
      );
      expect(add.code, add.stderr).toBe(0);
      const due = await runCli(['vendors', 'due'], env);
      expect(due.code).toBe(1);
      expect(due.stdout).toContain(`SOC 2 Type 2 report expires on ${plusDays(20)} (in 20 days)`);
      const json = await runCli(['vendors', 'due', '--json'], env);
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, value: { counts: { overdue: 0, soon: 1 } } });
      expect((await runCli(['vendors', 'update', 'OpenAI', '--soc2-type2', `${plusDays(-1)}..${plusDays(360)}`], env)).code).toBe(0);
      const clear = await runCli(['vendors', 'due'], env);
      expect(clear.code).toBe(0);
      expect(clear.stdout).toContain('Nothing due');
      expect((await runCli(['vendors', 'due', '--within', 'soon'], env)).code).toBe(2);
      expect((await runCli(['vendors', 'due', '--help'], env)).stdout).toContain('Exit codes for cron');
    } finally {
      tmp.cleanup();
    }
  });
});
