import { join } from 'node:path';
import type { Core } from '../core/api';

/**
 * Azure demo evidence: two `az role assignment list --all -o json` exports and two `az storage account
 * management-policy show -o json` exports a month apart (generated from the test stub's tenant in az's shape: a
 * leaver, a joiner, a role change, a new condition, an orphan, a lifecycle rule lengthened), imported through
 * `import azure` like an admin's files, then diffed.
 */
export function azureDemoSteps(core: Core, dir: string): [string, () => ReturnType<Core['callUntyped']>][] {
  const file = (name: string) => ({ type: 'azure', file: join(dir, name), source: 'demo-azure' });
  return [
    ['import', () => core.call('import.run', file('azure-role-assignments-1.json'))],
    ['import', () => core.call('import.run', file('azure-management-policy-1.json'))],
    ['import', () => core.call('import.run', file('azure-role-assignments-2.json'))],
    ['import', () => core.call('import.run', file('azure-management-policy-2.json'))],
    ['diff', () => core.call('diff.run', { source: 'demo-azure', kind: 'azure.rbac' })],
    ['diff', () => core.call('diff.run', { source: 'demo-azure', kind: 'azure.storage.retention' })],
  ];
}
