import { z } from 'zod';
import { spec } from './define';

const none = z.object({}).strict();

export interface StoreWarning {
  code: 'ROLLBACK_DETECTED' | 'INTEGRITY' | string;
  message: string;
}

export interface RunSummaryRow {
  id: number;
  source: string | null;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  reason: string | null;
}

export interface StoreStatus {
  home: string;
  origin: string | null;
  keyFingerprint: string | null;
  sources: { name: string; type: string }[];
  runs: Record<string, number>;
  lastRuns: RunSummaryRow[];
  items: number;
  itemsByKind: Record<string, number>;
  logSize: number;
  lastCheckpoint: { size: number; root: string; at: string; keyFingerprint: string } | null;
  warning: StoreWarning | null;
  /** Why this process cannot write the store (it is read with a read-only connection), or null. */
  readOnly: string | null;
  /** A demo workspace (sample data): the app shows a banner and every bundle's PDF and manifest say DEMO. */
  demo: boolean;
}

export interface StoreProblem {
  where: string;
  reason: string;
  at: number;
}

export interface StoreVerification {
  ok: boolean;
  logSize: number;
  items: number;
  checkpoints: number;
  bytesHashed: number;
  root: string | null;
  problems: StoreProblem[];
}

export interface LogEntryView {
  idx: number;
  type: string;
  at: string;
  leaf: string;
  body: Record<string, unknown>;
}

export interface KeyView {
  fingerprint: string;
  publicKey: string;
  createdAt: string;
  retiredAt: string | null;
}

export const storeContract = {
  'store.init': spec<{ created: boolean; fingerprint: string; home: string; database: string; keyStore: string }>()(
    'Create the evidence store and its signing key (running it again is harmless); demo: label it a demo workspace (logged).',
    z.object({ demo: z.boolean().default(false) }).strict(),
  ),
  'store.status': spec<StoreStatus>()('Sources, runs, items, log size, last checkpoint and key fingerprint.', none),
  'store.verify': spec<StoreVerification>()('Recompute every leaf, root, checkpoint signature and item hash; name the first bad entry.', none),
  'store.backup': spec<{ path: string; database: string; verification: StoreVerification }>()(
    'Online backup (SQLite backup API) with the checkpoint file and public keys; verified after writing.',
    z.object({ to: z.string().min(1) }).strict(),
  ),
  'log.list': spec<LogEntryView[]>()(
    'Recent log entries.',
    z.object({ limit: z.number().int().min(1).max(100_000).default(20), type: z.string().optional() }).strict(),
  ),
  'key.show': spec<{ active: KeyView & { pem: string }; keys: KeyView[] }>()(
    'The signing keys with their fingerprints (SHA-256 of the DER SPKI).',
    none,
  ),
  'key.rotate': spec<{ oldFingerprint: string; newFingerprint: string }>()(
    'Replace the signing key; the rotation is logged and signed by both keys.',
    none,
  ),
  'runs.recover': spec<{ interrupted: number[] }>()('Mark runs left running by a crash as interrupted (done automatically before collection).', none),
};
