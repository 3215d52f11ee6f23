import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    motoEndpoint: string;
  }
}

const ROOT = join(import.meta.dirname, '..', '..');
const MOTO_BIN = join(ROOT, '.venv-services', 'moto', 'bin', 'moto_server');
const START_TIMEOUT_MS = 60_000;

/** Creates the venv on a fresh machine (scripts/setup-services.sh is idempotent); a no-op when moto is there. */
function ensureMoto(): void {
  if (existsSync(MOTO_BIN)) return;
  const r = spawnSync('bash', [join(ROOT, 'scripts', 'setup-services.sh')], { stdio: 'inherit', cwd: ROOT });
  if (r.status !== 0 || !existsSync(MOTO_BIN)) throw new Error('scripts/setup-services.sh did not produce .venv-services/moto');
}

export interface MotoServer {
  endpoint: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts moto_server on a free loopback port (port 0, read back from its banner), bounded wait. */
export async function startMoto(): Promise<MotoServer> {
  ensureMoto();
  const child = spawn(MOTO_BIN, ['-H', '127.0.0.1', '-p', '0'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PYTHONUNBUFFERED: '1' } });
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid, 'SIGTERM'); // the whole process group: werkzeug may fork a reloader
    } catch {
      return;
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  };
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`moto_server did not start within ${START_TIMEOUT_MS / 1000}s:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`moto_server exited (${code}):\n${output}`))));
  });
  child.stdout!.resume();
  child.stderr!.resume();
  const endpoint = `http://127.0.0.1:${port}`;
  // The banner precedes the socket being ready by a moment: wait (bounded) for a real answer.
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${endpoint}/moto-api/`)).status < 500) break;
    } catch {
      // not listening yet
    }
    if (i > 100) {
      await stop();
      throw new Error(`moto_server at ${endpoint} is not answering`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { endpoint, process: child, stop };
}

export default async function setup(project: TestProject) {
  const moto = await startMoto();
  project.provide('motoEndpoint', moto.endpoint);
  return () => moto.stop();
}
