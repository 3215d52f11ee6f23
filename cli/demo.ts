import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Core } from '../core/api';
import { azureDemoSteps } from './demo-azure';
import { gcpDemoSteps } from './demo-gcp';

const DEMO_DIR = fileURLToPath(new URL('../resources/demo/', import.meta.url));

/**
 * Fills an empty workspace with demo evidence so a newcomer can try diffs, exports and verification without
 * credentials: two MLflow admin exports taken at different times (a promotion, an alias move, a permission
 * downgrade and a new user between them), imported as `admin_export` evidence, and their diffs.
 */
export async function seedDemo(core: Core, out: (t: string) => void): Promise<boolean> {
  const status = await core.call('store.status', {});
  if (!status.ok || status.value.items > 0) return false;
  const file = (name: string) => ({ type: 'mlflow', file: join(DEMO_DIR, name), source: 'demo-mlflow' });
  const steps: [string, () => ReturnType<Core['callUntyped']>][] = [
    ['import', () => core.call('import.run', file('mlflow-model-versions-1.json'))],
    ['import', () => core.call('import.run', file('mlflow-users-1.json'))],
    ['import', () => core.call('import.run', file('mlflow-model-versions-2.json'))],
    ['import', () => core.call('import.run', file('mlflow-users-2.json'))],
    ['diff', () => core.call('diff.run', { source: 'demo-mlflow', kind: 'mlflow.registry' })],
    ['diff', () => core.call('diff.run', { source: 'demo-mlflow', kind: 'mlflow.access' })],
    ...gcpDemoSteps(core, DEMO_DIR),
    ...azureDemoSteps(core, DEMO_DIR),
  ];
  for (const [name, step] of steps) {
    const r = await step();
    if (!r.ok) {
      out(`Demo data could not be loaded (${name}: ${r.error.message}); the workspace stays empty.`);
      return false;
    }
  }
  out(
    'Loaded demo evidence: two MLflow registry and access snapshots, two GCP IAM and bucket snapshots and two Azure role-assignment and lifecycle-policy snapshots (imported admin exports), and their diffs.',
  );
  return true;
}
