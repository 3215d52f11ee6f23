import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../core/api';
import { writeWeekFiles, type WeekState } from './demo-history-files';

const DAY = 86_400_000;
const WEEKS = 12;
/** The week with no exports at all (the machine was off): the map shows it empty, nothing is back-filled. */
const MISSED_WEEK = 5;
/** The week whose S3 export lacks a bucket's lifecycle (AccessDenied): recorded as a partial import. */
const PARTIAL_WEEK = 7;
const PROMOTION_WEEK = 4;
const LEAVER_WEEK = 8;
export const DEMO_PERIOD = 'Demo Type 2 window';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The 12 whole weeks (Monday to Sunday, UTC) before the current week, and a baseline day before the first. */
export function demoWindow(now: Date): { from: string; to: string; baseline: string; weeks: string[] } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY;
  const from = monday - WEEKS * 7 * DAY;
  return {
    from: day(from),
    to: day(monday - DAY),
    baseline: day(from - 3 * DAY),
    // Each week's exports are taken on its Wednesday.
    weeks: Array.from({ length: WEEKS }, (_, i) => day(from + (i * 7 + 2) * DAY)),
  };
}

type Step = [string, () => Promise<{ ok: boolean; error?: { message: string } }>];

/**
 * The MLflow and AWS half of the demo: weekly admin exports across a 12-week Type 2 window (plus a baseline before
 * it), each imported through `import.run` with the day it is evidence for, and the diffs between consecutive weeks. The files stay in `<home>/demo-exports/` for inspection.
 */
export function historySteps(core: Core, demoDir: string, now: Date): Step[] {
  const w = demoWindow(now);
  const root = join(core.home, 'demo-exports');
  mkdirSync(root, { recursive: true });
  const promotedOn = day(Date.parse(w.weeks[PROMOTION_WEEK]!) - 2 * DAY);
  const leftOn = day(Date.parse(w.weeks[LEAVER_WEEK]!) - 1 * DAY);
  const states: WeekState[] = [w.baseline, ...w.weeks]
    .map((d, i) => ({ d, week: i - 1 }))
    .filter((x) => x.week !== MISSED_WEEK)
    .map(({ d, week }) => ({
      day: d,
      promotedOn: d > promotedOn ? promotedOn : null,
      bobLeft: d > leftOn,
      lifecycleDenied: week === PARTIAL_WEEK,
    }));
  const importStep = (type: string, file: string, source: string, evidenceFor: string): Step => [
    `import ${type} for ${evidenceFor}`,
    () => core.call('import.run', { type, file, source, evidenceFor }),
  ];
  const steps: Step[] = [];
  for (const state of states) {
    const f = writeWeekFiles(root, demoDir, state, w.baseline);
    steps.push(
      importStep('mlflow', f.mlflowVersions, 'demo-mlflow', state.day),
      importStep('mlflow', f.mlflowUsers, 'demo-mlflow', state.day),
      importStep('aws-credential-report', f.awsCredentialReport, 'demo-aws', state.day),
      importStep('aws-s3', f.awsS3, 'demo-aws', state.day),
    );
  }
  // Consecutive pairs of each series: every change in the window is recorded evidence citing its two snapshots.
  for (const [source, kind] of [
    ['demo-mlflow', 'mlflow.registry'],
    ['demo-mlflow', 'mlflow.access'],
    ['demo-aws', 'aws.credential-report'],
    ['demo-aws', 'aws.s3.retention'],
  ] as const) {
    steps.push([`diffs ${kind}`, () => diffConsecutive(core, source, kind)]);
  }
  return steps;
}

/** The demo's audit period and a weekly schedule per source: after every import, so the period sees them all. */
export function historySetupSteps(core: Core, now: Date): Step[] {
  const w = demoWindow(now);
  return [
    ['period', () => core.call('period.add', { name: DEMO_PERIOD, type: 'type2', from: w.from, to: w.to })],
    ['schedule demo-mlflow', () => core.call('schedule.set', { source: 'demo-mlflow', cadence: 'weekly' })],
    ['schedule demo-aws', () => core.call('schedule.set', { source: 'demo-aws', cadence: 'weekly' })],
  ];
}

async function diffConsecutive(core: Core, source: string, kind: string): Promise<{ ok: boolean; error?: { message: string } }> {
  const items = await core.call('items.list', { source, kind, limit: 5000 });
  if (!items.ok) return items;
  const seqs = items.value.rows.map((r) => r.seq);
  for (let i = 1; i < seqs.length; i++) {
    const r = await core.call('diff.run', { source, kind, from: seqs[i - 1], to: seqs[i] });
    if (!r.ok) return r;
  }
  return { ok: true };
}
