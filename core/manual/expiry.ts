import { MANUAL_EXPIRY_WINDOW_DAYS, type ManualView } from './view';

const DAY_MS = 86_400_000;
const dayNumber = (day: string): number => Math.floor(Date.parse(`${day}T00:00:00.000Z`) / DAY_MS);

/**
 * A document's expiry judged on a day: `now` for the app and the CLI (an injected clock), the period's last day
 * for a bundle. A document is valid through its expiry day and expired from the day after.
 */
export function expiryState(expiresOn: string | null, now: Date, windowDays = MANUAL_EXPIRY_WINDOW_DAYS): ManualView['expiry'] {
  if (expiresOn === null) return { state: 'none', days: null, message: null };
  const left = dayNumber(expiresOn) - Math.floor(now.getTime() / DAY_MS);
  if (left < 0) return { state: 'expired', days: left, message: `expired on ${expiresOn} (${-left} day${left === -1 ? '' : 's'} ago)` };
  if (left <= windowDays) return { state: 'expiring', days: left, message: `expires on ${expiresOn} (in ${left} day${left === 1 ? '' : 's'})` };
  return { state: 'valid', days: left, message: null };
}
