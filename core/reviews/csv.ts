import { readFileSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Actor } from '../evidence/actor';
import type { EvidenceStore } from '../store/evidence-store';
import { recordDecisions, type NewDecision } from '../store/review-store';
import { AppError } from '../util/errors';
import { assertOpen, checkDecision, decisionRecord, snapshotHashes, type DecisionInput } from './decide';
import { DECISIONS, type DecisionKind } from './types';
import { linesWithDecisions, reviewRow } from './view';
import type { CsvImportView, ReviewLineView } from './view-types';

/** Columns a reviewer fills in are last; the rest identify the line and the snapshot it came from. */
export const CSV_COLUMNS = [
  'review',
  'line',
  'source',
  'principal',
  'name',
  'type',
  'roles',
  'mfa',
  'last_activity',
  'tag',
  'flags',
  'snapshots',
  'snapshot_sha256',
  'decision',
  'comment',
  'reason',
  'new_role',
  'reviewer',
] as const;
const MAX_CSV_BYTES = 20 * 1024 * 1024;

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe (OWASP CSV
 * injection advice); the import takes it off again, so a round trip keeps the text.
 */
export const guardCell = (v: string): string => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const unguard = (v: string): string => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);

function csvRow(id: number, l: ReviewLineView, hashes: Map<number, string>): string[] {
  const d = l.decision;
  const cells = [
    String(id),
    String(l.line),
    l.source,
    l.principal,
    l.displayName,
    l.type,
    l.roles.join('; '),
    l.mfa === null ? 'n/a' : l.mfa ? 'yes' : 'no',
    l.lastActivity ?? 'unknown',
    l.tag,
    l.flags.join(' '),
    l.snapshots.join(' '),
    l.snapshots.map((s) => hashes.get(s) ?? '').join(' '),
    d?.decision ?? '',
    d?.comment ?? '',
    d?.reason ?? '',
    d?.newRole ?? '',
    d?.reviewer ?? '',
  ];
  return cells.map(guardCell);
}

export function reviewCsv(store: EvidenceStore, id: number): { fileName: string; csv: string; rows: number } {
  reviewRow(store, id);
  const hashes = snapshotHashes(store, id);
  const lines = linesWithDecisions(store, id);
  const csv = stringify([[...CSV_COLUMNS], ...lines.map((l) => csvRow(id, l, hashes))], { quoted_match: /[\s,"']/ });
  return { fileName: `access-review-${id}.csv`, csv, rows: lines.length };
}

const DECISION_WORDS: Record<string, DecisionKind> = { 'change role': 'change_role', 'change-role': 'change_role', changerole: 'change_role' };
const decisionOf = (v: string): DecisionKind | null => {
  const w = v.trim().toLowerCase();
  return (DECISIONS as readonly string[]).includes(w) ? (w as DecisionKind) : (DECISION_WORDS[w] ?? null);
};

/** Reads the CSV; the file line of each record is kept so a refusal can name it. */
function readRecords(file: string): { line: number; cells: Record<string, string> }[] {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new AppError('NOT_FOUND', `No file ${file}.`);
  }
  if (size > MAX_CSV_BYTES) throw new AppError('BAD_INPUT', `${file} is ${size} bytes; a review CSV above ${MAX_CSV_BYTES} bytes is refused.`);
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), {
      columns: true,
      skip_empty_lines: true,
      info: true,
      relax_column_count: false,
    });
  } catch (err) {
    throw new AppError('BAD_INPUT', `${file} is not a readable CSV: ${(err as Error).message}`);
  }
  const head = records[0] ? Object.keys(records[0].record) : [];
  const missing = ['review', 'line', 'source', 'principal', 'snapshot_sha256', 'decision', 'comment'].filter(
    (c) => records.length && !head.includes(c),
  );
  if (missing.length) throw new AppError('BAD_INPUT', `${file} is not a review CSV from this app: missing column(s) ${missing.join(', ')}.`);
  return records.map((r) => ({ line: r.info.lines, cells: Object.fromEntries(Object.entries(r.record).map(([k, v]) => [k, unguard(v)])) }));
}

/**
 * Decisions from a CSV this review exported. A row is refused (with its line number) when it names another review,
 * a line that is not there, another source or principal, a snapshot hash that is not the one reviewed, or an
 * invalid decision. Valid rows are recorded in one transaction; rows repeating the decision in force are skipped.
 */
export function importReviewCsv(store: EvidenceStore, id: number, file: string, actor: Actor, reviewerFlag?: string): CsvImportView {
  assertOpen(store, id);
  const hashes = snapshotHashes(store, id);
  const lines = new Map(linesWithDecisions(store, id).map((l) => [l.line, l]));
  const refused: CsvImportView['refused'] = [];
  const accepted: NewDecision[] = [];
  let unchanged = 0;
  for (const { line: at, cells } of readRecords(file)) {
    const refuse = (reason: string) => refused.push({ line: at, reason });
    if (cells.review !== String(id)) {
      refuse(`review ${cells.review || '(empty)'} is not review ${id}`);
      continue;
    }
    const l = lines.get(Number(cells.line));
    if (!l || !/^\d+$/.test(cells.line ?? '')) {
      refuse(`line ${cells.line || '(empty)'} is not in review ${id}`);
      continue;
    }
    if (cells.source !== l.source || cells.principal !== l.principal) {
      refuse(`line ${l.line} is ${l.source} ${l.principal} in the review, not ${cells.source} ${cells.principal}`);
      continue;
    }
    const want = l.snapshots.map((s) => hashes.get(s) ?? '').join(' ');
    if ((cells.snapshot_sha256 ?? '').trim() !== want) {
      refuse(`snapshot hash ${cells.snapshot_sha256 || '(empty)'} is not the reviewed snapshot's (${want || 'none'})`);
      continue;
    }
    if (!(cells.decision ?? '').trim()) continue; // not decided in the sheet: nothing to record
    const decision = decisionOf(cells.decision!);
    if (!decision) {
      refuse(`decision "${cells.decision}" is not one of keep, revoke, change_role, defer`);
      continue;
    }
    const reviewer = cells.reviewer?.trim() || reviewerFlag?.trim() || actor.osUser;
    const d: DecisionInput = { line: l.line, decision, comment: cells.comment ?? '', reason: cells.reason, newRole: cells.new_role, reviewer };
    const problem = checkDecision(l, d, reviewer);
    if (problem) {
      refuse(problem);
      continue;
    }
    const cur = l.decision;
    if (
      cur &&
      cur.decision === decision &&
      cur.comment === d.comment.trim() &&
      (cur.reason ?? '') === (d.reason?.trim() ?? '') &&
      cur.reviewer === reviewer
    ) {
      unchanged++;
      continue;
    }
    accepted.push(decisionRecord(l, d, reviewer, 'csv', hashes));
  }
  if (accepted.length) recordDecisions(store, id, accepted);
  return { review: id, recorded: accepted.length, unchanged, refused };
}
