import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FileSecretStore } from '../../core/sign/secret-store';
import { EvidenceStore } from '../../core/store/evidence-store';
import { storePaths } from '../../core/store/paths';
import { addSource, recordItems } from '../../core/store/store-writes';
import { registryItem, seedMlflow } from '../integration/bundle-helpers';

/**
 * For tests that run real `evidence-locker export` processes side by side or interrupt them: a store large enough
 * that writing a bundle takes a moment, the CLI as a child process, and a way to hold an export mid-write.
 */
export function seedLargeStore(home: string, items = 8000): string {
  const s = EvidenceStore.open({ home, secrets: new FileSecretStore(storePaths(home).keysDir), actor: { osUser: 't', host: 'h' }, create: true });
  try {
    s.initialize();
    seedMlflow(s, '2026-01-01', 3); // registry and access snapshots: --all exports several criteria
    const sourceId = addSource(s, 'mlflow', 'bulk', { url: 'http://127.0.0.1:5000' });
    for (let p = 0; p < items / 100; p++) {
      recordItems(
        s,
        { runId: null, sourceId },
        Array.from({ length: 100 }, (_, i) => registryItem(`2026-0${1 + ((p * 100 + i) % 9)}-15`, p * 100 + i)),
      );
    }
    s.checkpoint();
    return s.signingKey().fingerprint;
  } finally {
    s.close();
  }
}

export interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliChild {
  child: ChildProcess;
  ended: Promise<Ended>;
}

/** `evidence-locker ARGS` as its own process, exactly as a user runs it. */
export function spawnCli(args: string[]): CliChild {
  const child = spawn(process.execPath, [join(process.cwd(), 'bin/evidence-locker.mjs'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stderr!.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const ended = new Promise<Ended>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, ended };
}

export const partialsIn = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => n.includes('.partial'))
        .sort()
    : [];

/**
 * Waits until the export in `c` is writing a ZIP into `out`, then stops it there (SIGSTOP): it stays alive with its
 * partial files on disk for as long as the test needs, with no timing involved. Resume with SIGCONT.
 */
export async function holdMidWrite(c: CliChild, out: string, bundle: RegExp = /./): Promise<string[]> {
  let exited = false;
  void c.ended.then(() => (exited = true));
  const writing = (names: string[]) => names.some((n) => n.endsWith('.zip.partial') && bundle.test(n));
  for (;;) {
    if (exited) throw new Error(`the export ended before it was caught writing: ${(await c.ended).stderr}`);
    if (writing(partialsIn(out))) {
      c.child.kill('SIGSTOP');
      const held = partialsIn(out); // re-read while stopped: the ZIP may have been finished in between
      if (writing(held)) return held;
      c.child.kill('SIGCONT');
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
