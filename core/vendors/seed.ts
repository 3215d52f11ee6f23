import type { EvidenceStore } from '../store/evidence-store';
import { countItemsByKind, listSources } from '../store/store-reads';
import type { VendorSuggestion } from './record';

/** Which service a collected kind shows is in use, per vendor (kinds are `<type>.<service>…`). */
const SERVICE_BY_KIND: { vendor: string; test: RegExp; service: string }[] = [
  { vendor: 'Amazon Web Services', test: /^aws\.sagemaker/, service: 'Amazon SageMaker (model registry)' },
  { vendor: 'Amazon Web Services', test: /^aws\.bedrock/, service: 'Amazon Bedrock' },
  { vendor: 'Amazon Web Services', test: /^aws\.(iam|credential-report)/, service: 'AWS IAM' },
  { vendor: 'Amazon Web Services', test: /^aws\.cloudtrail/, service: 'AWS CloudTrail' },
  { vendor: 'Amazon Web Services', test: /^aws\.logs/, service: 'Amazon CloudWatch Logs' },
  { vendor: 'Google Cloud', test: /^gcp\.vertex/, service: 'Vertex AI (model registry)' },
  { vendor: 'Google Cloud', test: /^gcp\.iam/, service: 'Cloud IAM' },
  { vendor: 'Google Cloud', test: /^gcp\.storage/, service: 'Cloud Storage' },
  { vendor: 'Microsoft Azure', test: /^azure\.ml/, service: 'Azure Machine Learning' },
  { vendor: 'Microsoft Azure', test: /^azure\.rbac/, service: 'Azure RBAC / Entra ID' },
  { vendor: 'Microsoft Azure', test: /^azure\.storage/, service: 'Azure Blob Storage' },
  { vendor: 'Weights & Biases', test: /^wandb\.registry/, service: 'W&B Registry' },
  { vendor: 'Weights & Biases', test: /^wandb\./, service: 'W&B Models (experiment tracking)' },
  { vendor: 'Databricks', test: /^mlflow\./, service: 'Managed MLflow (tracking, model registry)' },
];

const hostOf = (url: unknown): string => {
  try {
    return typeof url === 'string' ? new URL(url).hostname.toLowerCase() : '';
  } catch {
    return '';
  }
};

/**
 * The vendor a configured source is hosted by, or null for software the organisation runs itself (a self-hosted
 * MLflow tracking server is not a subservice organisation; Databricks-hosted MLflow is).
 */
function vendorOfSource(type: string, config: Record<string, unknown>): string | null {
  switch (type) {
    case 'aws':
      return 'Amazon Web Services';
    case 'gcp':
      return 'Google Cloud';
    case 'azure':
      return 'Microsoft Azure';
    case 'wandb':
      return 'Weights & Biases';
    case 'mlflow':
      return /(^|\.)(cloud\.databricks\.com|azuredatabricks\.net|gcp\.databricks\.com)$/.test(hostOf(config.url)) ? 'Databricks' : null;
    default:
      return null;
  }
}

/**
 * Vendors the connectors see: one per hosting provider of a configured source, with the services its collected
 * kinds show in use. Evidence already stored by a source counts even when the source was removed since.
 */
export function suggestVendors(store: EvidenceStore, inRegister: (name: string) => boolean): VendorSuggestion[] {
  const kinds = Object.keys(countItemsByKind(store));
  const byVendor = new Map<string, VendorSuggestion>();
  for (const s of listSources(store, true)) {
    const vendor = vendorOfSource(s.type, s.config);
    if (!vendor) continue;
    let v = byVendor.get(vendor);
    if (!v)
      byVendor.set(
        vendor,
        (v = { name: vendor, services: [], seededFrom: { sources: [], sourceTypes: [], kinds: [] }, inRegister: inRegister(vendor) }),
      );
    if (!v.seededFrom.sources.includes(s.name)) v.seededFrom.sources.push(s.name);
    if (!v.seededFrom.sourceTypes.includes(s.type)) v.seededFrom.sourceTypes.push(s.type);
    for (const kind of kinds.filter((k) => k.startsWith(`${s.type}.`) && !k.endsWith('.diff'))) {
      if (!v.seededFrom.kinds.includes(kind)) v.seededFrom.kinds.push(kind);
      const rule = SERVICE_BY_KIND.find((r) => r.vendor === vendor && r.test.test(kind));
      if (rule && !v.services.includes(rule.service)) v.services.push(rule.service);
    }
  }
  for (const v of byVendor.values()) {
    v.seededFrom.sources.sort();
    v.seededFrom.kinds.sort();
    v.services.sort();
  }
  return [...byVendor.values()].sort((a, b) => a.name.localeCompare(b.name));
}
