import { stringify } from 'csv-stringify/sync';
import { principalsOf, REVIEWABLE_KINDS } from '../../reviews/normalise';
import { itemBytesBySeq } from '../../store/store-reads';
import { AppError } from '../../util/errors';
import type { ManifestItem } from '../manifest';
import type { AttachmentContributor, BundleAttachment } from './types';

export const POPULATION_COLUMNS = [
  'principal',
  'display_name',
  'type',
  'role',
  'privileged',
  'mfa',
  'last_activity',
  'created_at',
  'deleted',
] as const;

const yesNo = (v: boolean | null) => (v === null ? 'unknown' : v ? 'yes' : 'no');

/** evidence/<kind>/<seq>.json → evidence/<kind>/<seq>.population.csv: beside the item and its IPE. */
export const populationPath = (item: ManifestItem) => item.evidence.replace(/\.json$/, '.population.csv');

/**
 * The population of one access snapshot as CSV, one row per principal–role (a principal with no role is one row
 * with an empty role), so an auditor can sample without parsing JSON. The `#` header lines name the snapshot and
 * its content hash: the CSV is derived from that signed item and can be re-derived from it. Cells a spreadsheet
 * would run as a formula are escaped.
 */
export function populationCsv(item: ManifestItem, content: unknown): { csv: Buffer; principals: number; rows: number } {
  const principals = principalsOf(item.kind, content);
  const rows: string[][] = [];
  for (const p of principals) {
    for (const role of p.roles.length ? p.roles : ['']) {
      rows.push([
        p.principal,
        p.displayName,
        p.type,
        role,
        yesNo(p.privileged),
        yesNo(p.mfa),
        p.lastActivity ?? 'unknown',
        p.createdAt ?? '',
        yesNo(p.deleted),
      ]);
    }
  }
  const header = [
    `# Population of evidence item #${item.seq} (${item.kind}), collected ${item.collectedAt}, ${item.completeness}`,
    `# Derived from ${item.evidence} (content SHA-256 ${item.contentSha256}); how it was produced: ${item.ipe}`,
    `# ${principals.length} principals, ${rows.length} principal-role rows`,
  ].join('\n');
  const body = stringify([[...POPULATION_COLUMNS], ...rows], { escape_formulas: true, record_delimiter: 'unix' });
  return { csv: Buffer.from(`${header}\n${body}`, 'utf8'), principals: principals.length, rows: rows.length };
}

/** A population CSV beside every access snapshot the bundle carries (diffs and other kinds have none). */
export const populationContributor: AttachmentContributor = ({ store, items }) => {
  const out: BundleAttachment[] = [];
  for (const item of items) {
    if (!REVIEWABLE_KINDS.includes(item.kind) || item.completeness === 'failed') continue;
    const bytes = itemBytesBySeq(store, item.seq);
    if (!bytes) throw new AppError('NOT_FOUND', `Evidence item #${item.seq} vanished during export.`);
    const { csv, principals, rows } = populationCsv(item, JSON.parse(bytes.content.toString('utf8')));
    out.push({
      path: populationPath(item),
      data: csv,
      title: `Population of item #${item.seq} (${item.kind}): ${principals} principals, ${rows} principal-role rows`,
      kind: 'population-csv',
      date: item.collectedAt,
      derivedFrom: [item.seq],
    });
  }
  return out;
};
