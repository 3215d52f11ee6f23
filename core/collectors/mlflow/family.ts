import { accessDiffer } from '../../diff/mlflow/access-differ';
import { registryDiffer } from '../../diff/mlflow/registry-differ';
import { retentionDiffer } from '../../diff/mlflow/retention-differ';
import { sourceFamily } from '../../families/types';
import { mlflowImporter } from '../../import/mlflow-importer';
import { mlflowCollector } from './index';

/** MLflow: registry (stages, aliases), lineage, users and permissions, soft-delete retention. */
export const mlflowFamily = sourceFamily({
  type: 'mlflow',
  collector: mlflowCollector,
  differs: { 'mlflow.registry': registryDiffer, 'mlflow.access': accessDiffer, 'mlflow.retention': retentionDiffer },
  importers: [mlflowImporter],
  evidence: { 'mlflow.access': 'access', 'mlflow.registry': 'registry', 'mlflow.lineage': 'lineage', 'mlflow.retention': 'retention' },
});
