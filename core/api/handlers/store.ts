import { AppError } from '../../util/errors';
import { verifyStore } from '../../store/verify-store';
import { keyList, recentLogEntries, storeStatus } from '../../store/store-reads';
import { isDemoWorkspace, labelDemoWorkspace } from '../../store/workspace-label';
import { rotateKey } from '../../store/key-rotation';
import { backupStore } from '../../store/backup';
import { logEvent, markInterruptedRuns } from '../../store/store-writes';
import { publicKeyPem } from '../../sign/keys';
import type { storeContract } from '../contract/store';
import type { Handlers } from './handler';

export const storeHandlers: Handlers<keyof typeof storeContract> = {
  'store.init'(ctx, input) {
    const store = ctx.store(true);
    const result = store.initialize();
    if (input.demo) labelDemoWorkspace(store);
    return { ...result, home: store.paths.home, database: store.paths.database, keyStore: ctx.secrets.description };
  },
  // Procedures that only read take ctx.readStore(): they work on a store this process cannot write.
  'store.status'(ctx) {
    const store = ctx.readStore();
    return { ...storeStatus(store), demo: isDemoWorkspace(store) };
  },
  'store.verify'(ctx) {
    const store = ctx.readStore();
    const result = verifyStore(store);
    if (!result.ok && !store.warning && store.writeBlocker === null) {
      // Logged so that a failed check is part of the record; skipped when writes are blocked or impossible.
      logEvent(ctx.store(), 'verify_failed', { problems: result.problems.slice(0, 20), count: result.problems.length });
    }
    return result;
  },
  'store.backup'(ctx, input) {
    return backupStore(ctx.readStore(), input.to, ctx);
  },
  'log.list'(ctx, input) {
    return recentLogEntries(ctx.readStore(), input.limit, input.type);
  },
  'key.show'(ctx) {
    const list = keyList(ctx.readStore());
    const active = list.find((k) => k.retiredAt === null);
    if (!active) throw new AppError('NOT_INITIALIZED', 'No signing key yet. Run `evidence-locker init`.');
    return { active: { ...active, pem: publicKeyPem(Buffer.from(active.publicKey, 'base64')) }, keys: list };
  },
  'key.rotate'(ctx) {
    return rotateKey(ctx.store());
  },
  'runs.recover'(ctx) {
    return { interrupted: markInterruptedRuns(ctx.store()) };
  },
};
