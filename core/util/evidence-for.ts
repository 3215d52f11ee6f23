import { AppError } from './errors';

/**
 * The evidence-for input of an import (a day YYYY-MM-DD, taken as 00:00 UTC, or a UTC instant; the contract checked
 * its shape) as the stored instant text. Refused when after `now`: evidence cannot be for a time yet to come.
 */
export function evidenceForInstant(text: string, now: Date): string {
  const iso = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00.000Z` : text).toISOString();
  if (Date.parse(iso) > now.getTime()) {
    throw new AppError('BAD_INPUT', `evidence-for ${text} is in the future (now ${now.toISOString()}); give the day the file's content shows.`);
  }
  return iso;
}
