import { execFileSync } from 'node:child_process';

export function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Wall time of an external command, e.g. openssl, in seconds. */
export function timeCommand(cmd: string, args: string[], cwd?: string): number {
  const start = process.hrtime.bigint();
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });
  return seconds(start);
}

export function fmt(n: number, digits = 2): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
