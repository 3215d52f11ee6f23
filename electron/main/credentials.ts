import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, UnavailableCredentialStore, type CredentialStore } from '../../core/api';

/** What the credential store needs of Electron's safeStorage (main process only). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which secret store backs the key ("basic_text" means a hard-coded password). */
  getSelectedStorageBackend?(): string;
}

const NAME = /^[A-Za-z0-9._-]{1,200}$/;

/** Secrets encrypted by the OS keychain (safeStorage), each in its own file (mode 0600); never in the store. */
class SafeStorageCredentialStore implements CredentialStore {
  readonly kind = 'keychain' as const;
  readonly available = true;
  constructor(
    private readonly safe: SafeStorageLike,
    private readonly dir: string,
    readonly description: string,
  ) {}

  private pathOf(name: string): string {
    if (!NAME.test(name)) throw new AppError('BAD_INPUT', `Bad credential name ${name}`);
    return join(this.dir, `${name}.enc`);
  }

  get(name: string): string | undefined {
    const file = this.pathOf(name);
    if (!existsSync(file)) return undefined;
    if (!this.safe.isEncryptionAvailable()) throw new AppError('ENVIRONMENT', 'The OS keychain is locked or unavailable; unlock it and try again.');
    try {
      return this.safe.decryptString(readFileSync(file));
    } catch {
      // A changed keyring (Signal's lesson) makes old secrets unreadable: say so and ask for them again.
      throw new AppError('ENVIRONMENT', `A saved credential can no longer be decrypted (the OS keychain changed). Enter it again on Sources.`);
    }
  }

  put(name: string, value: string): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = this.pathOf(name);
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, this.safe.encryptString(value), { mode: 0o600 });
    renameSync(tmp, file);
    chmodSync(file, 0o600);
  }
}

/**
 * The desktop's credential store: safeStorage when it really encrypts; otherwise a store that refuses and says
 * why (no encryption at all, or Linux's `basic_text` backend, whose "encryption" uses a hard-coded password).
 */
export function keychainCredentials(safe: SafeStorageLike, dir: string, platform: NodeJS.Platform = process.platform): CredentialStore {
  if (!safe.isEncryptionAvailable()) {
    return new UnavailableCredentialStore('the OS keychain is not available to this app (Electron safeStorage cannot encrypt here).');
  }
  const backend = platform === 'linux' ? safe.getSelectedStorageBackend?.() : undefined;
  if (backend === 'basic_text' || backend === 'unknown') {
    return new UnavailableCredentialStore(
      `this Linux session has no keyring (safeStorage backend "${backend}" would encrypt with a fixed password, which protects nothing). Start GNOME Keyring or KWallet, or use environment variables.`,
    );
  }
  return new SafeStorageCredentialStore(safe, dir, `the OS keychain (Electron safeStorage${backend ? `, ${backend}` : ''}), encrypted in ${dir}`);
}
