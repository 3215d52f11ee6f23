import { describe, expect, it } from 'vitest';
import { byCodeUnits, naturalCompare } from '../../core/util/order';

describe('locale-independent orders', () => {
  it('sorts digit runs as numbers and the rest by code units', () => {
    const sorted = ['v10', 'v2', 'v1', 'B', 'a', 'v02', '10', '9', 'model-b', 'model-a', 'Zed', 'é'].sort(naturalCompare);
    expect(sorted).toEqual(['9', '10', 'B', 'Zed', 'a', 'model-a', 'model-b', 'v1', 'v02', 'v2', 'v10', 'é']);
    expect(naturalCompare('7', '7')).toBe(0);
  });

  it('orders by UTF-16 code units', () => {
    expect(['b', 'B', 'a', '\u00e9', '\ud83d\ude00'].sort(byCodeUnits)).toEqual(['B', 'a', 'b', '\u00e9', '\ud83d\ude00']);
  });
});
