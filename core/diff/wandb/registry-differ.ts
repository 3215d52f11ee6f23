import type { Change, Differ } from '../types';
import { diffField, keyBy, visitKeyed } from '../compare';
import { parseSnapshot } from '../mlflow/shapes';
import { registrySchema, type WandbRegistry, type WandbRegistryVersion } from './shapes';

type Collection = WandbRegistry['collections'][number];

/** What an auditor needs to recognise a version that appeared or went: aliases, digest, source, producing run. */
function versionSummary(v: WandbRegistryVersion): Record<string, unknown> {
  const all = {
    aliases: v.aliases?.length ? v.aliases : undefined,
    digest: v.digest,
    source: v.sourceArtifact,
    run: v.producedBy?.runId,
    commit: v.producedBy?.commit,
    by: v.producedBy?.user,
    linkedAt: v.linkedAt,
  };
  return Object.fromEntries(Object.entries(all).filter(([, x]) => x !== undefined && x !== null && x !== ''));
}

/** alias → version within one collection (W&B keeps an alias on one version of a collection at a time). */
function aliasMap(c: Collection): Map<string, string> {
  const map = new Map<string, string>();
  for (const v of c.versions) for (const a of v.aliases ?? []) map.set(a, v.version);
  return map;
}

function collectionChanges(subject: string, before: Collection, after: Collection): Change[] {
  const out: Change[] = [];
  visitKeyed(aliasMap(before), aliasMap(after), {
    added: (alias, v) => out.push({ type: 'alias_added', subject, field: `alias ${alias}`, after: v }),
    removed: (alias, v) => out.push({ type: 'alias_removed', subject, field: `alias ${alias}`, before: v }),
    both: (alias, b, a) => {
      if (b !== a) out.push({ type: 'alias_moved', subject, field: `alias ${alias}`, before: b, after: a });
    },
  });
  visitKeyed(
    keyBy(before.versions, (v) => v.version),
    keyBy(after.versions, (v) => v.version),
    {
      added: (_, v) => out.push({ type: 'version_added', subject: `${subject} ${v.version}`, after: versionSummary(v) }),
      removed: (_, v) => out.push({ type: 'version_deleted', subject: `${subject} ${v.version}`, before: versionSummary(v) }),
      both: (_, b, a) => {
        const s = `${subject} ${a.version}`;
        // A version's content should never change in place; its state does when it is deleted (soft) or committed.
        out.push(...diffField(s, 'state_changed', 'state', b.state, a.state), ...diffField(s, 'digest_changed', 'digest', b.digest, a.digest));
        out.push(...diffField(s, 'source_changed', 'sourceArtifact', b.sourceArtifact, a.sourceArtifact));
      },
    },
  );
  return out;
}

const regKey = (r: WandbRegistry) => (r.legacy ? `${r.entity}/${r.name}` : r.name);

/** Registry history W&B does not keep: collections and versions added or deleted, alias moves, state changes. */
export const wandbRegistryDiffer: Differ = (beforeRaw, afterRaw) => {
  const before = parseSnapshot(registrySchema, beforeRaw, 'wandb.registry', 'before');
  const after = parseSnapshot(registrySchema, afterRaw, 'wandb.registry', 'after');
  const out: Change[] = [];
  const none: Collection = { name: '', versions: [] };
  const collections = (reg: string, b: Collection[], a: Collection[]) =>
    visitKeyed(
      keyBy(b, (c) => c.name),
      keyBy(a, (c) => c.name),
      {
        added: (name, c) => out.push({ type: 'collection_added', subject: `${reg}/${name}` }, ...collectionChanges(`${reg}/${name}`, none, c)),
        removed: (name, c) => out.push({ type: 'collection_deleted', subject: `${reg}/${name}` }, ...collectionChanges(`${reg}/${name}`, c, none)),
        both: (name, bc, ac) => out.push(...collectionChanges(`${reg}/${name}`, bc, ac)),
      },
    );
  visitKeyed(keyBy(before.registries, regKey), keyBy(after.registries, regKey), {
    added: (name, r) => (out.push({ type: 'registry_added', subject: `registry ${name}` }), collections(name, [], r.collections)),
    removed: (name, r) => (out.push({ type: 'registry_removed', subject: `registry ${name}` }), collections(name, r.collections, [])),
    both: (name, b, a) => collections(name, b.collections, a.collections),
  });
  return out;
};
