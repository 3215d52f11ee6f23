import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { AppError } from '../util/errors';
import { MemorySecretStore } from '../sign/secret-store';
import { publicKeyPem } from '../sign/keys';
import { EvidenceStore } from './evidence-store';
import { storePaths } from './paths';
import * as keys from './repos/keys';
import { verifyStore, type StoreVerification } from './verify-store';

/**
 * Writes a backup folder laid out like a store home (evidence.db, checkpoint.txt, public-keys/), so that
 * `evidence-locker --home <backup> verify-store` checks it on its own. Private keys are never copied.
 */
export async function backupStore(
  store: EvidenceStore,
  to: string,
  ctx: { actor: { osUser: string; host: string } },
): Promise<{ path: string; database: string; verification: StoreVerification }> {
  const dir = isAbsolute(to) ? to : resolve(to);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new AppError('BAD_INPUT', `Backup target ${dir} exists and is not empty; choose a new folder.`);
  }
  mkdirSync(join(dir, 'public-keys'), { recursive: true });
  const target = storePaths(dir);
  // The online backup API copies a consistent snapshot even while the store is being written.
  await store.db.backup(target.database);
  const note = store.readCheckpointFile();
  if (note) writeFileSync(target.checkpointFile, note);
  else if (existsSync(store.paths.checkpointFile)) copyFileSync(store.paths.checkpointFile, target.checkpointFile);
  for (const k of keys.allKeys(store.db)) {
    writeFileSync(join(dir, 'public-keys', `${k.fingerprint}.pub.pem`), publicKeyPem(k.public_key));
  }
  const copy = EvidenceStore.open({ home: dir, secrets: new MemorySecretStore(), actor: ctx.actor });
  try {
    const verification = verifyStore(copy);
    if (!verification.ok) {
      const first = verification.problems[0]!;
      throw new AppError('INTEGRITY', `The backup at ${dir} does not verify: ${first.where}: ${first.reason}`);
    }
    return { path: dir, database: target.database, verification };
  } finally {
    copy.close();
  }
}
