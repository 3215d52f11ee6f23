import { diffField, diffRecord, keyBy, visitKeyed } from '../compare';
import type { Change, Differ } from '../types';

type Obj = Record<string, unknown>;
const versionsOf = (m: Obj) => keyBy((m.versions as Obj[]) ?? [], (v) => String(v.versionId));
const aliasesOf = (m: Obj) => new Map(Object.entries((m.aliases ?? {}) as Record<string, string>));
const deploymentsOf = (v: Obj) =>
  keyBy((v.deployedModels as Obj[]) ?? [], (d) => `${String(d.endpoint)} (deployed model ${String(d.deployedModelId)})`);
const summary = (v: Obj) => ({
  aliases: v.aliases,
  createdAt: v.versionCreateTime ?? null,
  deployedTo: ((v.deployedModels as Obj[]) ?? []).map((d) => d.endpoint),
});

function versionChanges(subject: string, b: Obj, a: Obj): Change[] {
  const out: Change[] = [
    ...diffField(subject, 'description_changed', 'versionDescription', b.versionDescription, a.versionDescription),
    ...diffRecord(subject, 'label', 'label', b.labels as Obj, a.labels as Obj),
  ];
  visitKeyed(deploymentsOf(b), deploymentsOf(a), {
    added: (k) => out.push({ type: 'deployment_added', subject, field: 'endpoint', after: k }),
    removed: (k) => out.push({ type: 'deployment_removed', subject, field: 'endpoint', before: k }),
    both: () => {},
  });
  return out;
}

/** gcp.vertex.registry: models and versions created or deleted, aliases added/removed/moved (incl. `default`), deployments. */
export const gcpVertexDiffer: Differ = (before, after) => {
  const models = (v: unknown) => keyBy(((v ?? {}) as { models?: Obj[] }).models, (m) => String(m.modelId));
  const out: Change[] = [];
  visitKeyed(models(before), models(after), {
    added: (id, m) =>
      out.push({
        type: 'model_created',
        subject: `model ${String(m.displayName ?? id)} (${id})`,
        after: { versions: ((m.versions as unknown[]) ?? []).length, aliases: m.aliases },
      }),
    removed: (id, m) =>
      out.push({
        type: 'model_deleted',
        subject: `model ${String(m.displayName ?? id)} (${id})`,
        before: { versions: ((m.versions as unknown[]) ?? []).length, aliases: m.aliases },
      }),
    both: (id, mb, ma) => {
      const name = `model ${String(ma.displayName ?? id)} (${id})`;
      visitKeyed(aliasesOf(mb), aliasesOf(ma), {
        added: (alias, v) => out.push({ type: 'alias_added', subject: name, field: `alias ${alias}`, after: v }),
        removed: (alias, v) => out.push({ type: 'alias_removed', subject: name, field: `alias ${alias}`, before: v }),
        both: (alias, vb, va) => void (vb !== va && out.push({ type: 'alias_moved', subject: name, field: `alias ${alias}`, before: vb, after: va })),
      });
      visitKeyed(versionsOf(mb), versionsOf(ma), {
        added: (v, x) => out.push({ type: 'version_created', subject: `${name} v${v}`, after: summary(x) }),
        removed: (v, x) => out.push({ type: 'version_deleted', subject: `${name} v${v}`, before: summary(x) }),
        both: (v, xb, xa) => out.push(...versionChanges(`${name} v${v}`, xb, xa)),
      });
    },
  });
  return out;
};
