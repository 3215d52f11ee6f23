import { describe, expect, it } from 'vitest';
import { registryDiffer } from '../../core/diff/mlflow/registry-differ';
import type { RegistryModel, RegistryVersion } from '../../core/diff/mlflow/shapes';

const v = (version: string, extra: Partial<RegistryVersion> = {}): RegistryVersion => ({
  version,
  currentStage: 'None',
  aliases: [],
  tags: {},
  source: `mlflow-artifacts:/1/r${version}/artifacts/model`,
  runId: `r${version}`,
  status: 'READY',
  userId: 'alice',
  creationTimestamp: 1_700_000_000_000,
  lastUpdatedTimestamp: 1_700_000_000_000,
  ...extra,
});
const model = (name: string, versions: RegistryVersion[], extra: Partial<RegistryModel> = {}): RegistryModel => ({
  name,
  description: '',
  creationTimestamp: 1,
  lastUpdatedTimestamp: 1,
  tags: {},
  aliases: {},
  versions,
  ...extra,
});
const snap = (...models: RegistryModel[]) => ({ server: 'http://127.0.0.1:5000', models });

describe('mlflow.registry differ', () => {
  it('finds nothing between identical snapshots, whatever the order of models and versions', () => {
    const a = snap(model('fraud', [v('1'), v('2'), v('10')]), model('churn', [v('1')]));
    const b = snap(model('churn', [v('1')]), model('fraud', [v('10'), v('2'), v('1')]));
    expect(registryDiffer(a, b)).toEqual([]);
  });

  it('ignores last-updated times alone (they move with every change and say nothing by themselves)', () => {
    expect(
      registryDiffer(snap(model('fraud', [v('1')])), snap(model('fraud', [v('1', { lastUpdatedTimestamp: 9 })], { lastUpdatedTimestamp: 9 }))),
    ).toEqual([]);
  });

  it('reports created and deleted models with each of their versions', () => {
    const changes = registryDiffer(
      snap(model('old', [v('1')])),
      snap(model('new', [v('2', { aliases: ['champion'] }), v('1')], { aliases: { champion: '2' } })),
    );
    expect(changes).toEqual([
      { type: 'model_created', subject: 'model new', after: { versions: 2, aliases: { champion: '2' } } },
      {
        type: 'version_created',
        subject: 'model new v1',
        after: { stage: 'None', runId: 'r1', source: 'mlflow-artifacts:/1/r1/artifacts/model', userId: 'alice' },
      },
      { type: 'version_created', subject: 'model new v2', after: expect.objectContaining({ aliases: ['champion'], runId: 'r2' }) },
      { type: 'model_deleted', subject: 'model old', before: { versions: 1, aliases: {} } },
      { type: 'version_deleted', subject: 'model old v1', before: expect.objectContaining({ runId: 'r1' }) },
    ]);
  });

  it('reports versions created and deleted in numeric order', () => {
    const changes = registryDiffer(snap(model('fraud', [v('1'), v('2'), v('9')])), snap(model('fraud', [v('1'), v('10'), v('11')])));
    expect(changes.map((c) => [c.type, c.subject])).toEqual([
      ['version_deleted', 'model fraud v2'],
      ['version_deleted', 'model fraud v9'],
      ['version_created', 'model fraud v10'],
      ['version_created', 'model fraud v11'],
    ]);
  });

  it('reports stage changes with before and after', () => {
    const changes = registryDiffer(
      snap(model('fraud', [v('3', { currentStage: 'Staging' })])),
      snap(model('fraud', [v('3', { currentStage: 'Production' })])),
    );
    expect(changes).toEqual([{ type: 'stage_changed', subject: 'model fraud v3', field: 'stage', before: 'Staging', after: 'Production' }]);
  });

  it('reports aliases moved, added and removed, from the model map or the versions alias lists', () => {
    const before = snap(
      model('fraud', [v('1', { aliases: ['champion'] }), v('2', { aliases: ['legacy'] })], { aliases: { champion: '1', legacy: '2' } }),
    );
    const after = snap(model('fraud', [v('1'), v('2', { aliases: ['champion', 'challenger'] })], { aliases: { champion: '2', challenger: '2' } }));
    expect(registryDiffer(before, after)).toEqual([
      { type: 'alias_added', subject: 'model fraud', field: 'alias challenger', after: '2' },
      { type: 'alias_moved', subject: 'model fraud', field: 'alias champion', before: '1', after: '2' },
      { type: 'alias_removed', subject: 'model fraud', field: 'alias legacy', before: '2' },
    ]);
    // A version-only snapshot (e.g. imported from model-versions/search) has no model alias map.
    const versionsOnly = (m: RegistryModel) => snap({ ...m, aliases: undefined });
    expect(registryDiffer(versionsOnly(before.models[0]!), versionsOnly(after.models[0]!)).map((c) => c.type)).toEqual([
      'alias_added',
      'alias_moved',
      'alias_removed',
    ]);
  });

  it('reports tags added, changed and removed on models and on versions', () => {
    const before = snap(model('fraud', [v('1', { tags: { validated: 'false', ticket: 'RISK-1' } })], { tags: { team: 'risk', tier: '1' } }));
    const after = snap(model('fraud', [v('1', { tags: { validated: 'true', reviewer: 'bob' } })], { tags: { team: 'ml', owner: 'carol' } }));
    expect(registryDiffer(before, after)).toEqual([
      { type: 'tag_added', subject: 'model fraud', field: 'tag owner', after: 'carol' },
      { type: 'tag_changed', subject: 'model fraud', field: 'tag team', before: 'risk', after: 'ml' },
      { type: 'tag_removed', subject: 'model fraud', field: 'tag tier', before: '1' },
      { type: 'tag_added', subject: 'model fraud v1', field: 'tag reviewer', after: 'bob' },
      { type: 'tag_removed', subject: 'model fraud v1', field: 'tag ticket', before: 'RISK-1' },
      { type: 'tag_changed', subject: 'model fraud v1', field: 'tag validated', before: 'false', after: 'true' },
    ]);
  });

  it('reports description changes on models and versions; a missing description equals none', () => {
    const before = snap(model('fraud', [v('1', { description: undefined }), v('2')], { description: 'old' }));
    const after = snap(model('fraud', [v('1', { description: null }), v('2', { description: 'retrained' })], { description: 'new' }));
    expect(registryDiffer(before, after)).toEqual([
      { type: 'description_changed', subject: 'model fraud', field: 'description', before: 'old', after: 'new' },
      { type: 'description_changed', subject: 'model fraud v2', field: 'description', before: null, after: 'retrained' },
    ]);
  });

  it('reports in-place changes of fields that should never change (status, source, run, user)', () => {
    const changes = registryDiffer(
      snap(model('fraud', [v('1', { status: 'PENDING_REGISTRATION' })])),
      snap(model('fraud', [v('1', { runId: 'other' })])),
    );
    expect(changes).toEqual([
      { type: 'field_changed', subject: 'model fraud v1', field: 'status', before: 'PENDING_REGISTRATION', after: 'READY' },
      { type: 'field_changed', subject: 'model fraud v1', field: 'runId', before: 'r1', after: 'other' },
    ]);
  });

  it('refuses content that is not a registry snapshot, naming the side', () => {
    expect(() => registryDiffer({ users: [] }, snap())).toThrow(/before snapshot is not mlflow.registry content: models/);
    expect(() => registryDiffer(snap(), snap(model('x', [{ version: 3 } as unknown as RegistryVersion])))).toThrow(
      /after snapshot.*models\.0\.versions\.0\.version/,
    );
  });
});
