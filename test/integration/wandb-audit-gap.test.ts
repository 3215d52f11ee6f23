import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../core/api';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { startWandbStub } from '../fixtures/wandb/stub';
import { defaultWorld } from '../fixtures/wandb/world';
import { tempDir } from '../helpers/temp-store';

// Multi-tenant W&B keeps 7 days of audit log: two weekly-ish collections 9 days apart lose 48 hours for good. The
// diff records the gap and the CC7.2 PDF shows it (read back with pdftotext, as an auditor would see it).
const KEY = 'audit-gap-key-0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const tmp = tempDir('el-wandb-gap-');
afterAll(() => tmp.cleanup());

describe('the 7-day audit-log gap', () => {
  it('is recorded in the second snapshot when it is collected, by the wandb.audit-log diff, and shown in the CC7.2 report', async () => {
    let now = new Date('2026-11-01T12:00:00Z');
    const core = createCore({ home: join(tmp.dir, 'home'), secrets: new MemorySecretStore(), env: { WANDB_API_KEY: KEY }, clock: () => now });
    const stub = await startWandbStub({ world: defaultWorld(), apiKey: KEY });
    const call = async <T>(name: string, input: unknown): Promise<T> => {
      const r = await core.callUntyped(name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.value as T;
    };
    try {
      await call('store.init', {});
      await call('source.add', {
        type: 'wandb',
        name: 'mt',
        config: { host: stub.url, apiKeyEnv: 'WANDB_API_KEY', multiTenant: true, organization: 'acme' },
      });
      await call('collect.run', { source: 'mt', kinds: ['wandb.audit-log'] });
      now = new Date('2026-11-10T12:00:00Z');
      await call('collect.run', { source: 'mt', kinds: ['wandb.audit-log'] });
      expect(stub.calls.filter((c) => c === 'GET /audit_logs')).toHaveLength(2); // the multi-tenant path, 7 days
      // Recorded at collection time, in the signed item itself, before anyone runs a diff.
      const items = await call<{ rows: { seq: number }[] }>('items.list', { kind: 'wandb.audit-log' });
      const second = await call<{ content: { gapBefore?: unknown }; ipe: { notes?: string[] } }>('items.show', { seq: items.rows.at(-1)!.seq });
      expect(second.content.gapBefore).toEqual({
        previousItem: items.rows[0]!.seq,
        from: '2026-11-01T12:00:00.000Z',
        to: '2026-11-03T12:00:00.000Z',
        hours: 48,
        recoverable: false,
      });
      expect(second.ipe.notes?.[0]).toMatch(/^GAP: 48 h between item #\d+'s window and this one .* can no longer be fetched from W&B\.$/);
      const diff = await call<{ changes: { type: string; field?: string }[] }>('diff.run', { source: 'mt', kind: 'wandb.audit-log' });
      expect(diff.changes[0]).toMatchObject({
        type: 'audit_log_gap',
        field: '48 h not covered (W&B keeps 7 days; these hours can no longer be fetched)',
      });
      const out = join(tmp.dir, 'out');
      const r = await call<{ bundles: { pdfPath: string }[] }>('export.bundle', {
        criterion: 'CC7.2',
        from: '2026-10-25',
        to: '2026-11-12',
        out,
        org: 'Acme',
      });
      const text = execFileSync('pdftotext', ['-layout', r.bundles[0]!.pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('audit_log_gap');
      expect(text).toMatch(/48 h not covered/);
      expect(text).toMatch(/GAP: 48 h before this window/);
      expect(text).toMatch(/Multi- ?tenant cloud keeps 7 days/); // the PDF may break the line at the hyphen
    } finally {
      await stub.close();
      core.close();
    }
  });
});
