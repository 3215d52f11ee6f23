import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Core } from '../core/api';

const DEMO_DIR = fileURLToPath(new URL('../resources/demo/', import.meta.url));

/**
 * W&B demo evidence, imported through the real `import wandb` path: a team's members and the registry's versions
 * saved a week apart (a leaver, an accepted invite, production rolled back to v1, v3 linked with a 7-day TTL), the
 * TTLs from the same registry files, an audit log, and the diffs between the two snapshots.
 */
export async function seedWandbDemo(core: Core): Promise<string> {
  const file = (name: string, kind?: string) => ({ type: 'wandb', file: join(DEMO_DIR, name), source: 'demo-wandb', ...(kind ? { kind } : {}) });
  const steps: (() => ReturnType<Core['callUntyped']>)[] = [
    () => core.call('import.run', file('wandb-team-1.json')),
    () => core.call('import.run', file('wandb-registry-versions-1.json')),
    () => core.call('import.run', file('wandb-registry-versions-1.json', 'wandb.retention')),
    () => core.call('import.run', file('wandb-team-2.json')),
    () => core.call('import.run', file('wandb-registry-versions-2.json')),
    () => core.call('import.run', file('wandb-registry-versions-2.json', 'wandb.retention')),
    () => core.call('import.run', file('wandb-audit-log.jsonl')),
    () => core.call('diff.run', { source: 'demo-wandb', kind: 'wandb.access' }),
    () => core.call('diff.run', { source: 'demo-wandb', kind: 'wandb.registry' }),
    () => core.call('diff.run', { source: 'demo-wandb', kind: 'wandb.retention' }),
  ];
  for (const step of steps) {
    const r = await step();
    if (!r.ok) return `W&B demo data could not be loaded (${r.error.message}).`;
  }
  return 'Loaded W&B demo evidence: team members and registry versions a week apart (imported admin exports), TTLs, an audit log and their diffs.';
}
