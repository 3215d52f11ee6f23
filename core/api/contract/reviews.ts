import { z } from 'zod';
import { spec } from './define';

/** Access reviews (CC6.2/CC6.3): a review is read from signed access snapshots; every decision is a log entry. */

import type { CsvImportView, ReviewableSnapshotView, ReviewLineView, ReviewSummaryView, ReviewView } from '../../reviews/view-types';

export type * from '../../reviews/view-types';

const reviewId = z.number().int().positive();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day, YYYY-MM-DD');
const text = (max: number) => z.string().trim().max(max);

export const reviewContract = {
  'review.snapshots': spec<ReviewableSnapshotView[]>()(
    'Access snapshots a review can start from (newest first), with their principal counts.',
    z.object({ source: z.string().min(1).optional(), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
  ),
  'review.start': spec<ReviewView>()(
    'Start an access review from one signed access snapshot, or from the latest access snapshot of every source (and kind) in a period.',
    z
      .object({
        snapshot: z.number().int().positive().optional(),
        from: day.optional(),
        to: day.optional(),
        source: z.string().min(1).optional(),
        title: text(200).optional(),
        reviewer: text(200).optional(),
      })
      .strict()
      .refine((v) => (v.snapshot !== undefined) !== (v.from !== undefined && v.to !== undefined), {
        message: 'Give either snapshot, or from and to (a period).',
      }),
  ),
  'review.list': spec<ReviewSummaryView[]>()('Every access review, newest first, with how many lines are decided.', z.object({}).strict()),
  'review.show': spec<ReviewView>()(
    'One review: its lines with tags, flags and decisions, the snapshots it cites, and the follow-up of revoke and change decisions.',
    z.object({ review: reviewId }).strict(),
  ),
  'review.decide': spec<ReviewLineView>()(
    'Decide one line: keep, revoke, change_role or defer, with a comment (a reason too when it is your own access). Recorded in the signed log.',
    z
      .object({
        review: reviewId,
        line: z.number().int().positive(),
        decision: z.enum(['keep', 'revoke', 'change_role', 'defer']),
        comment: text(2000).default(''),
        reason: text(2000).optional(),
        newRole: text(200).optional(),
        reviewer: text(200).optional(),
      })
      .strict(),
  ),
  'review.close': spec<ReviewView>()(
    'Close a review once every line has a decision; the closing is signed into the log.',
    z.object({ review: reviewId, reviewer: text(200).optional() }).strict(),
  ),
  'review.exportCsv': spec<{ fileName: string; csv: string; rows: number }>()(
    'The review as CSV for reviewers outside the app (cells that a spreadsheet would run as a formula are quoted).',
    z.object({ review: reviewId }).strict(),
  ),
  'review.importCsv': spec<CsvImportView>()(
    'Read decisions back from a CSV exported for this review; rows that do not match the review and its snapshots are refused with their line number.',
    z.object({ review: reviewId, file: z.string().min(1), reviewer: text(200).optional() }).strict(),
  ),
};
