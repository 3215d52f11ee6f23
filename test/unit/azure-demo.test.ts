import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../cli/demo';
import { tempCore } from '../helpers/temp-store';

describe('the demo workspace gains Azure snapshots through the real import code', () => {
  it('imports two az role-assignment and management-policy exports under demo-azure and records their diffs', async () => {
    const t = await tempCore();
    try {
      expect(await seedDemo(t.core, () => undefined)).toBe(true);
      const rows = (await t.call<{ rows: { kind: string; source: string; provenance: string }[] }>('items.list', {})).rows.filter(
        (r) => r.source === 'demo-azure',
      );
      expect(rows.map((r) => r.kind)).toEqual([
        'azure.rbac',
        'azure.storage.retention',
        'azure.rbac',
        'azure.storage.retention',
        'azure.rbac.diff',
        'azure.storage.retention.diff',
      ]);
      expect(rows.slice(0, 4).every((r) => r.provenance === 'admin_export')).toBe(true);
      const rbac = await t.call<{ changes: { type: string }[] }>('diff.run', { source: 'demo-azure', kind: 'azure.rbac' });
      expect(rbac.changes.map((c) => c.type).sort()).toEqual([
        'condition_changed',
        'principal_added',
        'principal_orphaned',
        'principal_removed',
        'role_changed',
        'role_granted',
      ]);
      const storage = await t.call<{ changes: { type: string }[] }>('diff.run', { source: 'demo-azure', kind: 'azure.storage.retention' });
      expect(storage.changes.map((c) => c.type)).toEqual(['lifecycle_rule_changed']);
    } finally {
      t.cleanup();
    }
  });
});
