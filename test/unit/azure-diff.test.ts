import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArmStub, type ArmStub } from '../fixtures/azure/arm-stub';
import { azRoleAssignmentRows } from '../fixtures/azure/az-files';
import { azureCore, stubConfig, type AzureHarness } from '../fixtures/azure/harness';
import { SUB_SCOPE, workspaceId } from '../fixtures/azure/ids';

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
  const s = stub.state;
  // Access: a leaver's grant removed, a joiner, a role change, a new condition, an orphan, a new privileged grant.
  s.assignments = s.assignments.filter((a) => a.principal !== 'leaver');
  s.assignments.push({ name: '0b0c0d0e-0000-4000-8000-000000000010', scope: SUB_SCOPE, role: 'Reader', principal: 'frank', createdOn: '2025-07-01T00:00:00Z' });
  s.assignments.find((a) => a.principal === 'bob')!.role = 'Reader';
  s.assignments.find((a) => a.principal === 'carol')!.condition = "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'models'";
  s.assignments.push({ name: '0b0c0d0e-0000-4000-8000-000000000011', scope: SUB_SCOPE, role: 'Owner', principal: 'pipeline', createdOn: '2025-07-02T00:00:00Z' });
  s.deleted.add('dave');
  // Retention: a rule lengthened, a policy created where there was none, soft delete shortened, a lock, public access off, a hold lifted.
  const data = s.accounts.find((a) => a.name === 'mldata01')!;
  data.rules!.find((r) => r.name === 'expire-raw')!.deleteAfterDays = 60;
  data.softDeleteDays = 7;
  data.containers.find((c) => c.name === 'models')!.immutability!.state = 'Locked';
  data.containers.find((c) => c.name === 'public-samples')!.publicAccess = 'None';
  delete data.containers.find((c) => c.name === 'training')!.legalHoldTags;
  s.accounts.find((a) => a.name === 'logsarchive')!.rules = [{ name: 'keep-7y', deleteAfterDays: 2555 }];
  // Registry: v3 promoted by dave, v2 archived, v4 registered.
  const fraud = s.ml[0]!.models[0]!;
  Object.assign(fraud.versions[2]!, { stage: 'Production', modifiedBy: 'dave@contoso.example', modifiedAt: '2025-07-03T09:00:00Z' });
  Object.assign(fraud.versions[1]!, { stage: 'Archived', isArchived: true, modifiedBy: 'dave@contoso.example', modifiedAt: '2025-07-03T09:01:00Z' });
  fraud.versions.push({ version: '4', stage: 'Development', createdBy: 'ml-pipeline', createdAt: '2025-07-04T07:00:00Z' });
  await h.call('collect.run', { source: 'prod' });
});
afterAll(async () => (h.cleanup(), await stub.close()));

describe('azure diffs between two collections', () => {
  it('azure.rbac: joiners, leavers, role changes, conditions and orphans', async () => {
    const d = await diff('azure.rbac');
    expect(types(d).sort()).toEqual(['condition_changed', 'principal_added', 'principal_orphaned', 'principal_removed', 'role_changed', 'role_granted'].sort());
    expect(d.changes.find((c) => c.type === 'role_changed')).toMatchObject({ subject: 'principal bob@contoso.example (User)', field: `role at ${workspaceId('rg-ml', 'ws-fraud')}`, before: 'AzureML Data Scientist', after: 'Reader' });
    expect(d.changes.find((c) => c.type === 'principal_removed')).toMatchObject({ before: [{ role: 'Contributor', scope: `${SUB_SCOPE}/resourceGroups/rg-data` }] });
    expect(d.changes.find((c) => c.type === 'role_granted')).toMatchObject({ subject: 'principal ml-pipeline (ServicePrincipal)', after: 'Owner' });
  });

  it('azure.storage.retention: lifecycle, soft delete, locks, public access and legal holds', async () => {
    const d = await diff('azure.storage.retention');
    expect(types(d).sort()).toEqual(['container_public_access_changed', 'immutability_locked', 'legal_hold_removed', 'lifecycle_policy_added', 'lifecycle_rule_changed', 'soft_delete_changed'].sort());
    expect(d.changes.find((c) => c.type === 'lifecycle_policy_added')).toMatchObject({ subject: 'storage account logsarchive', before: 'not_configured', after: 'configured' });
  });

  it('azure.ml.registry: versions created, stages moved with who and when, archived', async () => {
    const d = await diff('azure.ml.registry');
    // The stub tags a version validated=true while it is in Production: the tag moves with the stage.
    expect(types(d)).toEqual(['stage_changed', 'version_archived', 'tag_changed', 'stage_changed', 'tag_changed', 'version_created']);
    expect(d.changes[3]).toMatchObject({ subject: 'workspace rg-ml/ws-fraud model fraud-detector v3', before: { stage: 'Development' }, after: { stage: 'Production', by: 'dave@contoso.example', at: '2025-07-03T09:00:00.000Z' } });
  });

  it('an az export without --all is compared on subscription-scope grants only, and says so', async () => {
    const path = join(h.home, 'ra.json');
    writeFileSync(path, JSON.stringify(azRoleAssignmentRows(stub.state, { all: false })));
    await h.call('import.run', { type: 'azure', file: path, source: 'prod' });
    const d = await diff('azure.rbac');
    expect(types(d)).toEqual(['comparison_limited']);
  });
});
