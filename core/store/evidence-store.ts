import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { AppError } from '../util/errors';
import { CompactRange } from '../log/merkle';
import { parseCheckpointNote, signCheckpoint } from '../sign/checkpoint';
import { generateSigningKey, signingKeyFromPem, type SigningKey } from '../sign/keys';
import type { SecretStore } from '../sign/secret-store';
import { writeFileAtomic } from '../util/atomic-file';
import { systemClock, type Clock } from '../util/runtime';
import { needsMigration, openDatabase, type Db } from './database';
import { storePaths, type StorePaths } from './paths';
import { attachHandle } from './handle';
import { hasSidecars, isReadOnlyOpenFailure, repairStaleSidecars, snapshotCopy, writeBlocker } from './read-only';
import * as checkpoints from './repos/checkpoints';
import * as keys from './repos/keys';
import * as log from './repos/log';

export interface StoreOptions {
  home: string;
  secrets: SecretStore;
  actor: log.Actor;
  clock?: Clock;
  create?: boolean;
  /**
   * The caller only reads. A store this process can write is opened as usual (a read-only connection would leave
   * -wal/-shm files owned by whoever ran it); one it cannot write is opened read-only instead of refused.
   */
  forReading?: boolean;
}

/** Problems found cheaply on open; writes are refused while one is present. */
export interface OpenWarning {
  code: 'ROLLBACK_DETECTED' | 'INTEGRITY';
  message: string;
}

/**
 * The evidence store's core: database, log, keys and checkpoints. Writes of items, runs and sources live in
 * `store-writes.ts`, reads in `store-reads.ts`; both take this object.
 */
export class EvidenceStore {
  readonly paths: StorePaths;
  readonly clock: Clock;
  warning: OpenWarning | null = null;
  private constructor(
    private readonly db: Db,
    readonly opts: StoreOptions,
    /** Why it was opened read-only (see writeBlocker), or null for a writable store. */
    readonly writeBlocker: string | null = null,
    private readonly removeCopy: (() => void) | null = null,
  ) {
    this.paths = storePaths(opts.home);
    this.clock = opts.clock ?? systemClock;
    attachHandle(this, db);
  }

  static open(opts: StoreOptions): EvidenceStore {
    const paths = storePaths(opts.home);
    if (opts.create) mkdirSync(paths.home, { recursive: true, mode: 0o700 });
    repairStaleSidecars(paths);
    const blocker = writeBlocker(paths);
    if (blocker && opts.forReading) return EvidenceStore.openReadOnly(opts, paths, blocker);
    // Said plainly up front: SQLite would only fail later with "attempt to write a readonly database".
    if (blocker)
      throw new AppError(
        'ENVIRONMENT',
        `The store cannot be written: ${blocker}. Reading it still works (status, log, verify-store, key show, source list, backup).`,
      );
    const db = openDatabase(paths.database, { create: opts.create ?? false });
    const store = new EvidenceStore(db, opts);
    store.warning = store.compareWithCheckpointFile();
    return store;
  }

  /**
   * A read-only connection to a store this process cannot write. Without -wal/-shm files beside the database it
   * reads a private copy: SQLite would have to create them, cannot in a read-only folder, and elsewhere would leave
   * them behind with the database's read-only mode (the stale -shm that then blocks every writer).
   */
  private static openReadOnly(opts: StoreOptions, paths: StorePaths, blocker: string): EvidenceStore {
    let db: Db | null = null;
    let copy: ReturnType<typeof snapshotCopy> | null = null;
    if (hasSidecars(paths)) {
      try {
        db = openDatabase(paths.database, { create: false, readonly: true });
      } catch (err) {
        if (!isReadOnlyOpenFailure(err)) throw err;
      }
    }
    if (!db) {
      copy = snapshotCopy(paths);
      try {
        db = openDatabase(copy.database, { create: false, readonly: true });
      } catch (again) {
        copy.remove();
        throw again;
      }
    }
    if (needsMigration(db)) {
      db.close();
      copy?.remove();
      throw new AppError('ENVIRONMENT', `The store needs a schema upgrade by this version of the app, which cannot be written: ${blocker}.`);
    }
    const store = new EvidenceStore(db, opts, blocker, copy?.remove ?? null);
    store.warning = store.compareWithCheckpointFile();
    return store;
  }

  /** Opened read-only (the store cannot be written by this process): nothing can be written through this handle. */
  get readOnly(): boolean {
    return this.writeBlocker !== null;
  }

  close(): void {
    if (this.db.open) this.db.close();
    this.removeCopy?.();
  }

  now(): string {
    return this.clock().toISOString();
  }

  get initialized(): boolean {
    return keys.getMeta(this.db, 'origin') !== undefined;
  }

  get origin(): string {
    const origin = keys.getMeta(this.db, 'origin');
    if (!origin) throw new AppError('NOT_INITIALIZED', 'The store has no installation identity yet. Run `evidence-locker init`.');
    return origin;
  }

  /** Runs `fn` in one synchronous IMMEDIATE transaction. */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  appendLog(type: string, fields: log.LogFields, idx?: number, at = this.now()): log.LogRow {
    return log.appendLog(this.db, type, fields, at, this.opts.actor, idx);
  }

  nextLogIdx(): number {
    return log.nextLogIdx(this.db);
  }

  assertWritable(): void {
    if (this.writeBlocker) throw new AppError('ENVIRONMENT', `The store was opened read-only (${this.writeBlocker}); nothing was written.`);
    if (this.warning) throw new AppError(this.warning.code, `${this.warning.message} Writes are blocked until this is resolved.`);
  }

  /** First-run setup: installation identity, signing key, first checkpoint. Harmless when repeated. */
  initialize(): { created: boolean; fingerprint: string } {
    if (this.initialized) return { created: false, fingerprint: this.signingKey().fingerprint };
    const { key, privatePem } = generateSigningKey();
    this.opts.secrets.put(key.fingerprint, privatePem);
    const origin = `evidence-locker/${randomBytes(8).toString('hex')}`;
    this.tx(() => {
      keys.setMeta(this.db, 'origin', origin);
      keys.setMeta(this.db, 'created_at', this.now());
      this.appendLog('store_created', { origin });
      const entry = this.appendLog('key_created', {
        key: { fingerprint: key.fingerprint, publicKey: key.publicKeyRaw.toString('base64') },
      });
      keys.insertKey(this.db, key.fingerprint, key.publicKeyRaw, this.now(), entry.idx);
    });
    this.checkpoint();
    return { created: true, fingerprint: key.fingerprint };
  }

  /** The active signing key with its private half, from the SecretStore. */
  signingKey(): SigningKey {
    const row = keys.activeKey(this.db);
    if (!row) throw new AppError('NOT_INITIALIZED', 'The store has no signing key. Run `evidence-locker init`.');
    let pem: string | undefined;
    try {
      pem = this.opts.secrets.get(row.fingerprint);
    } catch (err) {
      throw new AppError('ENVIRONMENT', (err as Error).message);
    }
    if (!pem) {
      throw new AppError('ENVIRONMENT', `The private key ${row.fingerprint} is not in ${this.opts.secrets.description}; signing is off.`);
    }
    const key = signingKeyFromPem(pem);
    if (key.fingerprint !== row.fingerprint) throw new AppError('INTEGRITY', "The private key does not match the store's public key.");
    return key;
  }

  /** Signs the current tree head, records it and writes it beside the database. Skips when nothing changed. */
  checkpoint(): checkpoints.CheckpointRow {
    this.assertWritable();
    const key = this.signingKey();
    // One IMMEDIATE transaction, so a CLI run from cron and the app cannot sign the same size twice.
    const row = this.tx(() => {
      const range = new CompactRange();
      for (const leaf of log.allLeaves(this.db)) range.push(leaf);
      const latest = checkpoints.latestCheckpoint(this.db);
      if (latest && latest.size === range.size) return latest; // nothing new since the last signed head
      const root = range.root();
      const note = signCheckpoint({ origin: this.origin, size: range.size, root }, key);
      const fresh = { size: range.size, root, note, key_fingerprint: key.fingerprint, created_at: this.now() };
      checkpoints.insertCheckpoint(this.db, fresh);
      return fresh;
    });
    this.writeCheckpointFile(row);
    return row;
  }

  /** Never moves the file backwards: another process may already have written a larger head. */
  private writeCheckpointFile(row: checkpoints.CheckpointRow): void {
    const current = this.readCheckpointFile();
    if (current !== null) {
      try {
        if (parseCheckpointNote(current).checkpoint.size > row.size) return;
      } catch {
        // unreadable file: replace it with a good one
      }
    }
    writeFileAtomic(this.paths.checkpointFile, row.note);
  }

  readCheckpointFile(): string | null {
    return existsSync(this.paths.checkpointFile) ? readFileSync(this.paths.checkpointFile, 'utf8') : null;
  }

  /** A database older than the checkpoint file means a restored copy or a lost WAL. */
  private compareWithCheckpointFile(): OpenWarning | null {
    const note = this.readCheckpointFile();
    if (note === null) return null;
    let size: number;
    let root: Buffer;
    try {
      ({ size, root } = parseCheckpointNote(note).checkpoint);
    } catch (err) {
      return { code: 'INTEGRITY', message: `The checkpoint file ${this.paths.checkpointFile} is unreadable: ${(err as Error).message}.` };
    }
    const have = log.logSize(this.db);
    if (have < size) {
      return {
        code: 'ROLLBACK_DETECTED',
        message: `The store is older than its last checkpoint: the log has ${have} entries but ${this.paths.checkpointFile} was signed at ${size} (rolled back, restored from an old copy, or its WAL was lost).`,
      };
    }
    const row = checkpoints.checkpointAtOrAfter(this.db, size);
    if (row && row.size === size && !row.root.equals(root)) {
      return { code: 'INTEGRITY', message: `The checkpoint file's root at size ${size} differs from the store's.` };
    }
    return null;
  }
}
