import { REPORT_LABELS, type DueFlag, type VendorFields, type VendorReport } from './record';

const DAY_MS = 86_400_000;
/** "Expiring" means within this many days (the 30-day window). */
export const DUE_WINDOW_DAYS = 30;

const dayNumber = (day: string): number => Math.floor(Date.parse(`${day}T00:00:00.000Z`) / DAY_MS);
const dayText = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
/** Today as a UTC calendar day number, from an injected clock (tests pass a fixed one). */
export const todayOf = (now: Date): number => Math.floor(now.getTime() / DAY_MS);

/** Per report type, the one that runs furthest: an expired SOC 2 replaced by this year's is not flagged. */
function currentReports(reports: readonly VendorReport[]): VendorReport[] {
  const best = new Map<string, VendorReport>();
  for (const r of reports) {
    const seen = best.get(r.type);
    if (!seen || r.expiresOn > seen.expiresOn) best.set(r.type, r);
  }
  return [...best.values()];
}

const inDays = (days: number): string => (days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`);
const ago = (days: number): string => (days === 1 ? '1 day ago' : `${days} days ago`);

/**
 * What needs attention for one vendor on `now`: reports expired or expiring within `windowDays`, a review overdue
 * or due within the window (never reviewed counts as overdue), and personal data sent without a signed DPA.
 */
export function dueFlags(v: VendorFields, now: Date, windowDays = DUE_WINDOW_DAYS): DueFlag[] {
  const today = todayOf(now);
  const flags: DueFlag[] = [];
  for (const r of currentReports(v.reports)) {
    const left = dayNumber(r.expiresOn) - today;
    const label = REPORT_LABELS[r.type];
    if (left < 0) {
      flags.push({
        kind: 'report_expired',
        severity: 'overdue',
        dueOn: r.expiresOn,
        days: left,
        message: `${label} report expired on ${r.expiresOn} (${ago(-left)}); ask for the current one`,
      });
    } else if (left <= windowDays) {
      flags.push({
        kind: 'report_expiring',
        severity: 'soon',
        dueOn: r.expiresOn,
        days: left,
        message: `${label} report expires on ${r.expiresOn} (${inDays(left)})`,
      });
    }
  }
  if (v.lastReviewedOn === null) {
    flags.push({ kind: 'review_overdue', severity: 'overdue', dueOn: null, days: null, message: 'never reviewed' });
  } else {
    const dueOn = dayNumber(v.lastReviewedOn) + v.reviewEveryDays;
    const left = dueOn - today;
    if (left < 0) {
      flags.push({
        kind: 'review_overdue',
        severity: 'overdue',
        dueOn: dayText(dueOn),
        days: left,
        message: `review was due on ${dayText(dueOn)} (${ago(-left)}; last reviewed ${v.lastReviewedOn})`,
      });
    } else if (left <= windowDays) {
      flags.push({
        kind: 'review_due',
        severity: 'soon',
        dueOn: dayText(dueOn),
        days: left,
        message: `review due on ${dayText(dueOn)} (${inDays(left)})`,
      });
    }
  }
  if (v.personalData && v.dpa !== 'signed' && v.dpa !== 'not-needed') {
    flags.push({ kind: 'dpa_missing', severity: 'overdue', dueOn: null, days: null, message: `personal data is sent but the DPA is ${v.dpa}` });
  }
  return flags;
}
