import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../core/api';
import { EvidenceStore } from '../../core/store/evidence-store';
import { MemorySecretStore, type SecretStore } from '../../core/sign/secret-store';

export function tempDir(prefix = 'el-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh, initialised store in a temp folder, with its key in memory. */
export function tempStore(secrets: SecretStore = new MemorySecretStore()): {
  store: EvidenceStore;
  home: string;
  secrets: SecretStore;
  cleanup: () => void;
} {
  const { dir, cleanup } = tempDir();
  const store = EvidenceStore.open({ home: dir, secrets, actor: { osUser: 'test', host: 'test-host' }, create: true });
  store.initialize();
  return { store, home: dir, secrets, cleanup: () => (store.close(), cleanup()) };
}

/** A core over a temp home, with the same in-memory key store across calls. */
export async function tempCore(): Promise<{ core: Core; home: string; call: <T>(name: string, input?: unknown) => Promise<T>; cleanup: () => void }> {
  const { dir, cleanup } = tempDir();
  const core = createCore({ home: dir, secrets: new MemorySecretStore() });
  const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
    const r = await core.callUntyped(name, input);
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };
  await call('store.init');
  return { core, home: dir, call, cleanup: () => (core.close(), cleanup()) };
}
