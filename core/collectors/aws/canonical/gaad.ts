import { AppError } from '../../../util/errors';
import { jsonTooDeep, tooDeepMessage } from '../../../util/json-depth';
import { byText } from './order';

/**
 * One canonical shape for GetAccountAuthorizationDetails, whether it came from the SDK (policy documents as
 * URL-encoded JSON strings, Date objects, one page at a time) or the CLI (documents decoded into objects,
 * "+00:00" timestamps, pages merged). Same input facts → same bytes → same content_sha256.
 */
export interface CanonicalGaad {
  users: Record<string, unknown>[];
  groups: Record<string, unknown>[];
  roles: Record<string, unknown>[];
  policies: Record<string, unknown>[];
}

const LISTS = { users: 'UserDetailList', groups: 'GroupDetailList', roles: 'RoleDetailList', policies: 'Policies' } as const;
const DOCUMENT_FIELDS = new Set(['PolicyDocument', 'AssumeRolePolicyDocument', 'Document']);
/** Lists whose order carries no meaning: sorted so that AWS reordering never shows as a change. */
const SORT_KEYS: Record<string, string> = {
  AttachedManagedPolicies: 'PolicyArn',
  UserPolicyList: 'PolicyName',
  GroupPolicyList: 'PolicyName',
  RolePolicyList: 'PolicyName',
  PolicyVersionList: 'VersionId',
  InstanceProfileList: 'InstanceProfileName',
  Tags: 'Key',
};

export function decodePolicyDocument(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  // Encoded JSON starts with "%7B"; plain JSON is parsed as is (decoding it could alter a literal "%").
  const text = /^\s*[[{]/.test(value) ? value : safeDecode(value);
  let doc: unknown;
  try {
    doc = JSON.parse(text) as unknown;
  } catch {
    throw new AppError('BAD_INPUT', 'A policy document is neither JSON nor URL-encoded JSON.');
  }
  // Documents arrive as strings (SDK): the file's or response's own depth check never saw inside them.
  if (jsonTooDeep(doc)) throw new AppError('BAD_INPUT', `${tooDeepMessage('A policy document')}.`);
  return doc;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Dates from the SDK are Date objects, from the CLI strings like "2024-01-02T03:04:05+00:00": both → ISO Z. */
function normalizeDate(v: unknown): unknown {
  const d = v instanceof Date ? v : typeof v === 'string' ? new Date(v) : null;
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : v;
}

function normalize(value: unknown, key = ''): unknown {
  if (DOCUMENT_FIELDS.has(key)) return decodePolicyDocument(value);
  if (/Date$/.test(key)) return normalizeDate(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    const items = value.map((v) => normalize(v));
    const sortKey = SORT_KEYS[key];
    if (sortKey) return items.sort((a, b) => byText((a as Record<string, unknown>)?.[sortKey], (b as Record<string, unknown>)?.[sortKey]));
    if (key === 'GroupList') return [...items].sort(byText);
    return items;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$metadata' || v === undefined || v === null) continue;
      out[k] = normalize(v, k);
    }
    return out;
  }
  return value;
}

export function isGaadPage(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const present = Object.values(LISTS).filter((k) => k in v);
  return present.length > 0 && present.every((k) => Array.isArray(v[k]));
}

const NAME_KEYS = { users: 'UserName', groups: 'GroupName', roles: 'RoleName', policies: 'Arn' } as const;

/** Merges pages (SDK) or takes the one merged document (CLI) and normalizes it. */
export function canonicalGaad(pages: readonly unknown[]): CanonicalGaad {
  const out: CanonicalGaad = { users: [], groups: [], roles: [], policies: [] };
  for (const page of pages) {
    if (!isGaadPage(page))
      throw new AppError(
        'BAD_INPUT',
        'Not GetAccountAuthorizationDetails output: expected UserDetailList/GroupDetailList/RoleDetailList/Policies arrays.',
      );
    for (const [name, field] of Object.entries(LISTS) as [keyof CanonicalGaad, string][]) {
      for (const entry of (page[field] as unknown[] | undefined) ?? []) out[name].push(normalize(entry) as Record<string, unknown>);
    }
  }
  return sortGaad(out);
}

function sortGaad(g: CanonicalGaad): CanonicalGaad {
  for (const name of Object.keys(g) as (keyof CanonicalGaad)[]) {
    const key = NAME_KEYS[name];
    g[name].sort((a, b) => byText(a[key], b[key]));
  }
  return g;
}

/** Joins per-page canonical parts (the live collector normalizes page by page to bound memory). */
export function mergeCanonicalGaad(parts: CanonicalGaad[]): CanonicalGaad {
  if (parts.length === 1) return parts[0]!;
  const out: CanonicalGaad = { users: [], groups: [], roles: [], policies: [] };
  for (const p of parts) for (const name of Object.keys(out) as (keyof CanonicalGaad)[]) for (const e of p[name]) out[name].push(e);
  return sortGaad(out);
}

/** Account id and partition from the first ARN in the document (imports have no STS call to ask). */
export function accountFromGaad(gaad: CanonicalGaad): { account?: string; partition?: string } {
  for (const entry of [...gaad.users, ...gaad.roles, ...gaad.groups]) {
    const m = /^arn:([a-z-]+):iam::(\d{12}):/.exec(String(entry.Arn ?? ''));
    if (m) return { partition: m[1]!, account: m[2]! };
  }
  return {};
}
