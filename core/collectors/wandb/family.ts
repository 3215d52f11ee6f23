import { wandbAccessDiffer } from '../../diff/wandb/access-differ';
import { wandbAuditLogDiffer } from '../../diff/wandb/audit-log-differ';
import { wandbRegistryDiffer } from '../../diff/wandb/registry-differ';
import { wandbRetentionDiffer } from '../../diff/wandb/retention-differ';
import { sourceFamily } from '../../families/types';
import { wandbImporter } from './import/importer';
import { wandbCollector } from './index';

/**
 * Weights & Biases: team and registry access (CC6.1–6.3), registry versions and aliases (CC8.1), artifact TTL
 * (C1.1/C1.2) and Enterprise audit logs (CC7.2). W&B keeps no alias history and 7 days of audit log on its
 * multi-tenant cloud, so these snapshots and their diffs are the lasting record.
 */
export const wandbFamily = sourceFamily({
  type: 'wandb',
  collector: wandbCollector,
  differs: {
    'wandb.access': wandbAccessDiffer,
    'wandb.registry': wandbRegistryDiffer,
    'wandb.retention': wandbRetentionDiffer,
    'wandb.audit-log': wandbAuditLogDiffer,
  },
  importers: [wandbImporter],
  evidence: { 'wandb.access': 'access', 'wandb.registry': 'registry', 'wandb.retention': 'retention', 'wandb.audit-log': 'logging' },
});
