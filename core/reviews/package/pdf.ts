import { createWriteStream } from 'node:fs';
import { Layout, COLORS } from '../../report/pdf/page-layout';
import { drawTable } from '../../report/pdf/table';
import type { ReviewView } from '../view-types';

const utc = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')}Z` : '-');
const mfa = (v: boolean | null) => (v === null ? 'n/a' : v ? 'yes' : 'NO');

/** The review table an auditor samples from: every line with flags, the decision in force, who decided and why. */
export async function renderReviewPdf(r: ReviewView, outPath: string, fontsDir: string, heading: string): Promise<void> {
  const l = new Layout(`${heading} · access review #${r.id}`, fontsDir);
  const out = createWriteStream(outPath);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    l.doc.on('error', reject);
  });
  l.doc.pipe(out);
  l.heading(`Access review #${r.id}: ${r.title}`);
  l.paragraph(
    `Status: ${r.status === 'closed' ? `closed ${utc(r.closedAt)} by ${r.closedBy} (log entry #${r.closedLogIdx})` : 'OPEN: not every line is decided'}. ` +
      `Started ${utc(r.createdAt)} by ${r.createdBy} (log entry #${r.logIdx})${r.previousId ? `; lines tagged against review #${r.previousId}` : '; first review of these sources'}. ` +
      `${r.decided} of ${r.toDecide} lines decided.`,
  );
  if (r.status !== 'closed')
    l.banner(
      'Review not closed',
      `${r.toDecide - r.decided} line(s) have no decision yet; this package shows the review as it stood at export.`,
      'warn',
    );
  drawTable(l, {
    title: 'Snapshots reviewed (signed evidence items)',
    columns: [
      { header: 'Item', weight: 5 },
      { header: 'Source', weight: 12 },
      { header: 'Kind', weight: 14 },
      { header: 'Collected (UTC)', weight: 12 },
      { header: 'Content SHA-256', weight: 40 },
    ],
    rows: r.snapshots.map((s) => [`#${s.seq}`, s.source, s.kind, utc(s.collectedAt), s.contentSha256]),
  });
  const counts = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none';
  l.paragraph(`Tags: ${counts(r.counts.byTag)}. Flags: ${counts(r.counts.byFlag)}. Decisions: ${counts(r.counts.byDecision)}.`, { size: 8.5 });
  l.paragraph(
    'Flags: dormant = no activity in the 90 days before the snapshot (or never used); orphaned = deleted principal, or no matching person in any other source; privileged = admin or owner rights; NO MFA = signs in without a second factor. MFA "n/a" = the source does not record it.',
    { size: 7.5, color: COLORS.muted },
  );
  drawTable(l, {
    title: 'Lines and decisions',
    fontSize: 6.8,
    columns: [
      { header: '#', weight: 3, align: 'right' },
      { header: 'Source / principal', weight: 16 },
      { header: 'Roles', weight: 22 },
      { header: 'MFA', weight: 4 },
      { header: 'Last activity', weight: 8 },
      { header: 'Tag', weight: 7 },
      { header: 'Flags', weight: 9 },
      { header: 'Decision', weight: 8 },
      { header: 'Reviewer, time, comment', weight: 24 },
    ],
    rows: r.rows.map((x) => [
      String(x.line),
      `${x.source}: ${x.displayName}${x.displayName !== x.principal ? ` (${x.principal})` : ''} [${x.type}]`,
      x.roles.join('; ') + (x.rolesBefore ? `\nbefore: ${x.rolesBefore.join('; ')}` : ''),
      mfa(x.mfa),
      x.lastActivity ? x.lastActivity.slice(0, 10) : '-',
      x.tag,
      x.flags.join(', ').replace('no_mfa', 'NO MFA') || '-',
      !x.needsDecision ? '(removed)' : (x.decision?.decision ?? 'UNDECIDED'),
      x.decision
        ? `${x.decision.reviewer}, ${utc(x.decision.decidedAt)} (log #${x.decision.logIdx}${x.decision.via === 'csv' ? ', from CSV' : ''}): ${x.decision.comment || '-'}${x.decision.reason ? `\nown access, reason: ${x.decision.reason}` : ''}${x.decision.newRole ? `\nnew role: ${x.decision.newRole}` : ''}`
        : '-',
    ]),
    rowFill: (row) => (row[7] === 'UNDECIDED' ? COLORS.warnFill : row[7] === 'revoke' ? COLORS.badFill : null),
  });
  l.heading('Follow-up of revoke and change-role decisions', 2);
  if (!r.followUp.length) l.paragraph('No revoke or change-role decisions.');
  else
    drawTable(l, {
      columns: [
        { header: '#', weight: 3, align: 'right' },
        { header: 'Principal', weight: 16 },
        { header: 'Decision', weight: 8 },
        { header: 'Status', weight: 8 },
        { header: 'Evidence (item, SHA-256)', weight: 22 },
        { header: 'Detail', weight: 30 },
      ],
      rows: r.followUp.map((f) => [
        String(f.line),
        `${f.source}: ${f.principal}`,
        f.decision,
        f.status === 'done' ? 'carried out' : `OPEN, ${f.ageDays} days`,
        f.evidence ? `#${f.evidence.seq} ${f.evidence.contentSha256}` : '-',
        f.detail,
      ]),
      rowFill: (row) => (row[3]!.startsWith('OPEN') ? COLORS.warnFill : null),
    });
  l.doc.end();
  await done;
}
