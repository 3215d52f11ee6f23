import { Agent } from 'node:https';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { StorageManagementClient } from '@azure/arm-storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArmStub, type ArmStub } from '../fixtures/azure/arm-stub';
import { azureCore, fakeCredential, stubConfig, type AzureHarness } from '../fixtures/azure/harness';
import { ROLES, SUB, SUB_SCOPE } from '../fixtures/azure/ids';

/**
 * The stub cannot drift from what Microsoft's SDKs expect: the official @azure/arm-authorization and
 * @azure/arm-storage clients read the same stub (custom endpoint, a fake TokenCredential, trusting the stub's
 * certificate), and what they parse is compared with what our collector stored.
 */
let stub: ArmStub;
let h: AzureHarness;
let stored: Record<string, Record<string, unknown>> = {};
// Scopes go to the SDK without the leading slash (the spec's own example: "scope": "subscriptions/…").
// The SDKs insist on https for bearer tokens; this per-call policy makes them trust the stub's self-signed cert.
const trustStub = () => ({
  policy: {
    name: 'trust-stub-cert',
    sendRequest: (req: { agent?: unknown }, next: (r: unknown) => unknown) => ((req.agent = new Agent({ ca: stub.cert.cert })), next(req)),
  },
  position: 'perCall' as const,
});
const options = () => ({ endpoint: stub.url, additionalPolicies: [trustStub()] }) as never;

beforeAll(async () => {
  stub = await startArmStub();
  h = await azureCore(stub);
  await h.call('source.add', { type: 'azure', name: 'prod', config: stubConfig(stub) });
  await h.call('collect.run', { source: 'prod' });
  const page = await h.call<{ rows: { seq: number; kind: string }[] }>('items.list', { limit: 100 });
  for (const r of page.rows) stored[r.kind] = (await h.call<{ content: Record<string, unknown> }>('items.show', { seq: r.seq })).content;
});
afterAll(async () => {
  h.cleanup();
  await stub.close();
  stored = {};
});

describe('@azure/arm-authorization 9.0.0 reads the stub', () => {
  const client = () => new AuthorizationManagementClient(fakeCredential(), SUB, options());

  it('lists every role assignment across both pages, as our collector stored them', async () => {
    const sdk = [];
    for await (const a of client().roleAssignments.listForSubscription()) sdk.push(a);
    const ours = stored['azure.rbac']!.assignments as {
      id: string;
      principalId: string;
      roleDefinitionId: string;
      scope: string;
      principalType: string;
      condition: string | null;
    }[];
    expect(sdk).toHaveLength(7);
    const view = (x: {
      id?: string;
      principalId?: string;
      roleDefinitionId?: string;
      scope?: string;
      principalType?: string;
      condition?: string | null;
    }) => [x.id, x.principalId, (x.roleDefinitionId ?? '').split('/').at(-1), x.scope, x.principalType, x.condition ?? null].join('|');
    expect(sdk.map(view).sort()).toEqual(ours.map(view).sort());
    // The SDK flattens `properties`: it saw the same createdOn instants we normalised.
    expect(sdk.map((a) => a.createdOn!.toISOString()).sort()).toEqual(ours.map((a) => (a as unknown as { createdOn: string }).createdOn).sort());
  });

  it('parses role definitions (name, actions, data actions) as we stored them, including the one fetched by id', async () => {
    const listed = [];
    for await (const d of client().roleDefinitions.list(SUB_SCOPE.slice(1))) listed.push(d);
    const custom = await client().roleDefinitions.getById(
      `${SUB_SCOPE}/providers/Microsoft.Authorization/roleDefinitions/${ROLES['ML Model Approver']}`,
    );
    const ours = stored['azure.rbac']!.roleDefinitions as {
      id: string;
      roleName: string;
      permissions: { actions: string[]; dataActions: string[] }[];
    }[];
    for (const d of [...listed, custom].filter((x) => ours.some((o) => o.id === x.name))) {
      const o = ours.find((x) => x.id === d.name)!;
      expect([o.roleName, o.permissions[0]!.actions, o.permissions[0]!.dataActions]).toEqual([
        d.roleName,
        d.permissions![0]!.actions,
        d.permissions![0]!.dataActions,
      ]);
    }
    expect(listed.some((d) => d.name === ROLES['ML Model Approver'])).toBe(false); // applicable "at scope and above" only
    expect(custom.roleType).toBe('CustomRole');
  });
});

describe('@azure/arm-storage 20.0.0 reads the stub', () => {
  const client = () => new StorageManagementClient(fakeCredential(), SUB, options());
  type Account = {
    name: string;
    lifecycle: { status: string; code?: string; config?: { rules: { name: string }[] } };
    blobService: { config: { deleteRetentionPolicy: { days?: number }; isVersioningEnabled: boolean } };
    containers: {
      config: {
        name: string;
        publicAccess: string;
        immutabilityPolicy: { config: { state: string; immutabilityPeriodSinceCreationInDays: number } } | null;
        legalHold: { config: { tags: { tag: string }[] } } | null;
      }[];
    };
  };
  const ours = (name: string) => (stored['azure.storage.retention']!.accounts as Account[]).find((a) => a.name === name)!;

  it('lists the accounts and reads lifecycle policies; a missing policy is the same 404 to the SDK', async () => {
    const accounts = [];
    for await (const a of client().storageAccounts.list()) accounts.push(a);
    expect(accounts.map((a) => a.name).sort()).toEqual(['logsarchive', 'mldata01']);
    const policy = await client().managementPolicies.get('rg-data', 'mldata01', 'default');
    expect(policy.policy!.rules.map((r) => r.name).sort()).toEqual(ours('mldata01').lifecycle.config!.rules.map((r) => r.name));
    expect(policy.policy!.rules.find((r) => r.name === 'expire-raw')!.definition.actions.baseBlob!.delete!.daysAfterModificationGreaterThan).toBe(30);
    const missing = await client()
      .managementPolicies.get('rg-ops', 'logsarchive', 'default')
      .catch((e: { statusCode?: number; code?: string }) => e);
    expect(missing).toMatchObject({ statusCode: 404, code: 'ManagementPolicyNotFound' });
    expect(ours('logsarchive').lifecycle).toEqual({ status: 'not_configured', code: 'ManagementPolicyNotFound' });
  });

  it('reads soft delete, versioning, containers, immutability and legal holds as we stored them', async () => {
    const svc = await client().blobServices.getServiceProperties('rg-data', 'mldata01');
    expect([svc.deleteRetentionPolicy?.days, svc.isVersioningEnabled]).toEqual([
      ours('mldata01').blobService.config.deleteRetentionPolicy.days,
      ours('mldata01').blobService.config.isVersioningEnabled,
    ]);
    const containers = [];
    for await (const c of client().blobContainers.list('rg-data', 'mldata01')) containers.push(c);
    expect(containers.map((c) => [c.name, c.publicAccess])).toEqual(ours('mldata01').containers.config.map((c) => [c.name, c.publicAccess]));
    const lock = await client().blobContainers.getImmutabilityPolicy('rg-data', 'mldata01', 'training');
    const training = ours('mldata01').containers.config.find((c) => c.name === 'training')!;
    expect([lock.state, lock.immutabilityPeriodSinceCreationInDays]).toEqual([
      training.immutabilityPolicy!.config.state,
      training.immutabilityPolicy!.config.immutabilityPeriodSinceCreationInDays,
    ]);
    const detail = await client().blobContainers.get('rg-data', 'mldata01', 'training');
    expect(detail.legalHold?.tags?.map((t) => t.tag)).toEqual(training.legalHold!.config.tags.map((t) => t.tag));
  });
});
