import type { CsvImportView, ReviewableSnapshotView, ReviewLineView, ReviewSummaryView, ReviewView } from '../../core/api';

/** Plain columns, the last one unpadded. */
export function columns(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const mfa = (v: boolean | null) => (v === null ? 'n/a' : v ? 'yes' : 'NO');

export function formatSnapshots(list: ReviewableSnapshotView[]): string {
  if (!list.length)
    return 'No access snapshots yet. Collect or import one (aws.iam, aws.credential-report, mlflow.access, wandb.access, gcp.iam, azure.rbac).';
  return columns(
    ['ITEM', 'SOURCE', 'KIND', 'COLLECTED (UTC)', 'PRINCIPALS', 'SHA-256'],
    list.map((s) => [
      `#${s.seq}`,
      s.source,
      s.kind,
      s.collectedAt.slice(0, 16).replace('T', ' '),
      String(s.principals),
      `${s.contentSha256.slice(0, 12)}…`,
    ]),
  ).join('\n');
}

export function formatReviewList(list: ReviewSummaryView[]): string {
  if (!list.length) return 'No access reviews yet. Start one with `evidence-locker review start --snapshot ITEM`.';
  return columns(
    ['ID', 'STATUS', 'DECIDED', 'SOURCES', 'CREATED', 'TITLE'],
    list.map((r) => [String(r.id), r.status, `${r.decided}/${r.toDecide}`, r.sources.join(', '), r.createdAt.slice(0, 10), r.title]),
  ).join('\n');
}

export function lineRow(l: ReviewLineView): string[] {
  const d = l.decision;
  return [
    String(l.line),
    clip(`${l.source}: ${l.displayName}`, 44),
    l.tag,
    l.flags.join(',') || '-',
    mfa(l.mfa),
    l.lastActivity ? l.lastActivity.slice(0, 10) : '-',
    clip(l.roles.join('; ') || '-', 48),
    !l.needsDecision ? '(removed)' : d ? `${d.decision}${d.comment ? `: ${clip(d.comment, 40)}` : ''}` : '—',
  ];
}

export function formatReview(r: ReviewView, rows: ReviewLineView[] = r.rows): string {
  const out = [
    `Review #${r.id}: ${r.title}`,
    `Status: ${r.status}${r.closedAt ? ` (closed ${r.closedAt} by ${r.closedBy}, log entry #${r.closedLogIdx})` : ''}; ${r.decided} of ${r.toDecide} lines decided; started ${r.createdAt} by ${r.createdBy} (log entry #${r.logIdx})${r.previousId ? `; tags against review #${r.previousId}` : ''}.`,
    `Snapshots: ${r.snapshots.map((s) => `#${s.seq} ${s.source} ${s.kind} ${s.collectedAt.slice(0, 10)} sha256 ${s.contentSha256.slice(0, 12)}…`).join('; ')}`,
    `Flags: ${
      Object.entries(r.counts.byFlag)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none'
    }; tags: ${Object.entries(r.counts.byTag)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
    '',
    ...columns(['LINE', 'PRINCIPAL', 'TAG', 'FLAGS', 'MFA', 'LAST ACTIVE', 'ROLES', 'DECISION'], rows.map(lineRow)),
  ];
  if (r.followUp.length) {
    out.push('', 'Follow-up of revoke and change-role decisions:');
    out.push(
      ...columns(
        ['LINE', 'PRINCIPAL', 'DECISION', 'STATUS', 'EVIDENCE', 'DETAIL'],
        r.followUp.map((f) => [
          String(f.line),
          clip(`${f.source}: ${f.principal}`, 44),
          f.decision,
          f.status === 'done' ? 'done' : `OPEN ${f.ageDays} d`,
          f.evidence ? `#${f.evidence.seq} ${f.evidence.contentSha256.slice(0, 12)}…` : '-',
          f.detail,
        ]),
      ),
    );
  }
  return out.join('\n');
}

export function formatCsvImport(r: CsvImportView): string {
  const out = [`Review #${r.review}: ${r.recorded} decision(s) recorded, ${r.unchanged} unchanged, ${r.refused.length} row(s) refused.`];
  for (const x of r.refused) out.push(`  line ${x.line}: ${x.reason}`);
  return out.join('\n');
}
