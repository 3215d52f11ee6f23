import type { Change, Differ } from '../types';
import { compareKeys, diffField, diffRecord, keyBy, visitKeyed } from '../compare';
import { parseSnapshot, registryContentSchema, type RegistryModel, type RegistryVersion } from './shapes';

/** Fields of a version that should never change in place; a change is worth an auditor's look. */
const VERSION_FIELDS = ['status', 'source', 'runId', 'userId'] as const;

/** A version's view for created/deleted changes: what an auditor needs to recognise it (empty fields left out). */
function versionSummary(v: RegistryVersion): Record<string, unknown> {
  const all = {
    stage: v.currentStage,
    aliases: v.aliases?.length ? [...v.aliases].sort() : undefined,
    runId: v.runId,
    source: v.source,
    userId: v.userId,
  };
  return Object.fromEntries(Object.entries(all).filter(([, x]) => x !== undefined && x !== null && x !== ''));
}

/** alias → version. The model's map wins; versions' alias lists fill in (a version-only import has no model map). */
function aliasMap(model: RegistryModel): Map<string, string> {
  const map = new Map<string, string>();
  for (const v of model.versions) for (const a of v.aliases ?? []) map.set(a, v.version);
  for (const [a, version] of Object.entries(model.aliases ?? {})) map.set(a, version);
  return map;
}

function versionChanges(name: string, before: RegistryVersion, after: RegistryVersion): Change[] {
  const subject = `model ${name} v${after.version}`;
  const out = [
    ...diffField(subject, 'stage_changed', 'stage', before.currentStage, after.currentStage),
    ...diffField(subject, 'description_changed', 'description', before.description, after.description),
    ...diffRecord(subject, 'tag', 'tag', before.tags, after.tags),
  ];
  for (const f of VERSION_FIELDS) out.push(...diffField(subject, 'field_changed', f, before[f], after[f]));
  return out;
}

function aliasChanges(name: string, before: RegistryModel, after: RegistryModel): Change[] {
  const subject = `model ${name}`;
  const out: Change[] = [];
  visitKeyed(aliasMap(before), aliasMap(after), {
    added: (alias, v) => out.push({ type: 'alias_added', subject, field: `alias ${alias}`, after: v }),
    removed: (alias, v) => out.push({ type: 'alias_removed', subject, field: `alias ${alias}`, before: v }),
    both: (alias, b, a) => {
      if (b !== a) out.push({ type: 'alias_moved', subject, field: `alias ${alias}`, before: b, after: a });
    },
  });
  return out;
}

function versionsOf(model: RegistryModel): Map<string, RegistryVersion> {
  return keyBy(model.versions, (v) => v.version);
}

function modelChanges(name: string, before: RegistryModel, after: RegistryModel): Change[] {
  const subject = `model ${name}`;
  const out = [
    ...diffField(subject, 'description_changed', 'description', before.description, after.description),
    ...diffRecord(subject, 'tag', 'tag', before.tags, after.tags),
    ...aliasChanges(name, before, after),
  ];
  visitKeyed(versionsOf(before), versionsOf(after), {
    added: (_, v) => out.push({ type: 'version_created', subject: `model ${name} v${v.version}`, after: versionSummary(v) }),
    removed: (_, v) => out.push({ type: 'version_deleted', subject: `model ${name} v${v.version}`, before: versionSummary(v) }),
    both: (_, b, a) => out.push(...versionChanges(name, b, a)),
  });
  return out;
}

const sortedVersions = (m: RegistryModel) => [...m.versions].sort((x, y) => compareKeys(x.version, y.version));

/** Registry history MLflow does not keep itself (issue #2169): versions, stages, aliases, tags, descriptions. */
export const registryDiffer: Differ = (beforeRaw, afterRaw) => {
  const before = parseSnapshot(registryContentSchema, beforeRaw, 'mlflow.registry', 'before');
  const after = parseSnapshot(registryContentSchema, afterRaw, 'mlflow.registry', 'after');
  const out: Change[] = [];
  visitKeyed(
    keyBy(before.models, (m) => m.name),
    keyBy(after.models, (m) => m.name),
    {
      added(name, m) {
        out.push({
          type: 'model_created',
          subject: `model ${name}`,
          after: { versions: m.versions.length, aliases: Object.fromEntries(aliasMap(m)) },
        });
        for (const v of sortedVersions(m)) out.push({ type: 'version_created', subject: `model ${name} v${v.version}`, after: versionSummary(v) });
      },
      removed(name, m) {
        out.push({
          type: 'model_deleted',
          subject: `model ${name}`,
          before: { versions: m.versions.length, aliases: Object.fromEntries(aliasMap(m)) },
        });
        for (const v of sortedVersions(m)) out.push({ type: 'version_deleted', subject: `model ${name} v${v.version}`, before: versionSummary(v) });
      },
      both: (name, b, a) => out.push(...modelChanges(name, b, a)),
    },
  );
  return out;
};
