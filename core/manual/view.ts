/** Manual evidence as every host shows it (pure types: the contract and the renderer share them). */
export type ManualStatus = 'active' | 'withdrawn' | 'superseded';

export interface ManualView {
  id: number;
  title: string;
  fileName: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  criteria: string[];
  /** The day the document is evidence for (its "as of"), separate from the upload. */
  evidenceFor: string;
  owner: string;
  expiresOn: string | null;
  uploadedAt: string;
  uploadedBy: string;
  status: ManualStatus;
  endedAt: string | null;
  endedReason: string | null;
  supersededBy: number | null;
  /** The manual.document item and its log entry (the file's hash is in it). */
  itemSeq: number;
  logIndex: number;
  /** Against today (the app and the CLI); bundles judge against the period end instead. */
  expiry: { state: 'none' | 'valid' | 'expiring' | 'expired'; days: number | null; message: string | null };
}

/** How many days before expiry a document shows as expiring. */
export const MANUAL_EXPIRY_WINDOW_DAYS = 30;
