import { afterEach, describe, expect, it } from 'vitest';
import { itemRecordedRow, itemRecordedText, type LoggedItem } from '../../core/store/item-log-entry';
import { leafHash } from '../../core/log/merkle';
import { canonicalBytes, canonicalText } from '../../core/util/canonical';
import { recordItems } from '../../core/store/store-writes';
import { getLogEntry } from '../../core/store/store-reads';
import { tempStore } from '../helpers/temp-store';
import { sampleItem } from '../helpers/items';

// The store writes item_recorded entries with a hand-ordered template (item-log-entry.ts); every stored hash
// depends on it being exactly the generic canonical form the log has always used.
const generic = (it: LoggedItem, scope: unknown, idx: number, at: string, actor: unknown) => {
  const { scopeJcs: _, ...rest } = it;
  return canonicalBytes({ item: { ...rest, scope }, type: 'item_recorded', seq: idx, at, actor });
};

const strings = ['', 'a', 'é', '€', '😀', '\u0000\u001f', '"\\/', '\u2028', 'Z', 'b\n', 'mlflow.registry', 'aws.iam'];

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('item_recorded log entry', () => {
  it('is byte-identical to the generic canonical form across escapes, nulls and numbers', () => {
    let n = 0;
    for (const s of strings) {
      for (const ids of [
        [null, null],
        [0, 7],
        [123456789, null],
      ] as const) {
        n += 1;
        const scope = { server: `http://h/${s}`, account: s, region: 'eu-west-1' };
        const it: LoggedItem = {
          seq: n * 997,
          runId: ids[0],
          sourceId: ids[1],
          kind: `k${s}`,
          scopeJcs: canonicalText(scope),
          collectedAt: `2026-01-0${(n % 9) + 1}T00:00:00.000Z${s}`,
          contentSha256: 'ab'.repeat(32),
          ipeSha256: s + 'cd'.repeat(32),
          completeness: n % 2 ? 'complete' : 'partial',
          provenance: s || 'api_snapshot',
        };
        const actor = { osUser: s, host: `host${s}`, appUser: n % 2 ? 'x' : undefined };
        const want = generic(it, scope, n, `at${s}`, actor);
        expect(itemRecordedText(it, n, `at${s}`, canonicalText(actor))).toBe(want.toString('utf8'));
        const row = itemRecordedRow(it, n, `at${s}`, canonicalText(actor));
        expect(Buffer.compare(row.body, want)).toBe(0);
        expect(row.leaf.equals(leafHash(want))).toBe(true);
      }
    }
  });

  it('is what the store records: the stored body is the generic form and its leaf hashes it', () => {
    const t = tempStore();
    cleanups.push(t.cleanup);
    const item = { ...sampleItem(3), scope: { server: 'http://é/"q"' } };
    const [rec] = recordItems(t.store, { runId: null, sourceId: null }, [item]);
    const entry = getLogEntry(t.store, rec!.logIdx)!;
    const body = JSON.parse(entry.body.toString('utf8')) as { at: string; actor: unknown; item: Record<string, unknown> };
    expect(entry.body.equals(canonicalBytes(body))).toBe(true);
    expect(body.item.scope).toEqual(item.scope);
    expect(entry.leaf.equals(leafHash(entry.body))).toBe(true);
  });
});
