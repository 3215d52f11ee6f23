/**
 * What an IAM condition means for access at one moment. IAM conditions are CEL; time-boxed grants (the
 * console's "expiring access", temporary break-glass) compare `request.time` with `timestamp("…")`. We read
 * only those comparisons: when they are joined by `&&` alone, an upper bound in the past means the grant no
 * longer gives access, whatever the other terms say. Anything else depends on the request and is `conditional`.
 */
export type GrantStatus = 'active' | 'expired' | 'not_yet_active' | 'conditional';

export interface ConditionView {
  title: string | null;
  description: string | null;
  expression: string;
  /** Access ends at this instant (the earliest `request.time <` bound), when the condition says so. */
  expiresAt: string | null;
  /** Access starts at this instant (the latest `request.time >` bound). */
  startsAt: string | null;
  status: GrantStatus;
}

const COMPARISON = /request\.time\s*(<=?|>=?)\s*timestamp\(\s*(["'])([^"']+)\2\s*\)/g;

export function analyseCondition(condition: { title?: string; description?: string; expression: string }, asOf: string): ConditionView {
  const expression = condition.expression;
  let expires: number | null = null;
  let starts: number | null = null;
  for (const m of expression.matchAll(COMPARISON)) {
    const at = Date.parse(m[3]!);
    if (Number.isNaN(at)) continue;
    if (m[1]!.startsWith('<')) expires = expires === null ? at : Math.min(expires, at);
    else starts = starts === null ? at : Math.max(starts, at);
  }
  // Only a pure conjunction lets us judge: with || or ! a passed bound may still leave another way in.
  const conjunction = !/\|\||!(?!=)/.test(expression);
  const rest = expression.replace(COMPARISON, '').replace(/&&|[()\s]/g, '');
  const now = Date.parse(asOf);
  let status: GrantStatus = 'conditional';
  if (conjunction && expires !== null && expires <= now) status = 'expired';
  else if (conjunction && starts !== null && starts > now) status = 'not_yet_active';
  else if (conjunction && rest === '' && (expires !== null || starts !== null)) status = 'active';
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  return {
    title: condition.title ?? null,
    description: condition.description ?? null,
    expression,
    expiresAt: conjunction ? iso(expires) : null,
    startsAt: conjunction ? iso(starts) : null,
    status,
  };
}
