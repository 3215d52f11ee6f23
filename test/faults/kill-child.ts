import { spawn, type ChildProcess } from 'node:child_process';
import { inject } from 'vitest';
/** Start-up on a loaded 2-core machine can take many seconds; this only catches a child that never starts. */
const READY_TIMEOUT_MS = 120_000;

/** Children still running (a test that timed out mid-round): killed when this worker exits, never left looping. */
const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));

export interface KilledChild {
  /** Every line the child printed before it died (`ready`, `item …`, `run …`, `bundle …`, `key …`). */
  lines: string[];
  /** False when the child ended on its own before the kill (then `stderr` says why). */
  killed: boolean;
  delayMs: number;
  stderr: string;
}

/**
 * Starts children/worker.ts MODE HOME [ARG] (bundled once by the global setup: worker-bundle.ts) and SIGKILLs it
 * `delayMs` after it first printed a line starting with `armOn` (default `ready`; e.g. an export stage, so kills land
 * in every stage however loaded the machine is): no timing is asserted, the delay only spreads the kills.
 */
export function runAndKill(
  mode: string,
  home: string,
  delayMs: number,
  opts: { arg?: string; env?: NodeJS.ProcessEnv; armOn?: string } = {},
): Promise<KilledChild> {
  const armOn = opts.armOn ?? 'ready';
  const args = [inject('faultWorker'), mode, home, ...(opts.arg ? [opts.arg] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
  running.add(child);
  const lines: string[] = [];
  let buffer = '';
  let stderr = '';
  let killTimer: NodeJS.Timeout | undefined;
  const startTimer = setTimeout(() => child.kill('SIGKILL'), READY_TIMEOUT_MS);
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    buffer += text;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      lines.push(line);
      if (line === 'ready') clearTimeout(startTimer);
      if (line.startsWith(armOn) && !killTimer) {
        killTimer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      running.delete(child);
      clearTimeout(startTimer);
      clearTimeout(killTimer);
      if (buffer) lines.push(buffer); // a line cut by the kill is kept whole or not at all by writeSync; keep it for the message
      if (!killTimer)
        reject(new Error(`the ${mode} child ended before printing '${armOn}' (code ${code}, signal ${signal}): ${stderr.slice(-2000)}`));
      else resolve({ lines, killed: signal === 'SIGKILL', delayMs, stderr });
    });
  });
}

/** `item <seq> <sha>` lines as seq → content hash. */
export function committedItems(lines: string[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const l of lines) {
    const m = /^item (\d+) ([0-9a-f]{64})$/.exec(l);
    if (m) out.set(Number(m[1]), m[2]!);
  }
  return out;
}
