import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-file';

/**
 * Where private signing keys live. The CLI uses files with mode 0600; the desktop app plugs in
 * Electron safeStorage behind the same interface, so core never knows which.
 */
export interface SecretStore {
  readonly description: string;
  get(name: string): string | undefined;
  put(name: string, value: string): void;
}

export class FileSecretStore implements SecretStore {
  readonly description: string;
  constructor(private readonly dir: string) {
    this.description = `key files (mode 0600) in ${dir}`;
  }

  private pathOf(name: string): string {
    if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`Bad secret name ${name}`);
    return join(this.dir, `${name}.pem`);
  }

  get(name: string): string | undefined {
    const file = this.pathOf(name);
    if (!existsSync(file)) return undefined;
    const mode = statSync(file).mode & 0o777;
    // A key readable by others is no longer only ours; refuse rather than sign with it.
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      throw new Error(`Key file ${file} has mode ${mode.toString(8)}; expected 600. Fix with: chmod 600 ${file}`);
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

/** For tests and for hosts that must not sign (e.g. web mode without a key adapter). */
export class MemorySecretStore implements SecretStore {
  readonly description = 'in-memory (test)';
  private readonly values = new Map<string, string>();
  get(name: string): string | undefined {
    return this.values.get(name);
  }
  put(name: string, value: string): void {
    this.values.set(name, value);
  }
}
