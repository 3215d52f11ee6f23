import { fileURLToPath } from 'node:url';
import type { Core } from '../core/api';
import { azureDemoSteps } from './demo-azure';
import { DEMO_PERIOD, historySetupSteps, historySteps } from './demo-history';
import { gcpDemoSteps } from './demo-gcp';
import { vendorDemoSteps } from './demo-vendors';

const DEMO_DIR = fileURLToPath(new URL('../resources/demo/', import.meta.url));

/**
 * Fills an empty workspace with demo evidence so a newcomer can try the app without credentials. The workspace is
 * labelled demo (store and signed log: the app's banner, each bundle's PDF and manifest say so). MLflow and AWS:
 * a 12-week Type 2 window of weekly admin exports, each imported with the day it is evidence for (one week missed,
 * one partial S3 export, a promotion and a leaver in between), the audit period and weekly schedules. GCP and
 * Azure: two snapshots each and their diffs.
 */
export async function seedDemo(core: Core, out: (t: string) => void, now = new Date()): Promise<boolean> {
  const status = await core.call('store.status', {});
  if (!status.ok || status.value.items > 0) return false;
  const steps: [string, () => Promise<{ ok: boolean; error?: { message: string } }>][] = [
    ['label', () => core.call('store.init', { demo: true })],
    ...historySteps(core, DEMO_DIR, now),
    ...gcpDemoSteps(core, DEMO_DIR),
    ...azureDemoSteps(core, DEMO_DIR),
    ...historySetupSteps(core, now),
    ...vendorDemoSteps(core, DEMO_DIR, now),
  ];
  for (const [name, step] of steps) {
    const r = await step();
    if (!r.ok) {
      out(`Demo data could not be loaded (${name}: ${r.error?.message ?? 'failed'}); the workspace is incomplete.`);
      return false;
    }
  }
  out(
    `Loaded demo evidence: a 12-week Type 2 window ("${DEMO_PERIOD}") of weekly MLflow and AWS admin exports (one week missed, one partial, a promotion and a leaver), two GCP IAM and bucket snapshots and two Azure role-assignment and lifecycle-policy snapshots, and their diffs; an AI vendor register (a SOC 2 report expiring in 20 days) and two manual files (one expired).`,
  );
  return true;
}
