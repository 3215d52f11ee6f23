import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../cli/demo';
import { tempCore } from '../helpers/temp-store';

describe('the demo workspace gains GCP snapshots through the real import code', () => {
  it('imports two gcloud IAM and bucket exports under demo-gcp and records their diffs', async () => {
    const t = await tempCore();
    try {
      expect(await seedDemo(t.core, () => undefined)).toBe(true);
      const rows = (await t.call<{ rows: { kind: string; source: string; provenance: string }[] }>('items.list', {})).rows.filter(
        (r) => r.source === 'demo-gcp',
      );
      expect(rows.map((r) => r.kind)).toEqual([
        'gcp.iam',
        'gcp.storage.retention',
        'gcp.iam',
        'gcp.storage.retention',
        'gcp.iam.diff',
        'gcp.storage.retention.diff',
      ]);
      expect(rows.slice(0, 4).every((r) => r.provenance === 'admin_export')).toBe(true);
      const iam = await t.call<{ changes: { type: string; subject: string }[] }>('diff.run', { source: 'demo-gcp', kind: 'gcp.iam' });
      expect(iam.changes.map((c) => c.type)).toEqual(['role_changed', 'condition_changed', 'member_added']);
    } finally {
      t.cleanup();
    }
  });
});
