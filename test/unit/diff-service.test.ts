import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ipe } from '../../core/evidence/ipe';
import type { EvidenceStore } from '../../core/store/evidence-store';
import { getItem, latestCheckpoint, listItemMeta, logSize, recentLogEntries } from '../../core/store/store-reads';
import { addSource, recordItems } from '../../core/store/store-writes';
import { verifyStore } from '../../core/store/verify-store';
import { diffSnapshots } from '../../core/diff/service';
import { AppError } from '../../core/util/errors';
import { tempCore, tempStore } from '../helpers/temp-store';
import { builtIn } from '../helpers/catalog';

const actor = { osUser: 'test', host: 'test-host' };

function snapshotIpe(completeness: Ipe['completeness'] = 'complete'): Ipe {
  return {
    source: { type: 'mlflow', name: 'prod' },
    endpoints: ['GET /api/2.0/mlflow/registered-models/search'],
    apiVersion: '2.0',
    parameters: {},
    pages: 1,
    recordsRetrieved: 1,
    apiTotal: null,
    requestIds: [],
    serverDates: [],
    actor,
    toolVersion: 'test',
    command: 'curl …',
    completeness,
    error: completeness === 'failed' ? 'boom' : null,
    provenance: 'api_snapshot',
  };
}

const registry = (stage: string, champion: string) => ({
  server: 'http://127.0.0.1:5000',
  models: [
    {
      name: 'fraud',
      tags: {},
      aliases: { champion },
      versions: [
        { version: '1', currentStage: 'Archived', aliases: [], tags: {} },
        { version: '2', currentStage: stage, aliases: [], tags: {} },
      ],
    },
  ],
});

describe('diff service', () => {
  let store: EvidenceStore;
  let cleanup: () => void;
  let sourceId: number;
  const record = (content: unknown, opts: { scope?: Record<string, string>; completeness?: Ipe['completeness']; kind?: string } = {}) =>
    recordItems(store, { runId: null, sourceId }, [
      {
        kind: opts.kind ?? 'mlflow.registry',
        scope: opts.scope ?? { server: 'http://127.0.0.1:5000' },
        content,
        ipe: snapshotIpe(opts.completeness),
      },
    ])[0]!;

  beforeEach(() => {
    ({ store, cleanup } = tempStore());
    sourceId = addSource(store, 'mlflow', 'prod', { url: 'http://127.0.0.1:5000' });
  });
  afterEach(() => cleanup());

  it('diffs the last two snapshots and records the diff as logged, derived evidence citing both hashes', () => {
    const a = record(registry('Staging', '1'));
    const b = record(registry('Production', '2'));
    const before = logSize(store);
    const r = diffSnapshots(store, { source: 'prod', kind: 'mlflow.registry' }, actor, builtIn.differ);
    expect(r.from).toMatchObject({ seq: a.seq, contentSha256: a.contentSha256 });
    expect(r.to).toMatchObject({ seq: b.seq, contentSha256: b.contentSha256 });
    expect(r.changes).toEqual([
      { type: 'alias_moved', subject: 'model fraud', field: 'alias champion', before: '1', after: '2' },
      { type: 'stage_changed', subject: 'model fraud v2', field: 'stage', before: 'Staging', after: 'Production' },
    ]);
    expect(r.counts).toEqual({ alias_moved: 1, stage_changed: 1 });

    const item = getItem(store, r.recorded.seq);
    expect(item.kind).toBe('mlflow.registry.diff');
    expect(item.provenance).toBe('derived');
    const ipe = JSON.parse(item.ipe.toString()) as Ipe;
    expect(ipe.derivedFrom).toEqual([
      { seq: a.seq, contentSha256: a.contentSha256 },
      { seq: b.seq, contentSha256: b.contentSha256 },
    ]);
    expect(ipe.command).toBe(`evidence-locker diff --source prod --kind mlflow.registry --from ${a.seq} --to ${b.seq}`);
    expect(ipe.endpoints).toEqual([]);
    const content = JSON.parse(item.content.toString()) as { from: { contentSha256: string }; to: { contentSha256: string }; changes: unknown[] };
    expect(content.from.contentSha256).toBe(a.contentSha256);
    expect(content.to.contentSha256).toBe(b.contentSha256);
    expect(content.changes).toEqual(r.changes);

    // One item_recorded entry, covered by a fresh checkpoint; the whole store still verifies.
    expect(logSize(store)).toBe(before + 1);
    expect(latestCheckpoint(store)?.size).toBe(before + 1);
    const logged = recentLogEntries(store, 1, 'item_recorded')[0]!;
    expect((logged.body.item as { seq: number }).seq).toBe(r.recorded.seq);
    const v = verifyStore(store);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
  });

  it('takes explicit --from/--to, skips failed snapshots, and ignores diff items of the kind', () => {
    const a = record(registry('Staging', '1'));
    record(registry('None', '1'), { completeness: 'failed' });
    const c = record(registry('Staging', '1'));
    const d = record(registry('Production', '1'));
    expect(diffSnapshots(store, { source: 'prod', kind: 'mlflow.registry', from: a.seq, to: c.seq }, actor, builtIn.differ).changes).toEqual([]);
    // Default pair: last two usable, the recorded .diff item above does not count as a snapshot.
    const r = diffSnapshots(store, { source: 'prod', kind: 'mlflow.registry' }, actor, builtIn.differ);
    expect([r.from.seq, r.to.seq]).toEqual([c.seq, d.seq]);
    // Only --to: the previous usable snapshot of the same scope.
    expect(diffSnapshots(store, { source: 'prod', kind: 'mlflow.registry', to: c.seq }, actor, builtIn.differ).from.seq).toBe(a.seq);
    // a→c was compared first already: the same pair is recorded once (issue 9), so two diff items, not three.
    expect(listItemMeta(store, { kind: 'mlflow.registry.diff' })).toHaveLength(2);
  });

  it('records a comparison once: the same pair again reuses the item and logs nothing; a new pair is recorded', () => {
    record(registry('Staging', '1'));
    const b = record(registry('Production', '2'));
    const first = diffSnapshots(store, { source: 'prod', kind: 'mlflow.registry' }, actor, builtIn.differ);
    const size = logSize(store);
    const again = diffSnapshots(store, { source: 'prod', kind: 'mlflow.registry' }, actor, builtIn.differ);
    expect(again.recorded).toEqual({ seq: first.recorded.seq, kind: 'mlflow.registry.diff', reused: true });
    expect(again.changes).toEqual(first.changes);
    expect(logSize(store)).toBe(size);
    const c = record(registry('Archived', '2'));
    const next = diffSnapshots(store, { source: 'prod', kind: 'mlflow.registry' }, actor, builtIn.differ);
    expect([next.from.seq, next.to.seq, next.recorded.reused]).toEqual([b.seq, c.seq, false]);
    expect(listItemMeta(store, { kind: 'mlflow.registry.diff' })).toHaveLength(2);
  });

  it('warns when the two snapshots were produced differently (live vs admin export)', () => {
    record(registry('Staging', '1'));
    const ipe = { ...snapshotIpe(), provenance: 'admin_export' as const, endpoints: ['GET /api/2.0/mlflow/model-versions/search'] };
    recordItems(store, { runId: null, sourceId }, [
      { kind: 'mlflow.registry', scope: { server: 'http://127.0.0.1:5000' }, content: registry('Staging', '1'), ipe },
    ]);
    const r = diffSnapshots(store, { source: 'prod', kind: 'mlflow.registry' }, actor, builtIn.differ);
    expect(r.warnings).toEqual([
      expect.stringMatching(
        /produced differently \(api_snapshot via GET .*registered-models\/search vs admin_export via GET .*model-versions\/search\)/,
      ),
    ]);
  });

  it('warns when a snapshot is partial', () => {
    record(registry('Staging', '1'));
    record(registry('Staging', '1'), { completeness: 'partial' });
    const r = diffSnapshots(store, { source: 'prod', kind: 'mlflow.registry' }, actor, builtIn.differ);
    expect(r.warnings).toHaveLength(1);
    expect(JSON.parse(getItem(store, r.recorded.seq).ipe.toString()).notes.join(' ')).toContain('partial');
  });

  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      return (err as AppError).code + ': ' + (err as AppError).message;
    }
    return 'no error';
  };

  it('refuses bad pairs without writing anything', () => {
    const a = record(registry('Staging', '1'));
    const size = logSize(store);
    expect(code(() => diffSnapshots(store, { source: 'prod', kind: 'mlflow.registry' }, actor, builtIn.differ))).toMatch(
      /^NOT_FOUND: Need two .*found 1/,
    );
    const b = record(registry('Staging', '1'), { scope: { server: 'http://other:5000' } });
    const failed = record(registry('Staging', '1'), { completeness: 'failed' });
    const size2 = logSize(store);
    expect(code(() => diffSnapshots(store, { source: 'prod', kind: 'mlflow.registry' }, actor, builtIn.differ))).toMatch(
      /^BAD_INPUT: .*different scopes/,
    );
    expect(code(() => diffSnapshots(store, { source: 'prod', kind: 'mlflow.registry', from: a.seq, to: failed.seq }, actor, builtIn.differ))).toMatch(
      /^NOT_FOUND: --to/,
    );
    expect(code(() => diffSnapshots(store, { source: 'prod', kind: 'mlflow.registry', from: a.seq, to: a.seq }, actor, builtIn.differ))).toMatch(
      /^BAD_INPUT: .*same item/,
    );
    expect(code(() => diffSnapshots(store, { source: 'nope', kind: 'mlflow.registry' }, actor, builtIn.differ))).toMatch(
      /^NOT_FOUND: No source named "nope"/,
    );
    expect(code(() => diffSnapshots(store, { source: 'prod', kind: 'mlflow.lineage' }, actor, builtIn.differ))).toMatch(
      /^UNSUPPORTED: .*mlflow\.registry/,
    );
    expect(code(() => diffSnapshots(store, { source: 'prod', kind: 'mlflow.registry', from: a.seq, to: b.seq }, actor, builtIn.differ))).toMatch(
      /different scopes/,
    );
    record({ not: 'a registry' });
    record(registry('Staging', '1'));
    const size3 = logSize(store);
    expect(code(() => diffSnapshots(store, { source: 'prod', kind: 'mlflow.registry' }, actor, builtIn.differ))).toMatch(
      /^BAD_INPUT: The before snapshot is not mlflow.registry content/,
    );
    expect([size, size2, size3]).toEqual([size, size + 2, size2 + 2]);
    expect(logSize(store)).toBe(size3);
  });
});

describe('diff procedure', () => {
  it('answers through the procedure map and validates its input', async () => {
    const { core, call, cleanup } = await tempCore();
    try {
      expect(await call<string[]>('diff.kinds')).toEqual(expect.arrayContaining(['mlflow.registry', 'mlflow.access']));
      const bad = await core.callUntyped('diff.run', { source: 'prod', kind: 'mlflow.registry', from: 'x' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      const missing = await core.call('diff.run', { source: 'prod', kind: 'mlflow.registry' });
      expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      cleanup();
    }
  });
});
