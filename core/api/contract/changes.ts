import { z } from 'zod';
import { spec } from './define';

const seq = z.number().int().positive();

export interface ChangeView {
  type: string;
  subject: string;
  field?: string;
  before?: unknown;
  after?: unknown;
}

export interface SnapshotRefView {
  seq: number;
  contentSha256: string;
  collectedAt: string;
  completeness: string;
}

export interface DiffView {
  source: string;
  kind: string;
  scope: Record<string, string | undefined>;
  from: SnapshotRefView;
  to: SnapshotRefView;
  changes: ChangeView[];
  counts: Record<string, number>;
  warnings: string[];
  /** The `<kind>.diff` item that records this comparison; reused when the same pair was compared before. */
  recorded: { seq: number; kind: string; reused?: boolean };
}

export const changesContract = {
  'diff.run': spec<DiffView>()(
    'Compare two snapshots of one source and kind (default: the last two); the diff is recorded as derived evidence.',
    z.object({ source: z.string().min(1), kind: z.string().min(1), from: seq.optional(), to: seq.optional() }).strict(),
  ),
  'diff.kinds': spec<string[]>()('The evidence kinds that have a differ.', z.object({}).strict()),
};
