import { mlRegistryDiffer } from '../../diff/azure/ml-differ';
import { rbacDiffer } from '../../diff/azure/rbac-differ';
import { storageDiffer } from '../../diff/azure/storage-differ';
import { sourceFamily, type SourceFamily } from '../../families/types';
import { createAzureCollector, type AzureDeps } from './collector';
import { azureImporter } from './import/importer';

/**
 * Azure: role assignments (CC6.x), storage retention (C1.x, P4.x) and the Azure ML model registry (CC8.1).
 * `createAzureFamily(deps)` lets tests inject a TokenCredential and HTTP deps; the built-in list uses the default.
 */
export function createAzureFamily(deps: AzureDeps = {}): SourceFamily {
  return sourceFamily({
    type: 'azure',
    collector: createAzureCollector(deps),
    differs: { 'azure.rbac': rbacDiffer, 'azure.storage.retention': storageDiffer, 'azure.ml.registry': mlRegistryDiffer },
    importers: [azureImporter],
    evidence: { 'azure.rbac': 'identity', 'azure.storage.retention': 'retention', 'azure.ml.registry': 'registry' },
  });
}

export const azureFamily = createAzureFamily();
