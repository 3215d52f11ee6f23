import { AppError } from '../../../util/errors';
import { byText } from './order';

/** The 22 columns of the IAM credential report, in AWS order. */
export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;
const DATE_COLUMNS = CREDENTIAL_REPORT_COLUMNS.filter((c) => /(_time|_last_used|_last_changed|_last_rotated|_last_used_date)$/.test(c));
export type CredentialRow = Record<(typeof CREDENTIAL_REPORT_COLUMNS)[number], string>;

export const STALE_DAYS = 90;
const DAY_MS = 86_400_000;

export interface CredentialFlag {
  type: 'access_key_older_than_90_days' | 'console_user_without_mfa' | 'root_without_mfa' | 'unused_credential';
  user: string;
  credential?: string;
  days?: number;
}

/** RFC 4180 reader. The report has no quoted fields today (fast path: plain splits), but nothing guarantees that. */
export function parseCsv(text: string): string[][] {
  if (!text.includes('"'))
    return text
      .split(/\r?\n|\r/)
      .filter((l) => l !== '')
      .map((l) => l.split(','));
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else field += c;
  }
  if (field !== '' || row.length) endRow();
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

function time(v: string | undefined): number | null {
  if (!v || !/^\d{4}-/.test(v)) return null; // N/A, no_information, not_supported
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}

function flagsFor(row: CredentialRow, asOf: number): CredentialFlag[] {
  const flags: CredentialFlag[] = [];
  const age = (t: number) => Math.floor((asOf - t) / DAY_MS);
  const isRoot = row.user === '<root_account>';
  if (isRoot && row.mfa_active === 'false') flags.push({ type: 'root_without_mfa', user: row.user });
  if (!isRoot && row.password_enabled === 'true' && row.mfa_active === 'false') flags.push({ type: 'console_user_without_mfa', user: row.user });
  if (row.password_enabled === 'true') {
    const since = time(row.password_last_used) ?? time(row.password_last_changed) ?? time(row.user_creation_time);
    if (since !== null && age(since) > STALE_DAYS)
      flags.push({ type: 'unused_credential', user: row.user, credential: 'password', days: age(since) });
  }
  for (const n of [1, 2] as const) {
    if (row[`access_key_${n}_active`] !== 'true') continue;
    const rotated = time(row[`access_key_${n}_last_rotated`]);
    if (rotated !== null && age(rotated) > STALE_DAYS)
      flags.push({ type: 'access_key_older_than_90_days', user: row.user, credential: `access_key_${n}`, days: age(rotated) });
    const used = time(row[`access_key_${n}_last_used_date`]) ?? rotated;
    if (used !== null && age(used) > STALE_DAYS)
      flags.push({ type: 'unused_credential', user: row.user, credential: `access_key_${n}`, days: age(used) });
  }
  return flags;
}

/**
 * CSV text → canonical report content. `generatedTime` is the report's own time (AWS GeneratedTime) and, when
 * known, the reference for ages, so the same report always gives the same flags.
 */
export function canonicalCredentialReport(csv: string, generatedTime: string | null, fallbackAsOf: string) {
  const [head, ...body] = parseCsv(csv.replace(/^\uFEFF/, ''));
  if (!head) throw new AppError('BAD_INPUT', 'The credential report is empty.');
  const missing = CREDENTIAL_REPORT_COLUMNS.filter((c) => !head.includes(c));
  if (missing.length) throw new AppError('BAD_INPUT', `Not a complete IAM credential report: missing column(s) ${missing.join(', ')}.`);
  const index = CREDENTIAL_REPORT_COLUMNS.map((c) => head.indexOf(c));
  const rows = body.map((cells, n) => {
    if (cells.length !== head.length)
      throw new AppError('BAD_INPUT', `Credential report line ${n + 2} has ${cells.length} fields, expected ${head.length}.`);
    const out: Record<string, string> = {};
    for (let i = 0; i < CREDENTIAL_REPORT_COLUMNS.length; i++) out[CREDENTIAL_REPORT_COLUMNS[i]!] = cells[index[i]!] ?? '';
    return out as CredentialRow;
  });
  rows.sort((a, b) => byText(a.user, b.user));
  // A GeneratedTime older than the report's own data is impossible on AWS (moto fixes it at 2015): ages are
  // then computed as of collection/import time, and the content says so.
  let newest = 0;
  for (const r of rows) for (const c of DATE_COLUMNS) newest = Math.max(newest, time(r[c]) ?? 0);
  const trusted = generatedTime !== null && Date.parse(generatedTime) >= newest;
  const asOf = trusted ? generatedTime : fallbackAsOf;
  const asOfBasis = trusted
    ? 'GeneratedTime'
    : generatedTime === null
      ? 'collection time (no GeneratedTime)'
      : 'collection time (GeneratedTime precedes the report data)';
  const flags = rows.flatMap((r) => flagsFor(r, Date.parse(asOf)));
  const count = (t: CredentialFlag['type']) => flags.filter((f) => f.type === t).length;
  return {
    generatedTime,
    asOf,
    asOfBasis,
    columns: [...CREDENTIAL_REPORT_COLUMNS],
    rows,
    flags,
    summary: {
      rows: rows.length,
      rootAccountRow: rows.some((r) => r.user === '<root_account>'),
      consoleUsersWithoutMfa: count('console_user_without_mfa'),
      rootWithoutMfa: count('root_without_mfa') > 0,
      accessKeysOlderThan90Days: count('access_key_older_than_90_days'),
      unusedCredentials: count('unused_credential'),
    },
  };
}
