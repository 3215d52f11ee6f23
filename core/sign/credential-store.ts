import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../util/errors';
import { writeFileAtomic } from '../util/atomic-file';
import type { SecretStore } from './secret-store';

/**
 * Where source credentials typed into the app (an MLflow password or token, later W&B keys) are kept: outside the
 * evidence store, never in its log, config or bundles. The desktop app keeps them with the OS keychain (Electron
 * safeStorage); web mode and the CLI keep them in files with mode 0600, as the signing key. A store that cannot keep
 * them safely says so (`available: false`) and refuses to.
 */
export interface CredentialStore extends SecretStore {
  readonly kind: 'keychain' | 'file' | 'none';
  readonly available: boolean;
}

const NAME = /^[A-Za-z0-9._-]{1,200}$/;

export class FileCredentialStore implements CredentialStore {
  readonly kind = 'file' as const;
  readonly available = true;
  readonly description: string;
  constructor(private readonly dir: string) {
    this.description = `files readable only by you (mode 0600) in ${dir}`;
  }

  private pathOf(name: string): string {
    if (!NAME.test(name)) throw new AppError('BAD_INPUT', `Bad credential name ${name}`);
    return join(this.dir, `${name}.secret`);
  }

  get(name: string): string | undefined {
    const file = this.pathOf(name);
    if (!existsSync(file)) return undefined;
    const mode = statSync(file).mode & 0o777;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      throw new AppError('ENVIRONMENT', `Credential file ${file} has mode ${mode.toString(8)}; expected 600. Fix with: chmod 600 ${file}`);
    }
    return readFileSync(file, 'utf8');
  }

  put(name: string, value: string): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = this.pathOf(name);
    writeFileAtomic(file, value, 0o600);
    chmodSync(file, 0o600);
  }
}

/** For hosts that must not keep credentials (e.g. Linux without a keyring): every write is refused, with why. */
export class UnavailableCredentialStore implements CredentialStore {
  readonly kind = 'none' as const;
  readonly available = false;
  constructor(readonly description: string) {}
  get(): string | undefined {
    return undefined;
  }
  put(): void {
    throw new AppError('ENVIRONMENT', `Credentials cannot be kept here: ${this.description} Use an environment variable instead.`);
  }
}

export class MemoryCredentialStore implements CredentialStore {
  readonly kind = 'file' as const;
  readonly available = true;
  readonly description = 'memory (test)';
  readonly values = new Map<string, string>();
  get(name: string): string | undefined {
    return this.values.get(name);
  }
  put(name: string, value: string): void {
    this.values.set(name, value);
  }
}
