import { describe, expect, it } from 'vitest';
import { JsonItemsReader } from '../../core/verify/json-items-reader';

const parse = (t: string): unknown => {
  try {
    return JSON.parse(t);
  } catch {
    return INVALID;
  }
};
const INVALID = Symbol('invalid');

/**
 * Feeds `text` in chunks of `size` bytes; returns the rebuilt value, INVALID when a piece does not parse (as the
 * caller treats it), or null when the reader gave up.
 */
function read(text: string, size: number): { value: unknown; whitespace: boolean } | typeof INVALID | null {
  const elements: unknown[] = [];
  const reader = new JsonItemsReader('items', (t, i) => {
    expect(i).toBe(elements.length);
    elements.push(parse(t));
  });
  const bytes = Buffer.from(text, 'utf8');
  for (let p = 0; p < bytes.length; p += size) reader.push(bytes.subarray(p, p + size));
  const end = reader.end();
  if (!end) return null;
  const skeleton = parse(end.skeleton) as { items?: unknown[] } | typeof INVALID;
  if (skeleton === INVALID || elements.includes(INVALID)) return INVALID;
  expect(end.count).toBe(elements.length);
  if (Array.isArray(skeleton.items) && skeleton.items.length === 0) skeleton.items = elements;
  return { value: skeleton, whitespace: reader.whitespace };
}

const docs = [
  { a: 1, items: [], z: 'x' },
  {
    format: 'f',
    items: [
      { seq: 1, s: 'a"b\\c]}{[,' },
      { seq: 2, nested: [[1, 2], { x: [] }] },
    ],
    zz: [1, 2],
  },
  { items: [1, -2.5e3, true, false, null, 'str', '\\', '"', [], {}] },
  { before: { items: [9] }, items: [{ entry: '{"item":{"seq":3}}', auditPath: ['a+/=', 'b'] }], after: 'items' },
  { 'it\u00e9ms': [1], items: [{ é: '😀\u2028' }] },
];

describe('JsonItemsReader', () => {
  it('hands out every element and rebuilds the object, whatever the chunk size', () => {
    for (const doc of docs) {
      for (const text of [JSON.stringify(doc), JSON.stringify(doc, null, 2)]) {
        for (const size of [1, 2, 3, 7, 64, 1 << 20]) {
          const got = read(text, size) as { value: unknown; whitespace: boolean };
          expect(got?.value, `${text} in chunks of ${size}`).toEqual(doc);
          expect(got?.whitespace).toBe(text.includes('\n'));
        }
      }
    }
  });

  it('gives up on what it does not expect, so the caller reads the file whole', () => {
    for (const text of ['{"items":[1,,2]}', '{"items":[1,2,]}', '{"items":[1 2]}', '{"items":[1,2]', '{"items":[1],"items":[2]}', '{"items":[{]}}']) {
      const got = read(text, 3);
      const valid = (() => {
        try {
          JSON.parse(text);
          return true;
        } catch {
          return false;
        }
      })();
      // Invalid JSON is refused by the reader or by JSON.parse of a piece: never taken for a document.
      if (!valid) expect(got === null || got === INVALID, text).toBe(true);
      if (text.includes('"items":[2]')) expect(got).toBeNull();
    }
  });

  it('leaves a key written with escapes in the skeleton (found by JSON.parse, not streamed)', () => {
    const got = read('{"it\\u0065ms":[1,2]}', 4) as { value: { items: unknown[] } };
    expect(got.value).toEqual({ items: [1, 2] });
  });
});
