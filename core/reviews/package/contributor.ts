import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AttachmentContext, AttachmentContributor, BundleAttachment } from '../../export/attachments/types';
import { listReviewRows, reviewDecisionRows } from '../../store/review-store';
import { getLogEntry, itemBytesBySeq, itemMetaBySeq } from '../../store/store-reads';
import { canonicalBytes } from '../../util/canonical';
import { endOfDay, parseDay } from '../../util/day';
import { decisionView, reviewView } from '../view';
import type { ReviewView } from '../view-types';
import { renderReviewPdf } from './pdf';

/** The criteria an access review supports (docs/criteria.md: user access reviews are CC6.2/CC6.3 evidence). */
export const REVIEW_CRITERIA = ['CC6.2', 'CC6.3'];
export const REVIEW_PACKAGE_FORMAT = 'evidence-locker/access-review/v1';
export const REVIEW_LOG_PROOFS_FORMAT = 'evidence-locker/access-review-log-proofs/v1';
/** Where fonts are when the export does not say (source tree runs: CLI, tests). */
const SOURCE_FONTS = fileURLToPath(new URL('../../../resources/fonts/', import.meta.url));

const dayBound = (d: string, end: boolean): string => {
  const p = parseDay(d);
  if (!p.ok) return d;
  return (end ? endOfDay(p.start) : p.start).toISOString();
};

/** Reviews that were open at some point of the period: started before it ended and not closed before it began. */
function reviewsInPeriod(ctx: AttachmentContext): number[] {
  const from = dayBound(ctx.from, false);
  const to = dayBound(ctx.to, true);
  return listReviewRows(ctx.store)
    .filter((r) => r.created_at <= to && (r.closed_at === null || r.closed_at >= from))
    .map((r) => r.id)
    .sort((a, b) => a - b);
}

/** decisions.json: the review, every line with the decision in force, the decision history, follow-up, log entries. */
function packageJson(
  view: ReviewView,
  history: ReturnType<typeof reviewDecisionRows>,
  logFiles: { idx: number; type: string; path: string; leaf: string }[],
  snapshots: Record<number, string>,
) {
  const { rows, followUp, ...review } = view;
  return canonicalBytes({
    format: REVIEW_PACKAGE_FORMAT,
    review,
    lines: rows,
    decisionHistory: history.map((d) => ({ line: d.line_no, ...decisionView(d) })),
    followUp,
    logEntries: logFiles,
    snapshotFiles: snapshots,
  });
}

async function reviewPackage(ctx: AttachmentContext, id: number): Promise<BundleAttachment[]> {
  const view = reviewView(ctx.store, id, ctx.store.clock());
  const dir = `reviews/review-${id}`;
  const date = (view.closedAt ?? view.createdAt).slice(0, 10);
  const out: BundleAttachment[] = [];
  // The snapshots it cites: reviewed ones and the ones proving follow-up. The bundle may already carry them.
  const cited = [...new Set([...view.snapshots.map((s) => s.seq), ...view.followUp.flatMap((f) => (f.evidence ? [f.evidence.seq] : []))])].sort(
    (a, b) => a - b,
  );
  const inBundle = new Map(ctx.items.map((i) => [i.seq, i.evidence]));
  const snapshotFiles: Record<number, string> = {};
  for (const seq of cited) {
    const have = inBundle.get(seq);
    if (have) {
      snapshotFiles[seq] = have;
      continue;
    }
    const meta = itemMetaBySeq(ctx.store, seq);
    const bytes = itemBytesBySeq(ctx.store, seq);
    if (!meta || !bytes) continue;
    const path = `${dir}/snapshots/${seq}-${meta.kind}.json`;
    snapshotFiles[seq] = path;
    out.push({
      path,
      data: bytes.content,
      title: `Snapshot #${seq} (${meta.kind}) cited by access review #${id}; SHA-256 equals the item's content_sha256 in the signed log`,
      kind: 'access-review-snapshot',
      date: meta.collected_at,
      derivedFrom: [seq],
    });
  }
  // The log entries that record the review: canonical bodies, so leaf = SHA-256(0x00 || file) can be recomputed.
  const history = reviewDecisionRows(ctx.store, id);
  const idxs = [view.logIdx, ...history.map((d) => d.log_idx), ...(view.closedLogIdx !== null ? [view.closedLogIdx] : [])];
  const logFiles = idxs.flatMap((idx) => {
    const row = getLogEntry(ctx.store, idx);
    if (!row) return [];
    const path = `${dir}/log/${String(idx).padStart(8, '0')}-${row.type}.json`;
    out.push({
      path,
      data: row.body,
      title: `Log entry #${idx} (${row.type}) of access review #${id}`,
      kind: 'access-review-log',
      date,
      derivedFrom: [],
    });
    return [{ idx, type: row.type, path, leaf: row.leaf.toString('hex') }];
  });
  // Each entry's inclusion proof in the bundle's signed checkpoint (same encoding as log/proofs.json), so an auditor
  // can show the decisions are in the signed log without the store (tools/verify-log.mjs checks every one).
  out.push({
    path: `${dir}/log/proofs.json`,
    data: canonicalBytes({
      checkpoint: ctx.checkpoint,
      entries: logFiles.map((f) => {
        const { leafIndex, auditPath } = ctx.proveLogEntry(f.idx);
        return { auditPath, file: f.path, leafIndex };
      }),
      format: REVIEW_LOG_PROOFS_FORMAT,
    }),
    title: `Inclusion proofs of access review #${id}'s log entries in the bundle's signed checkpoint`,
    kind: 'access-review-log-proofs',
    date,
    derivedFrom: [],
  });
  out.push({
    path: `${dir}/decisions.json`,
    data: packageJson(view, history, logFiles, snapshotFiles),
    title: `Access review #${id}: lines, decisions, decision history and follow-up (JSON)`,
    kind: 'access-review',
    date,
    derivedFrom: cited,
  });
  const pdfPath = join(ctx.stagingDir, `review-${id}.pdf`);
  await renderReviewPdf(view, pdfPath, ctx.fontsDir ?? SOURCE_FONTS, `${ctx.criterion} · ${ctx.from} to ${ctx.to}`);
  const pdf = readFileSync(pdfPath);
  out.push({
    path: `${dir}/review.pdf`,
    data: { file: pdfPath, sha256: createHash('sha256').update(pdf).digest('hex') },
    title: `Access review #${id}: ${view.title} (${view.status}) — review table`,
    kind: 'access-review',
    date,
    derivedFrom: cited,
  });
  return out;
}

/** Adds a review package per access review open during the period, to CC6.2 and CC6.3 bundles. */
export const reviewPackages: AttachmentContributor = async (ctx) => {
  if (!REVIEW_CRITERIA.includes(ctx.criterion)) return [];
  const out: BundleAttachment[] = [];
  for (const id of reviewsInPeriod(ctx)) out.push(...(await reviewPackage(ctx, id)));
  return out;
};
