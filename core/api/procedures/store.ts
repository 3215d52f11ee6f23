import { z } from 'zod';
import { procedure } from '../procedure';
import { AppError } from '../../util/errors';
import { verifyStore } from '../../store/verify-store';
import { keyList, recentLogEntries, storeStatus } from '../../store/store-reads';
import { rotateKey } from '../../store/key-rotation';
import { backupStore } from '../../store/backup';
import { logEvent, markInterruptedRuns } from '../../store/store-writes';
import { publicKeyPem } from '../../sign/keys';

export const storeProcedures = {
  init: procedure({
    summary: 'Create the evidence store and its signing key (running it again is harmless).',
    input: z.object({}).strict(),
    handler(ctx) {
      const store = ctx.store(true);
      const result = store.initialize();
      return { ...result, home: store.paths.home, database: store.paths.database, keyStore: ctx.secrets.description };
    },
  }),
  status: procedure({
    summary: 'Sources, runs, items, log size, last checkpoint and key fingerprint.',
    input: z.object({}).strict(),
    handler(ctx) {
      return storeStatus(ctx.store());
    },
  }),
  'verify-store': procedure({
    summary: 'Recompute every leaf, root, checkpoint signature and item hash; name the first bad entry.',
    input: z.object({}).strict(),
    handler(ctx) {
      const store = ctx.store();
      const result = verifyStore(store);
      if (!result.ok && !store.warning) {
        // Logged so that a failed check is part of the record; skipped when writes are blocked.
        logEvent(store, 'verify_failed', { problems: result.problems.slice(0, 20), count: result.problems.length });
      }
      return result;
    },
  }),
  log: procedure({
    summary: 'Recent log entries.',
    input: z.object({ limit: z.number().int().min(1).max(100_000).default(20), type: z.string().optional() }).strict(),
    handler(ctx, input) {
      return recentLogEntries(ctx.store(), input.limit, input.type);
    },
  }),
  'key.show': procedure({
    summary: 'The signing keys with their fingerprints (SHA-256 of the DER SPKI).',
    input: z.object({}).strict(),
    handler(ctx) {
      const list = keyList(ctx.store());
      const active = list.find((k) => k.retiredAt === null);
      if (!active) throw new AppError('NOT_INITIALIZED', 'No signing key yet. Run `evidence-locker init`.');
      return { active: { ...active, pem: publicKeyPem(Buffer.from(active.publicKey, 'base64')) }, keys: list };
    },
  }),
  'key.rotate': procedure({
    summary: 'Replace the signing key; the rotation is logged and signed by both keys.',
    input: z.object({}).strict(),
    handler(ctx) {
      return rotateKey(ctx.store());
    },
  }),
  backup: procedure({
    summary: 'Online backup (SQLite backup API) with the checkpoint file and public keys; verified after writing.',
    input: z.object({ to: z.string().min(1) }).strict(),
    async handler(ctx, input) {
      return backupStore(ctx.store(), input.to, ctx);
    },
  }),
  'recover-runs': procedure({
    summary: 'Mark runs left running by a crash as interrupted (done automatically before collection).',
    input: z.object({}).strict(),
    handler(ctx) {
      return { interrupted: markInterruptedRuns(ctx.store()) };
    },
  }),
};
