import { stringify } from 'csv-stringify/sync';
import type { KindMappings } from '../criteria/mapping';
import { getCriterion } from '../criteria';
import type { Manifest } from './manifest';
import { renderIndexHtml } from './index-html';

export const INDEX_HTML = 'index.html';
export const CRITERIA_CSV = 'criteria.csv';

/** One file of the bundle as index.html and criteria.csv describe it. */
export interface BundleFileRow {
  path: string;
  /** What it is, in words: "Evidence item #12 (mlflow.registered_models)", "Inclusion proofs", ... */
  what: string;
  kind: string;
  date: string | null;
  completeness: 'complete' | 'partial' | 'failed' | null;
  sha256: string;
  /** Criteria this file is evidence for (the bundle's own first); empty for the bundle's own machinery. */
  criteria: string[];
}

/** Titles of the files every bundle has; anything else unknown is described by its path. */
const FIXED: Record<string, string> = {
  'README.txt': 'What the bundle holds and how to verify it',
  'manifest.json': 'Bundle metadata: criterion, period, key, checkpoint, counts, redaction, items, attachments',
  'signing-key.pub.pem': 'The Ed25519 public key (compare its fingerprint with the one you received out of band)',
  'log/checkpoint.txt': "The store's signed log checkpoint at export",
  'log/proofs.json': 'Inclusion proof of every item in the checkpoint (and consistency with the previous bundle)',
  'tools/verify.sh': 'Verification steps 1-4 in one script (openssl 3 + coreutils)',
  'tools/verify-log.mjs': 'Zero-dependency Node check of the log proofs',
};

/**
 * The rows of index.html and criteria.csv: every file SHA256SUMS lists (index.html and criteria.csv themselves
 * excepted: a file cannot list its own hash). `sums` maps path → SHA-256 for the static and on-disk files.
 */
export function bundleFileRows(manifest: Manifest, sums: ReadonlyMap<string, string>, mappings: KindMappings): BundleFileRow[] {
  const own = manifest.criterion.id;
  const criteriaOf = (kind: string) => {
    const ids = mappings.forKind(kind)?.criteria ?? [];
    return [own, ...ids.filter((id) => id !== own)];
  };
  const rows: BundleFileRow[] = [];
  for (const [path, sha256] of sums) {
    const what = path === manifest.report ? `The report for ${own} (PDF)` : (FIXED[path] ?? path);
    rows.push({
      path,
      what,
      kind: path === manifest.report ? 'report' : 'bundle',
      date: null,
      completeness: null,
      sha256,
      criteria: path === manifest.report ? [own] : [],
    });
  }
  for (const item of manifest.items) {
    const base = { kind: item.kind, date: item.collectedAt, completeness: item.completeness, criteria: criteriaOf(item.kind) };
    const label = `#${item.seq} (${item.kind}${item.baseline ? ', baseline before the period' : ''})`;
    rows.push({ ...base, path: item.evidence, what: `Evidence item ${label}`, sha256: item.contentSha256 });
    rows.push({ ...base, path: item.ipe, what: `How item #${item.seq} was produced (IPE: query, pages, counts)`, sha256: item.ipeSha256 });
  }
  for (const a of manifest.attachments ?? []) {
    rows.push({ path: a.path, what: a.title, kind: a.kind, date: a.date, completeness: null, sha256: a.sha256, criteria: [own] });
  }
  // The report first, then by path with each item's IPE right after its content.
  const key = (r: BundleFileRow) => `${r.kind === 'report' ? '0' : '1'}${r.path.replace(/\.ipe\.json$/, '.json~')}`;
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * criteria.csv: one row per criterion × evidence file, so an auditor can filter a spreadsheet by criterion. Cells
 * that a spreadsheet would run as a formula (=, +, -, @ first) are escaped.
 */
export function criteriaCsv(rows: readonly BundleFileRow[]): Buffer {
  const out: string[][] = [['criterion', 'criterion_title', 'file', 'kind', 'evidence_date', 'completeness', 'sha256', 'description']];
  for (const r of rows) {
    for (const id of r.criteria) {
      out.push([id, getCriterion(id).title, r.path, r.kind, r.date ?? '', r.completeness ?? '', r.sha256, r.what]);
    }
  }
  return Buffer.from(stringify(out, { escape_formulas: true, record_delimiter: 'unix' }), 'utf8');
}

/** index.html and criteria.csv, added to the bundle after everything they describe is known. */
export function navigationFiles(manifest: Manifest, sums: ReadonlyMap<string, string>, mappings: KindMappings): Map<string, Buffer> {
  const rows = bundleFileRows(manifest, sums, mappings);
  return new Map([
    [INDEX_HTML, renderIndexHtml(manifest, rows)],
    [CRITERIA_CSV, criteriaCsv(rows)],
  ]);
}
