import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArmStub, type ArmStub } from '../fixtures/azure/arm-stub';
import { azRoleAssignmentRows } from '../fixtures/azure/az-files';
import { applyMonthOfChanges } from '../fixtures/azure/changes';
import { azureCore, stubConfig, type AzureHarness } from '../fixtures/azure/harness';

/** Two collections from the stub with a month of changes between them, then each kind's diff in the common model. */
let stub: ArmStub;
let h: AzureHarness;
type Diff = { changes: { type: string; subject: string; field?: string; before?: unknown; after?: unknown }[] };
const diff = (kind: string) => h.call<Diff>('diff.run', { source: 'prod', kind });
const types = (d: Diff) => d.changes.map((c) => c.type);

beforeAll(async () => {
  stub = await startArmStub();
  h = await azureCore(stub);
  await h.call('source.add', { type: 'azure', name: 'prod', config: stubConfig(stub) });
  await h.call('collect.run', { source: 'prod' });
  applyMonthOfChanges(stub.state);
  await h.call('collect.run', { source: 'prod' });
});
afterAll(async () => (h.cleanup(), await stub.close()));

describe('azure diffs between two collections', () => {
  it('azure.rbac: joiners, leavers, role changes, conditions and orphans', async () => {
    const d = await diff('azure.rbac');
    expect(types(d).sort()).toEqual(
      ['condition_changed', 'principal_added', 'principal_orphaned', 'principal_removed', 'role_changed', 'role_granted'].sort(),
    );
    expect(d.changes.find((c) => c.type === 'role_changed')).toMatchObject({
      subject: 'principal bob@contoso.example (User)',
      field: 'at rg-ml/workspaces/ws-fraud',
      before: 'AzureML Data Scientist',
      after: 'Reader',
    });
    expect(d.changes.find((c) => c.type === 'principal_removed')).toMatchObject({ before: ['Contributor at rg-data'] });
    expect(d.changes.find((c) => c.type === 'role_granted')).toMatchObject({ subject: 'principal ml-pipeline (ServicePrincipal)', after: 'Owner' });
    expect(d.changes.find((c) => c.type === 'principal_orphaned')).toMatchObject({ subject: 'principal dave@contoso.example (User)' });
  });

  it('azure.storage.retention: lifecycle, soft delete, locks, public access and legal holds', async () => {
    const d = await diff('azure.storage.retention');
    expect(types(d).sort()).toEqual(
      [
        'container_public_access_changed',
        'immutability_locked',
        'legal_hold_removed',
        'lifecycle_policy_added',
        'lifecycle_rule_changed',
        'soft_delete_changed',
      ].sort(),
    );
    expect(d.changes.find((c) => c.type === 'lifecycle_policy_added')).toMatchObject({
      subject: 'storage account logsarchive',
      before: 'not_configured',
      after: 'configured',
    });
    expect(d.changes.find((c) => c.type === 'lifecycle_rule_changed')).toMatchObject({
      field: 'lifecycle rule expire-raw',
      before: 'training/raw/ · baseBlob delete after 30 d, tierToCool after 7 d',
      after: 'training/raw/ · baseBlob delete after 60 d, tierToCool after 7 d',
    });
    expect(d.changes.find((c) => c.type === 'immutability_locked')).toMatchObject({
      subject: 'container mldata01/models',
      before: 'Unlocked, 30 d',
      after: 'Locked, 30 d',
    });
    expect(d.changes.find((c) => c.type === 'legal_hold_removed')).toMatchObject({ before: ['litigation2026'], after: null });
  });

  it('azure.ml.registry: versions created, stages moved with who and when, archived', async () => {
    const d = await diff('azure.ml.registry');
    // The stub tags a version validated=true while it is in Production: the tag moves with the stage.
    expect(types(d)).toEqual(['stage_changed', 'version_archived', 'tag_changed', 'stage_changed', 'tag_changed', 'version_created']);
    expect(d.changes[3]).toMatchObject({
      subject: 'workspace rg-ml/ws-fraud model fraud-detector v3',
      before: 'Development by ml-pipeline at 2025-06-01T07:00:00.000Z',
      after: 'Production by dave@contoso.example at 2025-07-03T09:00:00.000Z',
    });
  });

  it('an az export without --all is compared on subscription-scope grants only, and says so', async () => {
    const path = join(h.home, 'ra.json');
    writeFileSync(path, JSON.stringify(azRoleAssignmentRows(stub.state, { all: false })));
    await h.call('import.run', { type: 'azure', file: path, source: 'prod' });
    const d = await diff('azure.rbac');
    expect(types(d)).toEqual(['comparison_limited']);
  });
});
