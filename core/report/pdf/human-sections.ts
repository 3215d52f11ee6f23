import { REPORT_LABELS } from '../../vendors/record';
import type { CriterionReport } from '../types';
import { utc } from './cover';
import { COLORS, type Layout } from './page-layout';
import { drawTable } from './table';

const fmtBytes = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} B`);

/**
 * "Manual evidence": files a person uploaded for this criterion, each with the day it is evidence for, its owner,
 * its expiry judged on the period's last day, and its hash. Expired and superseded ones are marked, never hidden.
 */
export function drawManualEvidence(l: Layout, r: CriterionReport): void {
  const rows = r.manual ?? [];
  if (rows.length === 0) return;
  l.newPage();
  l.heading('Manual evidence');
  l.paragraph(
    'Files uploaded by a person (provenance manual_upload), attached to this criterion. Each is in the bundle under evidence/manual/ with a JSON sidecar; its SHA-256 is in the signed log (the item listed) and in SHA256SUMS. "Evidence for" is the day the uploader states the document shows; the reviewer attests to its content.',
    { size: 8.5 },
  );
  const expired = rows.filter((m) => m.expired);
  if (expired.length) {
    l.banner(
      `${expired.length} manual file(s) expired`,
      `${expired.map((m) => `#${m.id} ${m.title} (expired ${m.expiresOn})`).join('; ')}. They are included so nothing is hidden, but do not support the period after their expiry.`,
      'bad',
    );
  }
  drawTable(l, {
    columns: [
      { header: 'Id', weight: 0.5 },
      { header: 'Title and file', weight: 3 },
      { header: 'Evidence for', weight: 1 },
      { header: 'Owner', weight: 1.2 },
      { header: 'Expiry', weight: 1.4 },
      { header: 'Uploaded', weight: 1.3 },
      { header: 'Item / log', weight: 0.9 },
      { header: 'SHA-256', weight: 2.2 },
    ],
    rows: rows.map((m) => [
      `#${m.id}`,
      `${m.title}\n${m.fileName} (${fmtBytes(m.bytes)})${m.status === 'superseded' ? `\nsuperseded by #${m.supersededBy} on ${utc(m.endedAt)}` : ''}`,
      m.evidenceFor,
      m.owner,
      m.expiresOn === null ? 'none' : m.expired ? `EXPIRED ${m.expiresOn}` : `valid to ${m.expiresOn}`,
      `${utc(m.uploadedAt)}\n${m.uploadedBy}`,
      `#${m.itemSeq} / ${m.logIndex}`,
      `${m.sha256.slice(0, 32)}\n${m.sha256.slice(32)}`,
    ]),
    rowFill: (row) => (row[4]!.startsWith('EXPIRED') ? COLORS.badFill : row[1]!.includes('superseded by') ? COLORS.warnFill : null),
  });
}

/** "AI vendor register" (CC9.2; C1.1 / P6.x for vendors sent personal data), with due flags as of the period end. */
export function drawVendorRegister(l: Layout, r: CriterionReport): void {
  const reg = r.vendors;
  if (!reg) return;
  l.newPage();
  l.heading('AI vendor register');
  l.paragraph(
    `Subservice organisations (${reg.scope}): services used, data sent, DPA and training-use terms, assurance reports and review. Due flags are judged on ${reg.asOf}. The register is in the bundle as vendors/register.csv and vendors/register.json; each row names the signed vendor.entry item of its latest change.`,
    { size: 8.5 },
  );
  const flagged = reg.vendors.filter((v) => v.flags.length > 0);
  if (flagged.length) {
    l.banner(
      `${flagged.length} vendor(s) need attention as of ${reg.asOf}`,
      flagged.map((v) => `${v.fields.name}: ${v.flags.map((f) => f.message).join('; ')}`).join('. '),
      flagged.some((v) => v.flags.some((f) => f.severity === 'overdue')) ? 'bad' : 'warn',
    );
  }
  drawTable(l, {
    columns: [
      { header: 'Vendor', weight: 1.4 },
      { header: 'Services', weight: 1.8 },
      { header: 'Data sent', weight: 1.8 },
      { header: 'DPA / training use', weight: 1.3 },
      { header: 'Reports (issued → expires)', weight: 1.8 },
      { header: 'Last review / owner', weight: 1.3 },
      { header: 'Due', weight: 2 },
    ],
    rows: reg.vendors.map((v) => {
      const f = v.fields;
      return [
        `${f.name}\n${v.origin === 'connector' ? 'seeded from sources' : 'entered by hand'}\nitem #${v.itemSeq}${v.removedAt ? `\nREMOVED ${utc(v.removedAt)}` : ''}`,
        f.services.join(', ') || '-',
        `${f.dataSent || '-'}${f.personalData ? '\nPERSONAL DATA' : ''}`,
        `DPA ${f.dpa}${f.dpaSignedOn ? ` ${f.dpaSignedOn}` : ''}\ntraining: ${f.trainingUse}`,
        f.reports.map((x) => `${REPORT_LABELS[x.type]}: ${x.issuedOn ?? '?'} → ${x.expiresOn}`).join('\n') || 'none on file',
        `${f.lastReviewedOn ?? 'never'}\n${f.owner || '-'}`,
        v.flags.map((x) => `${x.severity === 'overdue' ? 'OVERDUE' : 'SOON'}: ${x.message}`).join('\n') || '-',
      ];
    }),
    rowFill: (row) => (row[6]!.includes('OVERDUE') ? COLORS.badFill : row[6]!.includes('SOON') ? COLORS.warnFill : null),
  });
}
