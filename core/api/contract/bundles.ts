import { z } from 'zod';
import { daySchema, evidenceForSchema, periodInOrder } from './dates';
import { spec } from './define';

/**
 * A SHA-256 key fingerprint as an auditor received it: exactly 32 byte pairs of hex, optionally separated by one
 * colon or space (`ab:cd:…`). Anything else is a typo to report, not a "key swapped" finding. Normalised to the
 * 64 lowercase hex digits `verify` compares.
 */
const keyFingerprint = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{2}(?:[: ]?[0-9a-fA-F]{2}){31}$/, 'must be exactly 64 hex digits (colons or spaces allowed between byte pairs)')
  .transform((v) => v.replace(/[: ]/g, '').toLowerCase());

export interface ImportTypeView {
  type: string;
  summary: string;
  /** The source type the imported items are recorded under. */
  sourceType: string;
  /** Takes a folder rather than a file. */
  directory?: boolean;
}

export interface ImportView {
  source: string;
  kind: string;
  seq: number;
  contentSha256: string;
  completeness: string;
  records: number;
  file?: { name: string; sha256: string; bytes: number };
  export?: string;
  errors?: string[];
  /** The time the imported item is evidence for (the import time unless given). */
  evidenceFor?: string;
}

export interface ExportView {
  bundleId: string;
  path: string;
  pdfPath: string;
  criterion: string;
  period: { from: string; to: string };
  items: number;
  counts: Record<string, unknown>;
  sumsSha256: string;
  keyFingerprint: string;
  checkpoint: { size: number; root: string };
  previousBundle: string | null;
}

export interface BundleVerificationView {
  ok: boolean;
  bundle: string;
  keyFingerprint: string | null;
  fingerprintMatched: boolean;
  files: number;
  bundleId: string | null;
  criterion: string | null;
  period: { from: string; to: string } | null;
  items: number;
  checkpoint: { origin: string; size: number; root: string } | null;
  previousBundle: string | null;
  problems: { file: string; reason: string }[];
}

export const bundleContract = {
  'import.types': spec<ImportTypeView[]>()('The kinds of admin export files this build can import.', z.object({}).strict()),
  'import.run': spec<ImportView>()(
    'Import a file (or folder) an administrator exported, as admin_export evidence under a source.',
    z
      .object({
        type: z.string().min(1),
        file: z.string().min(1),
        source: z
          .string()
          .regex(/^[A-Za-z0-9._-]{1,64}$/, 'use letters, digits, . _ - (max 64)')
          .optional(),
        kind: z.string().min(1).optional(),
        /**
         * The day (YYYY-MM-DD, UTC) or instant (ISO 8601 with Z) the file's content is evidence for, when it is
         * older than the import; not in the future, not before 2000. Default: the import time.
         */
        evidenceFor: evidenceForSchema.optional(),
      })
      .strict(),
  ),
  'export.bundle': spec<{ bundles: ExportView[] }>()(
    'Write a signed bundle (ZIP + PDF) per criterion and period.',
    z
      .object({
        criterion: z.string().min(1).optional(),
        all: z.boolean().default(false),
        from: daySchema,
        to: daySchema,
        out: z.string().min(1),
        org: z.string().max(200).optional(),
      })
      .strict()
      .superRefine(periodInOrder),
    { progress: true },
  ),
  'bundle.verify': spec<BundleVerificationView>()(
    'Verify a bundle ZIP: signature, every hash, unlisted files, manifest, inclusion proofs, key fingerprint.',
    z.object({ bundle: z.string().min(1), fingerprint: keyFingerprint.optional() }).strict(),
  ),
};
