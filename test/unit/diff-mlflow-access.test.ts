import { describe, expect, it } from 'vitest';
import { accessDiffer } from '../../core/diff/mlflow/access-differ';
import type { AccessUser } from '../../core/diff/mlflow/shapes';

const user = (username: string, extra: Partial<AccessUser> = {}): AccessUser => ({
  username,
  id: `${username.length}`,
  isAdmin: false,
  experimentPermissions: [],
  registeredModelPermissions: [],
  ...extra,
});
const snap = (users: AccessUser[], enumeration: unknown = 'users/list') => ({ server: 'http://127.0.0.1:5000', enumeration, users });

describe('mlflow.access differ', () => {
  it('finds nothing between identical snapshots in any order', () => {
    const alice = user('alice', {
      experimentPermissions: [
        { experimentId: '1', permission: 'READ' },
        { experimentId: '2', permission: 'EDIT' },
      ],
    });
    const reordered = { ...alice, experimentPermissions: [...alice.experimentPermissions!].reverse() };
    expect(accessDiffer(snap([alice, user('bob')]), snap([user('bob'), reordered]))).toEqual([]);
  });

  it('reports users added and removed with each of their grants', () => {
    const before = snap([user('alice'), user('dave', { registeredModelPermissions: [{ name: 'fraud', permission: 'MANAGE' }] })]);
    const after = snap([user('alice'), user('carol', { isAdmin: true, experimentPermissions: [{ experimentId: '7', permission: 'READ' }] })]);
    expect(accessDiffer(before, after)).toEqual([
      { type: 'user_added', subject: 'user carol', after: { id: '5', isAdmin: true } },
      { type: 'permission_granted', subject: 'user carol', field: 'experiment 7', after: 'READ' },
      { type: 'user_removed', subject: 'user dave', before: { id: '4', isAdmin: false } },
      { type: 'permission_revoked', subject: 'user dave', field: 'registered model fraud', before: 'MANAGE' },
    ]);
  });

  it('reports the admin flag changing either way', () => {
    const changes = accessDiffer(snap([user('alice', { isAdmin: true }), user('bob')]), snap([user('alice'), user('bob', { isAdmin: true })]));
    expect(changes).toEqual([
      { type: 'admin_changed', subject: 'user alice', field: 'isAdmin', before: true, after: false },
      { type: 'admin_changed', subject: 'user bob', field: 'isAdmin', before: false, after: true },
    ]);
  });

  it('reports permissions granted, changed and revoked on experiments and registered models', () => {
    const before = user('bob', {
      experimentPermissions: [
        { experimentId: '1', permission: 'READ' },
        { experimentId: '2', permission: 'MANAGE' },
      ],
      registeredModelPermissions: [{ name: 'fraud', permission: 'EDIT' }],
    });
    const after = user('bob', {
      experimentPermissions: [
        { experimentId: '1', permission: 'EDIT' },
        { experimentId: '3', permission: 'READ' },
      ],
      registeredModelPermissions: [{ name: 'churn', permission: 'READ' }],
    });
    expect(accessDiffer(snap([before]), snap([after]))).toEqual([
      { type: 'permission_changed', subject: 'user bob', field: 'experiment 1', before: 'READ', after: 'EDIT' },
      { type: 'permission_revoked', subject: 'user bob', field: 'experiment 2', before: 'MANAGE' },
      { type: 'permission_granted', subject: 'user bob', field: 'experiment 3', after: 'READ' },
      { type: 'permission_granted', subject: 'user bob', field: 'registered model churn', after: 'READ' },
      { type: 'permission_revoked', subject: 'user bob', field: 'registered model fraud', before: 'EDIT' },
    ]);
  });

  it('flags a user re-created under the same name, and a change in how users were enumerated', () => {
    const changes = accessDiffer(snap([user('alice', { id: 3 })], 'users/list'), snap([user('alice', { id: 9 })], 'users/get fallback'));
    expect(changes).toEqual([
      { type: 'enumeration_changed', subject: 'user list', field: 'enumeration', before: 'users/list', after: 'users/get fallback' },
      { type: 'user_recreated', subject: 'user alice', field: 'id', before: 3, after: 9 },
    ]);
  });

  it('refuses content that is not an access snapshot', () => {
    expect(() => accessDiffer({ models: [] }, snap([]))).toThrow(/before snapshot is not mlflow.access content/);
  });
});
