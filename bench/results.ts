import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

/**
 * One measured figure against its baseline from the same run. `ratio` = value / baseline for times and memory
 * (lower is better); `goal` is the largest ratio that passes. Figures without a goal are recorded for context.
 */
export interface BenchFigure {
  id: string;
  what: string;
  value: number;
  unit: string;
  baseline: { what: string; value: number } | null;
  ratio: number | null;
  goal: number | null;
  pass: boolean | null;
  /** Every repetition (value / baseline pairs), so noise is visible next to the median. */
  runs?: { value: number; baseline?: number; ratio?: number }[];
  note?: string;
}

const figures: { module: string; figure: BenchFigure }[] = [];
let current = '';

export function startModule(name: string): void {
  current = name;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Records a figure; a ratio is computed when a baseline is given, and judged when a goal is. */
export function record(f: Omit<BenchFigure, 'ratio' | 'pass'> & { ratio?: number }): BenchFigure {
  const ratio = f.ratio ?? (f.baseline ? f.value / f.baseline.value : null);
  const figure: BenchFigure = { ...f, ratio, pass: f.goal === null || ratio === null ? null : ratio <= f.goal };
  figures.push({ module: current, figure });
  return figure;
}

export const RESULTS_PATH = fileURLToPath(new URL('./results.json', import.meta.url));

/**
 * Writes bench/results.json: the machine, and every figure of the modules run now; figures of modules not run this
 * time are kept from the previous file (each says when it was measured).
 */
export function writeResults(ran: readonly string[]): void {
  const at = new Date().toISOString();
  let previous: { module: string; measuredAt: string; figure: BenchFigure }[] = [];
  if (existsSync(RESULTS_PATH)) {
    try {
      previous = (JSON.parse(readFileSync(RESULTS_PATH, 'utf8')) as { figures: typeof previous }).figures ?? [];
    } catch {
      previous = [];
    }
  }
  const kept = previous.filter((p) => !ran.includes(p.module));
  const fresh = figures.map((f) => ({ module: f.module, measuredAt: at, figure: f.figure }));
  const machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
  const out = { writtenAt: at, machine, figures: [...kept, ...fresh] };
  writeFileSync(RESULTS_PATH, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nwrote ${RESULTS_PATH} (${fresh.length} figures from this run)`);
}

/** The results as a Markdown table (for the README's Performance section). */
export function markdownTable(): string {
  const r = JSON.parse(readFileSync(RESULTS_PATH, 'utf8')) as {
    machine: Record<string, unknown>;
    figures: { module: string; measuredAt: string; figure: BenchFigure }[];
  };
  const n = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  const lines = [
    '| Figure | Ours | Baseline (same run) | Ratio | Goal | |',
    '|---|---|---|---|---|---|',
    ...r.figures.map(({ figure: f }) => {
      const base = f.baseline ? `${n(f.baseline.value)} ${f.unit}: ${f.baseline.what}` : '—';
      const verdict = f.pass === null ? 'context' : f.pass ? 'pass' : 'miss';
      return `| ${f.what} | ${n(f.value)} ${f.unit} | ${base} | ${f.ratio === null ? '—' : `${n(f.ratio)}×`} | ${f.goal === null ? '—' : `≤ ${f.goal}×`} | ${verdict} |`;
    }),
  ];
  const m = r.machine;
  return `${lines.join('\n')}\n\nMachine: ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB, Node ${m.node}, ${m.platform}.`;
}
