import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedWandbDemo } from '../../cli/demo-wandb';
import { createCore } from '../../core/api';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { tempDir } from '../helpers/temp-store';

describe('W&B demo evidence (npm start)', () => {
  it('is imported through the real import path, diffs, and exports under CC6.2, CC8.1, C1.1 and CC7.2', async () => {
    const tmp = tempDir('el-wandb-demo-');
    const core = createCore({ home: join(tmp.dir, 'home'), secrets: new MemorySecretStore() });
    try {
      await core.call('store.init', {});
      expect(await seedWandbDemo(core)).toMatch(/^Loaded W&B demo evidence/);
      const changes = async (kind: string) => {
        const r = await core.call('diff.run', { source: 'demo-wandb', kind });
        if (!r.ok) throw new Error(r.error.message);
        return r.value.changes.map((c) => `${c.type} ${c.subject}`);
      };
      expect(await changes('wandb.access')).toEqual(['user_removed team acme-ml: user bo', 'invite_accepted team acme-ml: user cy']);
      expect(await changes('wandb.registry')).toEqual([
        'alias_moved wandb-registry-model/fraud-detector',
        'version_added wandb-registry-model/fraud-detector v3',
      ]);
      expect(await changes('wandb.retention')).toEqual(['ttl_version_added wandb-registry-model/fraud-detector v3']);
      for (const criterion of ['CC6.2', 'CC8.1', 'C1.1', 'CC7.2']) {
        const r = await core.call('export.bundle', { criterion, from: '2026-01-01', to: '2100-12-31', out: join(tmp.dir, 'out') });
        expect(r, criterion).toMatchObject({ ok: true });
      }
      expect(await core.call('store.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
    } finally {
      core.close();
      tmp.cleanup();
    }
  });
});
