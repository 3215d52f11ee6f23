import type { KindMappings } from '../../criteria/mapping';
import type { CriterionReport } from '../../report/types';
import type { EvidenceStore } from '../../store/evidence-store';
import type { LogEntryProof } from '../log-entry-proof';
import type { ManifestItem } from '../manifest';

/**
 * A file in a bundle beyond the report, the proofs and the evidence items: a population CSV, an access-review
 * package, a manual evidence file, the vendor register, index.html. Listed in SHA256SUMS like every other file and
 * described in manifest.json `attachments`, so index.html and criteria.csv can name it.
 */
export interface BundleAttachment {
  /** Bundle path, [A-Za-z0-9._/-] only (bundle-paths.ts isSafePath), e.g. `evidence/manual/7-security-policy.pdf`. */
  path: string;
  /** Small files in memory; large ones (manual uploads) streamed from disk with their known hash. */
  data: Buffer | { file: string; sha256: string };
  /** What it is, in words an auditor reads: "Population of aws/prod iam-users, one row per principal–role". */
  title: string;
  /** A short machine tag: population-csv, population-ipe, access-review, manual, vendor-register, index, ... */
  kind: string;
  /** The day (YYYY-MM-DD) or instant it is evidence for; null when it describes the bundle itself. */
  date: string | null;
  /** Items of the signed log this file was derived from (their seq), so an auditor can trace it to a proof. */
  derivedFrom: number[];
}

/** What a contributor may look at: the export request and what is already decided about the bundle. */
export interface AttachmentContext {
  store: EvidenceStore;
  criterion: string;
  from: string;
  to: string;
  report: CriterionReport;
  /** The evidence items the bundle carries, with their bundle paths. */
  items: readonly ManifestItem[];
  mappings: KindMappings;
  /** A private folder inside the export's staging folder, removed after the export. */
  stagingDir: string;
  /** The fonts the report PDF uses (core resources), for contributors that render a PDF of their own. */
  fontsDir?: string;
  /** The bundle's signed checkpoint (log/checkpoint.txt), which `proveLogEntry` proves into. */
  checkpoint: { origin: string; size: number; root: string };
  /**
   * RFC 6962 inclusion proof of log entry `idx` in `checkpoint`, for files that carry log entries (review packages).
   * Throws AppError INTEGRITY for an entry the checkpoint does not cover or whose stored body does not match its leaf.
   */
  proveLogEntry: (idx: number) => LogEntryProof;
}

/**
 * Adds files to a bundle. Contributors run in the order of the registry (attachments/index.ts) and must not write
 * to the store: an export only reads, then logs `export_created`. Return [] when nothing applies to the criterion.
 */
export type AttachmentContributor = (ctx: AttachmentContext) => BundleAttachment[] | Promise<BundleAttachment[]>;
