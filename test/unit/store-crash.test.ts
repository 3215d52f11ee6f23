import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { EvidenceStore } from '../../core/store/evidence-store';
import { FileSecretStore } from '../../core/sign/secret-store';
import { storePaths } from '../../core/store/paths';
import { getItem, listRuns } from '../../core/store/store-reads';
import { markInterruptedRuns } from '../../core/store/store-writes';
import { verifyStore } from '../../core/store/verify-store';
import { tempDir } from '../helpers/temp-store';

const KILLS = 24;
const dir = tempDir('el-crash-');
afterAll(() => dir.cleanup());

function open(): EvidenceStore {
  return EvidenceStore.open({
    home: dir.dir,
    secrets: new FileSecretStore(storePaths(dir.dir).keysDir),
    actor: { osUser: 't', host: 'h' },
    create: true,
  });
}

/** Runs the writer until it has committed something, then SIGKILLs it after a random delay. */
function runAndKill(delayMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/crash-writer.ts', dir.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const committed: number[] = [];
    let buffer = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line === 'ready' && !timer) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
        else if (line.startsWith('committed ')) committed.push(...line.slice(10).split(',').map(Number));
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(committed);
      else reject(new Error(`writer exited on its own (code ${code}): ${stderr}`));
    });
  });
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs mid-write: store verifies, every reported item is there`, async () => {
    const first = open();
    first.initialize();
    first.close();
    const reported: number[] = [];
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < KILLS; k++) {
      reported.push(...(await runAndKill(20 + Math.floor(rnd() * 400))));
      const store = open();
      try {
        expect(store.warning).toBeNull();
        const v = verifyStore(store);
        expect(v.problems, `after kill ${k + 1}`).toEqual([]);
        for (const seq of reported) expect(getItem(store, seq).seq).toBe(seq);
        markInterruptedRuns(store);
        expect(listRuns(store).filter((r) => r.status === 'running')).toEqual([]);
      } finally {
        store.close();
      }
    }
    expect(reported.length).toBeGreaterThan(KILLS); // the writer really committed between kills
  }, 240_000);
});
