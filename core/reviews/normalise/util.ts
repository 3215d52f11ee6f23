export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
export const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
/** An ISO time when the value is one, else null ("N/A", "no_information", empty). */
export const isoOrNull = (v: unknown): string | null =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v)) ? v : null;
/** The latest of several times (null when none is a time). */
export function latest(values: unknown[]): string | null {
  let best: string | null = null;
  for (const v of values) {
    const t = isoOrNull(v);
    if (t && (best === null || Date.parse(t) > Date.parse(best))) best = t;
  }
  return best;
}
/** Owner and administrator roles across sources: roles/owner, Owner, User Access Administrator, AdministratorAccess, admin. */
export const PRIVILEGED_ROLE = /(^|[^a-z])(owner|admin|administrator|administratoraccess|iamfullaccess)([^a-z]|$)/i;
