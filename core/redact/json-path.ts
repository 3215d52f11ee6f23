/**
 * RFC 9535 normalized paths ($['users'][0]['tags']['db_password']): one spelling per location, so an auditor (or a
 * JSONPath tool) finds the redacted value in evidence/<kind>/<seq>.json. Paths are built only when a rule fires.
 */
export interface PathNode {
  parent: PathNode | null;
  key: string | number;
}

const ESCAPES: Record<string, string> = { "'": "\\'", '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function segment(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`;
  // eslint-disable-next-line no-control-regex -- RFC 9535 §2.7: these are exactly the characters a normalized path escapes
  const escaped = key.replace(/['\\\u0000-\u001f]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `['${escaped}']`;
}

export function normalizedPath(node: PathNode | null, root = '$'): string {
  const parts: string[] = [];
  for (let n = node; n; n = n.parent) parts.push(segment(n.key));
  return root + parts.reverse().join('');
}
