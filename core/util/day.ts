/**
 * Calendar days as people type them: `YYYY-MM-DD`, UTC. One definition for every host (the contract's zod schema,
 * core/api/contract/dates.ts) and for core (report periods), so the CLI, the app and the exporter accept the same days.
 */
export const FIRST_DAY = '2000-01-01';
export const LAST_DAY = '2100-12-31';

const SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export type ParsedDay = { ok: true; start: Date } | { ok: false; reason: string };

/**
 * UTC midnight of a day, or why it is refused. A day must round-trip (Date would roll 2026-02-30 over to 03-02,
 * while the bundle is named after the text) and lie in FIRST_DAY..LAST_DAY: no evidence predates 2000, and past
 * year 9999 ISO text becomes `+010000-…`, which sorts before `2026-…` and once made an export silently empty.
 */
export function parseDay(text: string): ParsedDay {
  if (!SHAPE.test(text)) return { ok: false, reason: `${JSON.stringify(text)} is not YYYY-MM-DD` };
  const start = new Date(`${text}T00:00:00.000Z`);
  if (Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== text) return { ok: false, reason: `${text} is not a calendar day` };
  if (start.getTime() < Date.parse(FIRST_DAY) || start.getTime() > Date.parse(LAST_DAY)) {
    return { ok: false, reason: `${text} is outside ${FIRST_DAY} .. ${LAST_DAY}` };
  }
  return { ok: true, start };
}

/** The last millisecond of the day that starts at `start` (periods are inclusive of their last day). */
export const endOfDay = (start: Date): Date => new Date(start.getTime() + DAY_MS - 1);
