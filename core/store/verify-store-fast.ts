import { CompactRange, leafHash } from '../log/merkle';
import { sha256Hex } from '../util/canonical';
import type { Db } from './database';
import { itemRecordedTail } from './item-log-entry';
import { itemPage, logPage, type LogPageRow, type ScannedItem } from './repos/scan';

/** What the row-by-row check needs from the log pass when everything in it agreed. */
export interface ConfirmedScan {
  range: CompactRange;
  roots: Map<number, Buffer>;
  loggedKeys: Map<string, Buffer>;
  bytes: number;
  items: number;
}

export type FollowKeys = (
  body: Record<string, unknown>,
  type: string,
  where: string,
  loggedKeys: Map<string, Buffer>,
  active: Buffer | null,
  add: (w: string, r: string) => void,
) => Buffer | null;

const PAGE = 256; // rows per read: flat memory even for 64 KB items, and a negligible cost per query

/**
 * One pass over the log and the items together that only confirms: it returns null at the first thing it cannot
 * confirm, and verify-store then runs its row-by-row check, which names every problem. A clean store — the case
 * that has to be fast — is confirmed without parsing its item_recorded entries: each is rebuilt from its item row
 * (the same template the writer uses) and compared byte for byte. An entry in any other shape (a field added
 * later, an older writer) is parsed and compared field by field, exactly as the row-by-row check does.
 *
 * Items are recorded in sequence order with rising log positions, so both tables are read in order and merged;
 * an item out of that order, or any gap, is left to the row-by-row check.
 */
export function confirmLogAndItems(db: Db, wanted: ReadonlySet<number>, followKeys: FollowKeys): ConfirmedScan | null {
  const range = new CompactRange();
  const roots = new Map<number, Buffer>();
  const loggedKeys = new Map<string, Buffer>();
  if (wanted.has(0)) roots.set(0, range.root());
  const items = new ItemCursor(db);
  const valid = new ValidJson();
  let bytes = 0;
  let confirmed = 0;
  let active: Buffer | null = null;
  let problem = false;
  const flag = () => void (problem = true);
  for (const [idx, typeUnlessItem, body, leaf] of logRows(db)) {
    const type = typeUnlessItem ?? 'item_recorded';
    if (idx !== range.size) return null;
    const computed = leafHash(body);
    if (!computed.equals(leaf)) return null;
    bytes += body.length;
    const next = items.peek();
    if (type === 'item_recorded') {
      if (!next || next[11] !== idx || !itemEntryMatches(body, idx, next, valid)) return null;
      items.take();
      confirmed += 1;
      bytes += next[6].length + next[8].length;
    } else {
      if (next && next[11] <= idx) return null; // an item pointing at an entry that is not its record
      const parsed = parseObject(body);
      if (!parsed || parsed.seq !== idx || parsed.type !== type) return null;
      active = followKeys(parsed, type, '', loggedKeys, active, flag);
      if (problem) return null;
    }
    range.push(computed);
    if (wanted.has(range.size)) roots.set(range.size, range.root());
  }
  if (items.peek()) return null; // an item no entry records
  return { range, roots, loggedKeys, bytes, items: confirmed };
}

/** The entry says exactly what the row-by-row check would compare with its item row (verify-store.ts). */
function itemEntryMatches(body: Buffer, idx: number, it: ScannedItem, valid: ValidJson): boolean {
  const [seq, runId, sourceId, kind, scope, collectedAt, content, storedSha256, ipe, completeness, provenance] = it;
  const contentSha256 = sha256Hex(content);
  const ipeSha256 = sha256Hex(ipe);
  if (storedSha256 !== contentSha256) return false;
  const evidenceFor = it[12] ?? undefined;
  if (evidenceFor === undefined) {
    const tail = valid.encode(
      itemRecordedTail({ seq, runId, sourceId, kind, scopeJcs: scope, collectedAt, contentSha256, ipeSha256, completeness, provenance }, idx),
    );
    const cut = body.length - tail.length;
    // body = `{"actor":…,"at":…,` + tail: valid JSON as a whole iff that head is a valid start of an object and the
    // scope text is JSON (everything else in the tail is serialised here).
    if (cut > 1 && body.compare(tail, 0, tail.length, cut) === 0 && body[cut - 1] === 0x2c && valid.head(body, cut)) {
      if (valid.scope(scope)) return true;
    }
  }
  const entry = parseObject(body);
  const item = entry?.item as Record<string, unknown> | undefined;
  return (
    !!entry &&
    entry.seq === idx &&
    entry.type === 'item_recorded' &&
    typeof item === 'object' &&
    item !== null &&
    item.seq === seq &&
    item.contentSha256 === contentSha256 &&
    item.ipeSha256 === ipeSha256 &&
    item.kind === kind &&
    item.collectedAt === collectedAt &&
    item.evidenceFor === evidenceFor
  );
}

function parseObject(body: Buffer): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(body.toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Consecutive entries of one batch share actor and time, and mostly scope: each distinct text is parsed once. */
class ValidJson {
  private lastHead: Buffer | null = null;
  private lastScope: string | null = null;
  private scratch = Buffer.allocUnsafe(4096);

  /** The rebuilt tail as UTF-8 in a reused buffer (valid until the next call): no allocation per entry. */
  encode(text: string): Buffer {
    if (text.length * 3 > this.scratch.length) this.scratch = Buffer.allocUnsafe(text.length * 3);
    return this.scratch.subarray(0, this.scratch.write(text, 0, 'utf8'));
  }

  /** `{…,` (the body's first `cut` bytes): the entry's fields before the item, closed, parse as an object. */
  head(body: Buffer, cut: number): boolean {
    if (this.lastHead?.length === cut && body.compare(this.lastHead, 0, cut, 0, cut) === 0) return true;
    const head = body.subarray(0, cut);
    if (head[0] !== 0x7b) return false;
    // At least one member: `{,` closes to `{}`, which parses, but `{,"item":…}` does not.
    const closed = parseObject(Buffer.concat([head.subarray(0, head.length - 1), Buffer.from('}')]));
    if (!closed || Object.keys(closed).length === 0) return false;
    this.lastHead = Buffer.from(head);
    return true;
  }

  scope(text: string): boolean {
    if (text === this.lastScope) return true;
    try {
      JSON.parse(text);
    } catch {
      return false;
    }
    this.lastScope = text;
    return true;
  }
}

function* logRows(db: Db): Generator<LogPageRow> {
  for (let from = 0; ;) {
    const rows = logPage(db, from, PAGE);
    yield* rows;
    if (rows.length < PAGE) return;
    from = rows[rows.length - 1]![0] + 1;
  }
}

class ItemCursor {
  private rows: ScannedItem[] = [];
  private at = 0;
  private lastSeq = Number.MIN_SAFE_INTEGER;
  private done = false;

  constructor(private readonly db: Db) {}

  peek(): ScannedItem | undefined {
    if (this.at >= this.rows.length && !this.done) {
      this.rows = itemPage(this.db, this.lastSeq, PAGE);
      this.at = 0;
      if (this.rows.length < PAGE) this.done = true;
      if (this.rows.length) this.lastSeq = this.rows[this.rows.length - 1]![0];
    }
    return this.rows[this.at];
  }

  take(): void {
    this.at += 1;
  }
}
