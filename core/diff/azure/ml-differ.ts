import { diffField, diffRecord, keyBy, visitKeyed } from '../compare';
import type { Change, Differ } from '../types';

interface V {
  version: string;
  stage: string | null;
  isArchived: boolean;
  description: string | null;
  tags: Record<string, string | null>;
  createdBy: string | null;
  createdAt: string | null;
  lastModifiedBy: string | null;
  lastModifiedAt: string | null;
}
interface M {
  name: string;
  isArchived: boolean;
  versions: V[];
}
interface H {
  type: string;
  name: string;
  resourceGroup: string | null;
  error: string | null;
  models: M[];
}

const hostKey = (h: H) => `${h.type} ${h.resourceGroup ?? ''}/${h.name}`;
/**
 * "Production by dave@contoso.example at 2025-07-03T09:00:00.000Z": Azure ML keeps no stage history, so systemData's
 * last modifier is the best witness. One sentence, stage first, so a table cell that must cut keeps the stage.
 */
const state = (v: V, by = v.lastModifiedBy, at = v.lastModifiedAt) => `${v.stage ?? 'no stage'} by ${by ?? 'unknown'} at ${at ?? 'unknown time'}`;

function versionChanges(subject: string, vb: V, va: V): Change[] {
  const out: Change[] = [];
  if ((vb.stage ?? null) !== (va.stage ?? null)) out.push({ type: 'stage_changed', subject, field: 'stage', before: state(vb), after: state(va) });
  if (vb.isArchived !== va.isArchived)
    out.push({
      type: va.isArchived ? 'version_archived' : 'version_unarchived',
      subject,
      field: 'isArchived',
      before: vb.isArchived,
      after: `${va.isArchived} (by ${va.lastModifiedBy ?? 'unknown'} at ${va.lastModifiedAt ?? 'unknown time'})`,
    });
  out.push(
    ...diffField(subject, 'description_changed', 'description', vb.description, va.description),
    ...diffRecord(subject, 'tag', 'tag', vb.tags, va.tags),
  );
  return out;
}

/** azure.ml.registry: models and versions created or deleted, stages moved, archived or restored, tags changed. */
export const mlRegistryDiffer: Differ = (beforeRaw, afterRaw) => {
  const hosts = (v: unknown) => keyBy(((v ?? {}) as { hosts?: H[] }).hosts, hostKey);
  const out: Change[] = [];
  visitKeyed(hosts(beforeRaw), hosts(afterRaw), {
    added: (k) => out.push({ type: 'registry_added', subject: k }),
    removed: (k) => out.push({ type: 'registry_removed', subject: k }),
    both: (k, hb, ha) => {
      // A workspace we could not read this time has no models to compare; its absence is not a deletion.
      if (hb.error || ha.error) return;
      visitKeyed(
        keyBy(hb.models, (m) => m.name),
        keyBy(ha.models, (m) => m.name),
        {
          added: (n, m) => {
            out.push({ type: 'model_created', subject: `${k} model ${n}`, after: { versions: m.versions.length } });
            for (const v of m.versions)
              out.push({ type: 'version_created', subject: `${k} model ${n} v${v.version}`, after: state(v, v.createdBy, v.createdAt) });
          },
          removed: (n, m) => out.push({ type: 'model_deleted', subject: `${k} model ${n}`, before: { versions: m.versions.length } }),
          both: (n, mb, ma) => {
            if (mb.isArchived !== ma.isArchived)
              out.push({ type: ma.isArchived ? 'model_archived' : 'model_unarchived', subject: `${k} model ${n}` });
            visitKeyed(
              keyBy(mb.versions, (v) => v.version),
              keyBy(ma.versions, (v) => v.version),
              {
                added: (ver, v) =>
                  out.push({ type: 'version_created', subject: `${k} model ${n} v${ver}`, after: state(v, v.createdBy, v.createdAt) }),
                removed: (ver, v) => out.push({ type: 'version_deleted', subject: `${k} model ${n} v${ver}`, before: state(v) }),
                both: (ver, vb, va) => out.push(...versionChanges(`${k} model ${n} v${ver}`, vb, va)),
              },
            );
          },
        },
      );
    },
  });
  return out;
};
