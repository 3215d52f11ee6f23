import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectorContext } from '../../core/collector-runtime/runner';
import { makeIpe, type NewItem } from '../../core/evidence/ipe';
import { redactItem, redactItems, redactedItems } from '../../core/redact';
import { diffSnapshots } from '../../core/diff/service';
import { builtIn } from '../helpers/catalog';
import { recordFileImport } from '../../core/import/record-import';
import { getItem, listSources } from '../../core/store/store-reads';
import { addSource, recordItems } from '../../core/store/store-writes';
import { CANARY, basicAuthUrl, leakedCanaries } from '../helpers/canaries';
import { tempStore } from '../helpers/temp-store';
import type { CoreContext } from '../../core/context';
import { manifestSchema, redactionSummary } from '../../core/export/manifest';

const ipe = () =>
  makeIpe({
    source: { type: 'mlflow', name: 'prod' },
    provenance: 'api_snapshot',
    command: 'curl http://127.0.0.1:5000/api/2.0/mlflow/runs/search',
    actor: { osUser: 't', host: 'h' },
    toolVersion: 'test',
  });

const leaky = (shared = ipe()): NewItem => ({
  kind: 'mlflow.lineage',
  scope: { server: 'http://127.0.0.1:5000' },
  content: {
    runs: [{ params: { db_url: basicAuthUrl('db.internal') }, tags: { note: CANARY.githubToken.value, password: CANARY.lowEntropyPassword.value } }],
  },
  ipe: shared,
});

describe('redactItem / redactItems', () => {
  it('lists each redaction in the IPE (rule + path, never the value) and leaves clean items byte-identical', () => {
    const clean: NewItem = { ...leaky(), content: { runs: [{ params: { lr: '0.1' } }] } };
    expect(redactItem(clean).item).toBe(clean);
    expect(redactItem(clean).item.ipe).not.toHaveProperty('redactions');
    const { item, redactions } = redactItem(leaky());
    expect(item.ipe.redactions).toEqual(redactions);
    expect(redactions).toEqual([
      { rule: 'key/password', path: "$['runs'][0]['tags']['password']" },
      { rule: 'el/basic-auth-url', path: "$['runs'][0]['params']['db_url']" },
      { rule: 'secretlint/github', path: "$['runs'][0]['tags']['note']" },
    ]);
    expect(leakedCanaries(Buffer.from(JSON.stringify(item)))).toEqual([]);
  });

  it('a page of items sharing one IPE: clean items keep the shared object, a redacted one gets its own', () => {
    const shared = ipe();
    const clean: NewItem = { ...leaky(shared), content: { ok: true } };
    const out = redactItems([clean, leaky(shared), clean]);
    expect(out[0]!.item.ipe).toBe(shared);
    expect(out[2]!.item.ipe).toBe(shared);
    expect(out[1]!.item.ipe).not.toBe(shared);
    expect(shared).not.toHaveProperty('redactions');
  });

  it('a credential in the IPE itself (a tracking URI with user:password@) is redacted, with an ipe: path', () => {
    const withUri = { ...ipe(), endpoints: [basicAuthUrl('mlflow.internal')] };
    const { item } = redactItem({ ...leaky(withUri), content: {} });
    expect(item.ipe.endpoints[0]).toBe('https://svc-user:[REDACTED:el/basic-auth-url]@mlflow.internal/api');
    expect(item.ipe.redactions).toEqual([{ rule: 'el/basic-auth-url', path: "ipe:$['endpoints'][0]" }]);
  });
});

describe('the producer chokepoints redact before the store canonicalises and hashes', () => {
  const ctxFor = (store: ReturnType<typeof tempStore>['store']) =>
    ({
      store: () => store,
      env: {},
      actor: { osUser: 't', host: 'h' },
      progress: () => {},
      signal: new AbortController().signal,
    }) as unknown as CoreContext;

  it('collector runtime: ctx.record stores redacted content; no canary in the database or WAL', () => {
    const t = tempStore();
    try {
      addSource(t.store, 'mlflow', 'prod', {});
      const source = listSources(t.store).find((s) => s.name === 'prod')!;
      const cctx = collectorContext(ctxFor(t.store), t.store, source, null);
      const [rec] = cctx.record([leaky()]);
      const stored = getItem(t.store, rec!.seq);
      expect(stored.content.toString()).toContain('[REDACTED:secretlint/github]');
      expect(JSON.parse(stored.ipe.toString()).redactions).toHaveLength(3);
      for (const f of ['evidence.db', 'evidence.db-wal']) {
        const path = `${t.home}/${f}`;
        expect(leakedCanaries(readFileSync(path)), path).toEqual([]);
      }
    } finally {
      t.cleanup();
    }
  });

  it('import path (recordFileImport): the imported item is redacted too', () => {
    const t = tempStore();
    try {
      const out = recordFileImport(ctxFor(t.store), {
        type: 'aws',
        sourceName: 'acct',
        sourceConfig: {},
        item: { ...leaky(), kind: 'aws.s3.retention', ipe: { ...ipe(), provenance: 'admin_export' } },
        file: { name: 'f.json', sha256: '0'.repeat(64), bytes: 1 },
        records: 1,
        errors: [],
      });
      const stored = getItem(t.store, out.seq);
      expect(leakedCanaries(Buffer.concat([stored.content, stored.ipe]))).toEqual([]);
      expect(JSON.parse(stored.ipe.toString()).redactions.map((r: { rule: string }) => r.rule)).toContain('el/basic-auth-url');
    } finally {
      t.cleanup();
    }
  });
});

describe("the manifest's redaction block", () => {
  const old = { exportRedaction: 'none' as const, applied: ['Field allowlist per collector.'], notApplied: ['No scanning.'] };

  it('names the rule set, the rules and the tally, and still accepts the block of bundles written before redaction existed', () => {
    const block = redactionSummary({ redactedValues: 3, itemsWithRedactions: 2 });
    expect(block).toMatchObject({
      exportRedaction: 'none',
      ruleSet: { name: '@secretlint/secretlint-rule-preset-recommend', version: '13.0.7' },
      redactedValues: 3,
      itemsWithRedactions: 2,
    });
    expect(block.keyNameRules).toContain('key/password');
    expect(block.valuePatterns).toEqual(expect.arrayContaining(['secretlint/github', 'el/jwt', 'el/high-entropy']));
    expect(block.notApplied.join(' ')).toContain('secretlint/gcp not run');
    const redaction = manifestSchema.shape.redaction;
    expect(redaction.safeParse(block).success).toBe(true);
    expect(redaction.safeParse(old).success).toBe(true);
    expect(redaction.safeParse({ ...old, secret: 'x' }).success).toBe(false);
  });
});

describe('diffs against a snapshot recorded before redaction existed', () => {
  it('the diff item and the changes shown are redacted, and the same comparison again reuses the item', () => {
    const t = tempStore();
    try {
      const sourceId = addSource(t.store, 'mlflow', 'prod', { url: 'http://127.0.0.1:5000' });
      const registry = (note: string) => ({
        server: 'http://127.0.0.1:5000',
        models: [{ name: 'fraud', tags: { note }, aliases: {}, versions: [{ version: '1', currentStage: 'Staging', aliases: [], tags: {} }] }],
      });
      const snapshot = (note: string): NewItem => ({
        kind: 'mlflow.registry',
        scope: { server: 'http://127.0.0.1:5000' },
        content: registry(note),
        ipe: ipe(),
      });
      // An old store: the item went in without redaction (the store itself never redacts).
      recordItems(t.store, { runId: null, sourceId }, [snapshot(`hook ${CANARY.slackToken.value}`)]);
      recordItems(t.store, { runId: null, sourceId }, redactedItems([snapshot(`hook ${CANARY.slackToken.value} v2`)]));
      const r = diffSnapshots(t.store, { source: 'prod', kind: 'mlflow.registry' }, { osUser: 't', host: 'h' }, builtIn.differ);
      expect(r.changes.length).toBeGreaterThan(0);
      expect(leakedCanaries(Buffer.from(JSON.stringify(r)))).toEqual([]);
      const stored = getItem(t.store, r.recorded.seq);
      expect(leakedCanaries(Buffer.concat([stored.content, stored.ipe]))).toEqual([]);
      expect(JSON.parse(stored.ipe.toString()).redactions[0].rule).toBe('secretlint/slack');
      expect(diffSnapshots(t.store, { source: 'prod', kind: 'mlflow.registry' }, { osUser: 't', host: 'h' }, builtIn.differ).recorded).toMatchObject({
        seq: r.recorded.seq,
        reused: true,
      });
    } finally {
      t.cleanup();
    }
  });
});
