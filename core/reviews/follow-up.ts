import type { EvidenceStore } from '../store/evidence-store';
import { getItem, listItemMeta } from '../store/store-reads';
import { principalsOf } from './normalise';
import type { FollowUpView, ReviewDecisionView, ReviewLineView } from './view-types';

const DAY_MS = 86_400_000;

/**
 * Revoke and change-role decisions against the snapshots recorded after them (log order, not clocks): a revoke is
 * carried out when a later snapshot of the same source, kind and scope no longer lists the principal (or lists it
 * with no access left); a role change when it lists different roles. Otherwise the decision is still open.
 */
export function followUp(store: EvidenceStore, lines: readonly ReviewLineView[], now: Date): FollowUpView[] {
  const out: FollowUpView[] = [];
  for (const line of lines) {
    const d = line.decision;
    if (!d || (d.decision !== 'revoke' && d.decision !== 'change_role')) continue;
    out.push(followOne(store, line, d as ReviewDecisionView & { decision: 'revoke' | 'change_role' }, now));
  }
  return out;
}

function followOne(
  store: EvidenceStore,
  line: ReviewLineView,
  d: ReviewDecisionView & { decision: 'revoke' | 'change_role' },
  now: Date,
): FollowUpView {
  const base = { line: line.line, principal: line.displayName, source: line.source, decision: d.decision, decidedAt: d.decidedAt };
  const ageDays = Math.max(0, Math.floor((now.getTime() - Date.parse(d.decidedAt)) / DAY_MS));
  // The series this line was read from: same source, kind and scope as each reviewed snapshot.
  const series = line.snapshots
    .map((seq) => getItem(store, seq))
    .map((it) => ({ sourceId: it.source_id ?? undefined, kind: it.kind, scope: it.scope }));
  const later = series
    .flatMap((s) => listItemMeta(store, { sourceId: s.sourceId, kind: s.kind, scope: s.scope }))
    .filter((m) => m.log_idx > d.logIdx && m.completeness !== 'failed')
    .sort((a, b) => a.seq - b.seq);
  let lastSeen: FollowUpView['evidence'] = null;
  for (const m of later) {
    const item = getItem(store, m.seq);
    const found = principalsOf(item.kind, JSON.parse(item.content.toString('utf8'))).find((p) => p.principal === line.principal);
    const evidence = { seq: item.seq, contentSha256: item.content_sha256, collectedAt: item.collected_at, kind: item.kind };
    if (!found || (found.roles.length === 0 && line.roles.length > 0)) {
      const what = !found ? `${line.displayName} is no longer listed` : `${line.displayName} is listed with no access left`;
      return {
        ...base,
        status: 'done',
        evidence,
        detail: `${what} in snapshot #${item.seq} (${item.kind}, ${item.collected_at.slice(0, 10)}).`,
        ageDays: 0,
      };
    }
    if (d.decision === 'change_role' && found.roles.join('\n') !== line.roles.join('\n')) {
      const wanted = d.newRole
        ? found.roles.some((r) => r.includes(d.newRole!))
          ? `; now includes "${d.newRole}"`
          : `; "${d.newRole}" not among them`
        : '';
      return {
        ...base,
        status: 'done',
        evidence,
        detail: `Roles changed to ${found.roles.join(', ') || 'none'} in snapshot #${item.seq}${wanted}.`,
        ageDays: 0,
      };
    }
    lastSeen = evidence;
  }
  const detail = lastSeen
    ? `Still ${d.decision === 'revoke' ? 'listed' : 'listed with the same roles'} in snapshot #${lastSeen.seq} (${lastSeen.collectedAt.slice(0, 10)}).`
    : 'No snapshot of this source has been collected since the decision.';
  return { ...base, status: 'open', evidence: lastSeen, detail, ageDays };
}
