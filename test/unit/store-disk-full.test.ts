import { afterEach, describe, expect, it } from 'vitest';
import { toErrorBody } from '../../core/util/errors';
import { recordItems } from '../../core/store/store-writes';
import { verifyStore } from '../../core/store/verify-store';
import { tempStore } from '../helpers/temp-store';
import { sampleItem } from '../helpers/items';
import { dbOf } from '../../core/store/handle';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('disk full', () => {
  it('fails the write with a clear DISK_FULL error, rolls back the whole batch and leaves the store valid', () => {
    const t = tempStore();
    cleanups.push(t.cleanup);
    recordItems(t.store, { runId: null, sourceId: null }, [sampleItem(1)]);
    t.store.checkpoint();
    const pages = Number(dbOf(t.store).pragma('page_count', { simple: true }));
    dbOf(t.store).pragma(`max_page_count = ${pages + 3}`);
    const before = verifyStore(t.store);
    let error: unknown;
    try {
      for (let i = 0; i < 50; i++)
        recordItems(
          t.store,
          { runId: null, sourceId: null },
          Array.from({ length: 10 }, (_, j) => sampleItem(i * 10 + j, 'big', 4000)),
        );
    } catch (err) {
      error = err;
    }
    expect(toErrorBody(error)).toEqual({ code: 'DISK_FULL', message: expect.stringMatching(/full; nothing was written/) });
    const after = verifyStore(t.store);
    expect(after.problems).toEqual([]);
    // Whole batches only: the log holds the first item plus a whole number of 10-item batches.
    expect((after.items - before.items) % 10).toBe(0);
    dbOf(t.store).pragma('max_page_count = 1073741823');
    recordItems(t.store, { runId: null, sourceId: null }, [sampleItem(999)]);
    t.store.checkpoint();
    expect(verifyStore(t.store).ok).toBe(true);
  });
});
