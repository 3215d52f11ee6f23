import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { AppError } from '../util/errors';
import { MemorySecretStore } from '../sign/secret-store';
import { publicKeyPem } from '../sign/keys';
import { EvidenceStore } from './evidence-store';
import { storePaths } from './paths';
import * as keys from './repos/keys';
import { verifyStore, type StoreVerification } from './verify-store';
import { dbOf } from './handle';
import { copyContentFiles } from './content-files';

/** A backup holds the whole evidence store: owner-only, like the store's own folder (umask alone gives 0755/0644). */
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/** Created 0600 before anything is written into it, so there is no moment at which others could open it. */
function writePrivate(path: string, data: string | Buffer): void {
  writeFileSync(path, data, { mode: PRIVATE_FILE, flag: 'wx' });
  chmodSync(path, PRIVATE_FILE); // the mode given at creation is masked by the umask
}

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
  mkdirSync(join(dir, 'public-keys'), { recursive: true, mode: PRIVATE_DIR });
  chmodSync(dir, PRIVATE_DIR); // also when the folder existed (empty) before
  chmodSync(join(dir, 'public-keys'), PRIVATE_DIR);
  const target = storePaths(dir);
  // SQLite creates the file with the umask's mode: create it empty and private first, and let the backup fill it
  // (its journal files take the database file's mode).
  closeSync(openSync(target.database, 'wx', PRIVATE_FILE));
  chmodSync(target.database, PRIVATE_FILE);
  // The online backup API copies a consistent snapshot even while the store is being written.
  await dbOf(store).backup(target.database);
  const note = store.readCheckpointFile();
  if (note) writePrivate(target.checkpointFile, note);
  else if (existsSync(store.paths.checkpointFile)) writePrivate(target.checkpointFile, readFileSync(store.paths.checkpointFile));
  for (const k of keys.allKeys(dbOf(store))) {
    writePrivate(join(dir, 'public-keys', `${k.fingerprint}.pub.pem`), publicKeyPem(k.public_key));
  }
  // Manual evidence files live beside the database: a backup without them would lose what the log names.
  const files = copyContentFiles(dbOf(store), store.paths.home, dir);
  if (files.problems.length) {
    throw new AppError('INTEGRITY', `The backup at ${dir} holds the database, but not every kept file: ${files.problems.join('; ')}.`);
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
