import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { exportBundle } from '../../core/export/export-bundle';
import { FileSecretStore } from '../../core/sign/secret-store';
import { EvidenceStore } from '../../core/store/evidence-store';
import { storePaths } from '../../core/store/paths';
import { addSource, recordItems } from '../../core/store/store-writes';
import { verifyBundle } from '../../core/verify/verify-bundle';
import { tempDir } from '../helpers/temp-store';
import { registryItem } from './bundle-helpers';
import { mappings, resources } from '../helpers/catalog';

const tmp = tempDir('el-kill-');
afterAll(() => tmp.cleanup());
const home = join(tmp.dir, 'home');
const out = join(tmp.dir, 'out');
const actor = { osUser: 't', host: 'h' };
const open = () => EvidenceStore.open({ home, secrets: new FileSecretStore(storePaths(home).keysDir), actor });
const REQ = { criterion: 'CC8.1', from: '2026-01-01', to: '2026-12-31', org: 'Acme' };

// The child exports and reports each phase on stdout; the test kills it with SIGKILL when the ZIP is being written.
const CHILD = `
import { EvidenceStore } from ${JSON.stringify(join(process.cwd(), 'core/store/evidence-store.ts'))};
import { FileSecretStore } from ${JSON.stringify(join(process.cwd(), 'core/sign/secret-store.ts'))};
import { exportBundle } from ${JSON.stringify(join(process.cwd(), 'core/export/export-bundle.ts'))};
import { mappings, resources } from ${JSON.stringify(join(process.cwd(), 'test/helpers/catalog.ts'))};
const [home, keys, out] = process.argv.slice(1);
const store = EvidenceStore.open({ home, secrets: new FileSecretStore(keys), actor: { osUser: 't', host: 'h' } });
await exportBundle(store, { ...${JSON.stringify(REQ)}, outDir: out, mappings, resources }, (m) => console.log(m));
console.log('finished');
`;

describe('an export killed with SIGKILL', () => {
  it('leaves only *.partial files, which the next export removes; the next bundle verifies', async () => {
    const s = EvidenceStore.open({ home, secrets: new FileSecretStore(storePaths(home).keysDir), actor, create: true });
    s.initialize();
    const sourceId = addSource(s, 'mlflow', 'prod', { url: 'http://127.0.0.1:5000' });
    // Enough items that writing the ZIP takes a while after the child announces it.
    for (let p = 0; p < 80; p++) {
      recordItems(
        s,
        { runId: null, sourceId },
        Array.from({ length: 100 }, (_, i) => registryItem(`2026-0${1 + ((p * 100 + i) % 9)}-15`, p * 100 + i)),
      );
    }
    s.checkpoint();
    s.close();

    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD, home, storePaths(home).keysDir, out], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const seen: string[] = [];
    const killedAt = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (text: string) => {
        seen.push(...text.split('\n').filter(Boolean));
        if (seen.includes('writing the ZIP')) {
          child.kill('SIGKILL');
          resolve(seen.join(' | '));
        }
      });
      child.on('exit', () => reject(new Error(`child exited before the ZIP phase: ${seen.join(' | ')}`)));
    });
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.on('exit', resolve)));
    expect(child.signalCode).toBe('SIGKILL');
    expect(killedAt).not.toContain('finished');
    const left = readdirSync(out);
    expect(left.length).toBeGreaterThan(0);
    expect(
      left.every((n) => /_[0-9a-f]{8}\.zip\.partial(\.d|\.cd)?$/.test(n)),
      left.join(', '),
    ).toBe(true);

    const store = open();
    try {
      const r = await exportBundle(store, { ...REQ, outDir: out, mappings, resources });
      expect(readdirSync(out).sort()).toEqual([r.path, r.pdfPath].map((p) => p.slice(out.length + 1)).sort());
      expect((await verifyBundle(r.path, { fingerprint: r.keyFingerprint })).problems).toEqual([]);
    } finally {
      store.close();
    }
  });
});
