import { describe, expect, it } from 'vitest';
import { compareKeys, countChanges, diffField, diffRecord, keyBy, sameJson, visitKeyed } from '../../core/diff/compare';

describe('diff building blocks', () => {
  it('compares JSON structurally, whatever the key order', () => {
    expect(sameJson({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson(undefined, null)).toBe(false);
  });

  it('orders keys naturally (v2 before v10)', () => {
    expect(['10', '2', '1', 'b', 'a'].sort(compareKeys)).toEqual(['1', '2', '10', 'a', 'b']);
  });

  it('visits added, removed and common keys once each, in key order', () => {
    const seen: string[] = [];
    visitKeyed(
      new Map([
        ['b', 1],
        ['a', 1],
        ['c', 1],
      ]),
      new Map([
        ['c', 2],
        ['d', 2],
        ['a', 1],
      ]),
      {
        added: (k) => seen.push(`+${k}`),
        removed: (k) => seen.push(`-${k}`),
        both: (k, b, a) => seen.push(`${k}:${b}→${a}`),
      },
    );
    expect(seen).toEqual(['a:1→1', '-b', 'c:1→2', '+d']);
  });

  it('diffs flat records and single fields; missing equals null for fields', () => {
    expect(diffRecord('bucket ml-data', 'setting', 'setting', { x: '1', y: { z: 1 } }, { y: { z: 2 }, w: true })).toEqual([
      { type: 'setting_added', subject: 'bucket ml-data', field: 'setting w', after: true },
      { type: 'setting_removed', subject: 'bucket ml-data', field: 'setting x', before: '1' },
      { type: 'setting_changed', subject: 'bucket ml-data', field: 'setting y', before: { z: 1 }, after: { z: 2 } },
    ]);
    expect(diffField('s', 't', 'f', undefined, null)).toEqual([]);
    expect(diffField('s', 't', 'f', 30, undefined)).toEqual([{ type: 't', subject: 's', field: 'f', before: 30, after: null }]);
  });

  it('keys lists and counts changes by type', () => {
    expect([...keyBy([{ id: 'x' }, { id: 'y' }], (o) => o.id).keys()]).toEqual(['x', 'y']);
    expect(
      countChanges([
        { type: 'a', subject: '' },
        { type: 'b', subject: '' },
        { type: 'a', subject: '' },
      ]),
    ).toEqual({ a: 2, b: 1 });
  });
});
