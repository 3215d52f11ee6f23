import { gcpIamDiffer } from '../../diff/gcp/iam-differ';
import { gcpStorageDiffer } from '../../diff/gcp/storage-differ';
import { gcpVertexDiffer } from '../../diff/gcp/vertex-differ';
import { sourceFamily } from '../../families/types';
import { gcpImporter } from '../../import/gcp-importer';
import { gcpCollector } from './collector';

/** Google Cloud: project IAM (v3 policy, conditions, audit configs), Cloud Storage retention and bucket IAM, Vertex AI registry. */
export const gcpFamily = sourceFamily({
  type: 'gcp',
  collector: gcpCollector,
  differs: { 'gcp.iam': gcpIamDiffer, 'gcp.storage.retention': gcpStorageDiffer, 'gcp.vertex.registry': gcpVertexDiffer },
  importers: [gcpImporter],
  evidence: { 'gcp.iam': 'identity', 'gcp.storage.retention': 'retention', 'gcp.vertex.registry': 'registry' },
});
