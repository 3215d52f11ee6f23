import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { azManagementPolicy, azRoleAssignmentRows } from '../fixtures/azure/az-files';
import { PRINCIPALS, SUB } from '../fixtures/azure/ids';
import { defaultState } from '../fixtures/azure/state';
import { tempCore } from '../helpers/temp-store';

type Core = Awaited<ReturnType<typeof tempCore>>;
let t: Core;
beforeEach(async () => {
  t?.cleanup();
  t = await tempCore();
});
afterAll(() => t.cleanup());

const file = (name: string, body: unknown) => {
  const path = join(t.home, name);
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body, null, 2));
  return path;
};
const show = async (seq: number) =>
  t.call<{ content: Record<string, unknown>; ipe: Record<string, unknown>; completeness: string }>('items.show', { seq });
/** The whole status (log size, sources, runs, items): a refused file must change none of it. */
const status = async () => JSON.stringify(await t.call('store.status'));

describe('import azure FILE', () => {
  it('`az role assignment list --all -o json`: every scope, orphans flagged, the re-runnable command stored', async () => {
    const state = defaultState();
    state.assignments.push({
      name: '0b0c0d0e-0000-4000-8000-000000000099',
      scope: `/subscriptions/${SUB}`,
      role: 'Reader',
      principal: 'bob',
      createdOn: '2025-07-01T00:00:00Z',
    });
    const rows = azRoleAssignmentRows(state);
    rows.at(-1)!.principalType = 'Unknown'; // az's word for a principal it could not find
    const r = await t.call<{ seq: number; kind: string; completeness: string; source: string }>('import.run', {
      type: 'azure',
      file: file('ra.json', rows),
    });
    expect(r).toMatchObject({ kind: 'azure.rbac', completeness: 'complete', source: 'azure-import' });
    const item = await show(r.seq);
    const content = item.content as {
      coverage: string;
      assignments: { principalId: string; orphaned: boolean; orphanReason: string; roleName: string; createdOn: string }[];
    };
    expect(content.coverage).toBe('all-scopes');
    expect(content.assignments.filter((a) => a.orphaned).map((a) => [a.principalId, a.orphanReason.split(' ')[0]])).toEqual(
      expect.arrayContaining([
        [PRINCIPALS.leaver.id, 'az'],
        [PRINCIPALS.bob.id, 'principalType'],
      ]),
    );
    expect(content.assignments.find((a) => a.principalId === PRINCIPALS.alice.id)?.createdOn).toBe('2025-01-10T09:00:00.000Z');
    expect(item.ipe).toMatchObject({
      provenance: 'admin_export',
      command: `az role assignment list --all --subscription ${SUB} -o json > role-assignments.json`,
      importedFile: { name: 'ra.json' },
    });
    expect((await t.call<{ sources: { name: string; type: string }[] }>('items.facets')).sources).toEqual([
      { name: 'azure-import', type: 'azure', items: 1 },
    ]);
  });

  it('an export made without --all (only subscription-scope rows) is accepted but labelled incomplete', async () => {
    const r = await t.call<{ seq: number; completeness: string; errors: string[] }>('import.run', {
      type: 'azure',
      file: file('ra-sub.json', azRoleAssignmentRows(defaultState(), { all: false })),
    });
    expect(r.completeness).toBe('partial');
    expect(r.errors.join()).toMatch(/WITHOUT --all.*re-export with --all/);
    expect(((await show(r.seq)).content as { coverage: string }).coverage).toBe('subscription-scope-only');
  });

  it('`az storage account management-policy show`: the lifecycle rules of one account, other settings not provided', async () => {
    const r = await t.call<{ seq: number; kind: string; completeness: string }>('import.run', {
      type: 'azure',
      file: file('mp.json', azManagementPolicy()),
    });
    expect(r).toMatchObject({ kind: 'azure.storage.retention', completeness: 'partial' });
    const c = (await show(r.seq)).content as {
      coverage: string;
      accounts: { name: string; lifecycle: { status: string; config: { rules: { name: string }[] } }; blobService: { status: string } }[];
    };
    expect(c.coverage).toBe('accounts-in-file');
    expect(c.accounts[0]).toMatchObject({ name: 'mldata01', lifecycle: { status: 'configured' }, blobService: { status: 'not_provided' } });
    expect(c.accounts[0]!.lifecycle.config.rules.map((x) => x.name)).toEqual(['expire-all', 'expire-raw']);
    expect((await show(r.seq)).ipe.command).toBe(
      'az storage account management-policy show -g rg-data --account-name mldata01 -o json > management-policy.json',
    );
  });

  it('saved `az rest` pages are accepted; a page that still has a nextLink is partial', async () => {
    const value = azRoleAssignmentRows().map((r) => ({
      id: r.id,
      name: r.name,
      type: r.type,
      properties: { roleDefinitionId: r.roleDefinitionId, principalId: r.principalId, principalType: r.principalType, scope: r.scope },
    }));
    const r = await t.call<{ completeness: string; errors: string[] }>('import.run', {
      type: 'azure',
      file: file('page.json', { value, nextLink: 'https://management.azure.com/…&$skipToken=x' }),
    });
    expect(r.completeness).toBe('partial');
    expect(r.errors.join()).toMatch(/nextLink/);
  });

  const wrong: [string, unknown, RegExp][] = [
    [
      'gaad.json',
      { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] },
      /AWS IAM authorization-details export \(use `import aws-gaad`\)/,
    ],
    ['policy.json', { bindings: [{ role: 'roles/owner', members: ['user:a@example.com'] }], etag: 'BwY=', version: 3 }, /GCP IAM policy/],
    [
      'defs.json',
      [{ roleName: 'Reader', permissions: [{ actions: ['*/read'] }], assignableScopes: ['/'] }],
      /role definition list \(`az role definition list`\)/,
    ],
    ['account.json', { id: SUB, isDefault: true, tenantId: 'x', user: { name: 'a' } }, /current login \(`az account show`\)/],
    ['empty.json', [], /an empty JSON list/],
    ['buckets.json', [{ kind: 'storage#bucket', name: 'ml-data', id: 'ml-data', lifecycle: { rule: [] } }], /GCS bucket list .*use `import gcp`/],
    ['blob.json', { deleteRetentionPolicy: { enabled: true, days: 7 }, isVersioningEnabled: true }, /blob service properties/],
  ];
  it.each(wrong)('refuses %s, naming what it looks like, and stores nothing', async (name, body, why) => {
    const before = await status();
    const r = await t.core.callUntyped('import.run', { type: 'azure', file: file(name, body) });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect((r as { error: { message: string } }).error.message).toMatch(why);
    expect((r as { error: { message: string } }).error.message).toMatch(/Nothing was imported/);
    expect(await status()).toBe(before);
    expect((await t.call<{ total: number }>('items.facets')).total).toBe(0);
  });

  it('refuses an HTML page saved instead of JSON', async () => {
    const r = await t.core.callUntyped('import.run', {
      type: 'azure',
      file: file('login.html', '<!doctype html><html><body>Sign in to your account</body></html>'),
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/not JSON/) } });
  });

  it('refuses a file from another subscription than the --source it names', async () => {
    await t.call('source.add', { type: 'azure', name: 'prod', config: { subscriptionId: 'aaaaaaaa-0000-4000-8000-000000000000' } });
    const r = await t.core.callUntyped('import.run', { type: 'azure', file: file('ra.json', azRoleAssignmentRows()), source: 'prod' });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
