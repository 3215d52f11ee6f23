import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startArmStub, type ArmStub } from '../fixtures/azure/arm-stub';
import { azureCore, stubConfig, type AzureHarness } from '../fixtures/azure/harness';
import { MG_SCOPE, PRINCIPALS, SUB, rg } from '../fixtures/azure/ids';

interface Item {
  seq: number;
  kind: string;
  completeness: string;
}

let stub: ArmStub;
let h: AzureHarness;
beforeAll(async () => {
  stub = await startArmStub();
});
afterAll(async () => stub.close());
beforeEach(async () => {
  stub.reset();
  h?.cleanup();
  h = await azureCore(stub);
  await h.call('source.add', { type: 'azure', name: 'prod', config: stubConfig(stub) });
});

async function latest(kind: string): Promise<{ content: Record<string, unknown>; ipe: Record<string, unknown> }> {
  const page = await h.call<{ rows: Item[] }>('items.list', { kind, limit: 5000 });
  const seq = page.rows.at(-1)!.seq;
  return h.call('items.show', { seq });
}

describe('azure collection against the ARM stub', () => {
  it('collects all three kinds complete, with role assignments at every scope', async () => {
    const [run] = await h.call<{ status: string; outcomes: { kind: string; completeness: string }[] }[]>('collect.run', { source: 'prod' });
    expect(run!.outcomes.map((o) => [o.kind, o.completeness])).toEqual([
      ['azure.rbac', 'complete'],
      ['azure.storage.retention', 'complete'],
      ['azure.ml.registry', 'complete'],
    ]);
    const rbac = (await latest('azure.rbac')).content as {
      assignments: { scope: string; scopeLevel: string; roleName: string; orphaned: boolean; principalId: string }[];
    };
    expect(new Set(rbac.assignments.map((a) => a.scopeLevel))).toEqual(new Set(['managementGroup', 'subscription', 'resourceGroup', 'resource']));
    expect(rbac.assignments.find((a) => a.scope === MG_SCOPE)?.roleName).toBe('Reader');
    expect(
      rbac.assignments
        .filter((a) => a.scope === rg('rg-ml'))
        .map((a) => a.roleName)
        .sort(),
    ).toEqual(['Contributor', 'ML Model Approver']);
    expect(rbac.assignments.filter((a) => a.orphaned).map((a) => a.principalId)).toEqual([PRINCIPALS.leaver.id]);
    // The trap: $filter=atScope() would have dropped every resource-group and resource assignment.
    expect(stub.requests.filter((r) => r.path.endsWith('/roleAssignments')).every((r) => !r.query.has('$filter'))).toBe(true);
    expect(stub.requests.filter((r) => r.path.endsWith('/roleAssignments'))).toHaveLength(2); // two pages, nextLink followed
    expect(SUB).toBeTruthy();
  });
});
