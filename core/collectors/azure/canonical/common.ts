/** Where an assignment (or any ARM id) sits: inherited from above the subscription, on it, or below it. */
export type ScopeLevel = 'root' | 'managementGroup' | 'subscription' | 'resourceGroup' | 'resource';

export function scopeLevel(scope: string): ScopeLevel {
  const s = scope.toLowerCase().replace(/\/+$/, '');
  if (s === '' || s === '/') return 'root';
  if (s.startsWith('/providers/microsoft.management/managementgroups/')) return 'managementGroup';
  if (/^\/subscriptions\/[^/]+$/.test(s)) return 'subscription';
  if (/^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+$/.test(s)) return 'resourceGroup';
  return 'resource';
}

/** `/subscriptions/{s}/resourceGroups/{rg}/…` → its parts; ARM ids are case-insensitive, so we match that way. */
export function armIdParts(id: string): { subscriptionId: string | null; resourceGroup: string | null } {
  const m = /^\/subscriptions\/([^/]+)(?:\/resourcegroups\/([^/]+))?/i.exec(id);
  return { subscriptionId: m?.[1]?.toLowerCase() ?? null, resourceGroup: m?.[2] ?? null };
}

/**
 * ARM sends `2024-05-01T10:00:00.1234567Z`, az `2024-05-01T10:00:00.123456+00:00`: both become one ISO form, so
 * a live snapshot and an imported export of the same assignment compare equal. Unparseable text is kept as is.
 */
export function isoOrNull(v: string | null | undefined): string | null {
  if (!v) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? v : new Date(t).toISOString();
}
