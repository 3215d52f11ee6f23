import { describe, expect, it } from 'vitest';
import { analyseCondition } from '../../core/collectors/gcp/canonical/conditions';
import { durationText } from '../../core/collectors/gcp/canonical/bucket';

const at = '2026-06-01T00:00:00Z';
const status = (expression: string) => analyseCondition({ expression }, at).status;

describe('IAM conditions judged at one instant', () => {
  it('a time-boxed grant is active until its end, then expired (no access)', () => {
    expect(status('request.time < timestamp("2026-07-01T00:00:00Z")')).toBe('active');
    expect(status('request.time < timestamp("2026-05-01T00:00:00Z")')).toBe('expired');
    expect(analyseCondition({ expression: "request.time <= timestamp('2026-05-01T00:00:00Z')" }, at)).toMatchObject({
      status: 'expired',
      expiresAt: '2026-05-01T00:00:00.000Z',
    });
  });

  it('a window: not yet active before its start, active inside it', () => {
    expect(status('request.time > timestamp("2026-07-01T00:00:00Z") && request.time < timestamp("2026-08-01T00:00:00Z")')).toBe('not_yet_active');
    expect(status('(request.time >= timestamp("2026-05-01T00:00:00Z")) && (request.time < timestamp("2026-08-01T00:00:00Z"))')).toBe('active');
  });

  it('an expired bound ends a conjunction whatever else it says; with || or ! we cannot judge', () => {
    expect(status('resource.name.startsWith("projects/_/buckets/x") && request.time < timestamp("2026-05-01T00:00:00Z")')).toBe('expired');
    expect(status('resource.name.startsWith("projects/_/buckets/x") && request.time < timestamp("2026-07-01T00:00:00Z")')).toBe('conditional');
    expect(status('request.time < timestamp("2026-05-01T00:00:00Z") || resource.type == "storage.googleapis.com/Bucket"')).toBe('conditional');
    expect(status('!(request.time < timestamp("2026-05-01T00:00:00Z"))')).toBe('conditional');
    expect(status('resource.service != "x" && request.time < timestamp("2026-05-01T00:00:00Z")')).toBe('expired'); // != is not a negation
  });
});

describe('int64 durations stay exact', () => {
  it('shows whole days, hours or seconds without rounding, even past 2^53', () => {
    expect(durationText('2592000')).toBe('30 d');
    expect(durationText('5400')).toBe('5400 s');
    expect(durationText('7200')).toBe('2 h');
    expect(durationText('0')).toBe('0 (off)');
    expect(durationText('9007199254740993')).toBe('9007199254740993 s');
  });
});
