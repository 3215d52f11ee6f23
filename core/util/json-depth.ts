/**
 * How deep JSON from outside (an imported file, a server's answer) may nest. JSON.parse itself is iterative, but
 * everything after it recurses (normalising GAAD, zod, canonical JSON), and a few thousand levels overflow the
 * stack. Real data is shallow: a condition value inside a policy statement inside a GAAD role is 12 levels deep,
 * an MLflow response 6. 64 leaves ample room and keeps every recursive step far from the stack limit.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * True when a parsed JSON value nests arrays/objects more than `limit` levels (the outermost one is level 1).
 * Walks with its own stack (never recursion) and stops at the first container past the limit. Done on the
 * parsed value rather than the text: it visits containers only, so it costs about a tenth of the JSON.parse
 * before it whatever the whitespace or string lengths (`npm run bench json-depth`).
 */
export function jsonTooDeep(root: unknown, limit = MAX_JSON_DEPTH): boolean {
  const values: unknown[] = [root];
  const depths: number[] = [1];
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > limit) return true;
    // Arrays with for…of, objects with for…in: no array or closure per container (either made it 3-10× slower).
    if (Array.isArray(value)) {
      for (const child of value) {
        if (child !== null && typeof child === 'object') {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in value) {
        const child = (value as Record<string, unknown>)[key];
        if (child !== null && typeof child === 'object') {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
}

/** The same words wherever a too-deep value is refused, naming the limit. */
export function tooDeepMessage(what: string): string {
  return `${what} nests JSON more than ${MAX_JSON_DEPTH} levels deep (no real export or API answer does)`;
}
