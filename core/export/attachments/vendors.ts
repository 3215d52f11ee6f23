import { stringify } from 'csv-stringify/sync';
import { REPORT_TYPES } from '../../vendors/record';
import type { AttachmentContributor } from './types';

export const VENDOR_REGISTER_CSV = 'vendors/register.csv';
export const VENDOR_REGISTER_JSON = 'vendors/register.json';
export const VENDOR_REGISTER_FORMAT = 'evidence-locker/vendor-register/v1';

const REPORT_COLUMNS = REPORT_TYPES.flatMap((t) => [`${t.replace('-', '_')}_issued`, `${t.replace('-', '_')}_expires`]);
export const VENDOR_COLUMNS = [
  'vendor_id',
  'name',
  'origin',
  'services',
  'data_sent',
  'personal_data',
  'dpa',
  'dpa_signed_on',
  'training_use',
  'training_terms',
  ...REPORT_COLUMNS,
  'last_reviewed_on',
  'review_every_days',
  'owner',
  'removed_at',
  'due',
  'item_seq',
  'log_index',
] as const;

/**
 * The AI vendor register as the report lists it (CC9.2; C1.1 / P6.x only vendors sent personal data): one CSV row
 * per vendor for sampling in a spreadsheet, and the same as JSON. Each row names the vendor.entry item of its
 * latest change, which the bundle carries with its inclusion proof. Formula-looking cells are escaped.
 */
export const vendorRegisterContributor: AttachmentContributor = ({ report, items }) => {
  const reg = report.vendors;
  if (!reg) return [];
  const rows = reg.vendors.map((v) => {
    const f = v.fields;
    const latest = (type: string) =>
      f.reports
        .filter((r) => r.type === type)
        .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn))
        .at(-1);
    return [
      String(v.id),
      f.name,
      v.origin,
      f.services.join('; '),
      f.dataSent,
      f.personalData ? 'yes' : 'no',
      f.dpa,
      f.dpaSignedOn ?? '',
      f.trainingUse,
      f.trainingTerms,
      ...REPORT_TYPES.flatMap((t) => [latest(t)?.issuedOn ?? '', latest(t)?.expiresOn ?? '']),
      f.lastReviewedOn ?? '',
      String(f.reviewEveryDays),
      f.owner,
      v.removedAt ?? '',
      v.flags.map((x) => `${x.kind}: ${x.message}`).join('; '),
      String(v.itemSeq),
      String(v.logIndex),
    ];
  });
  const header = [
    `# AI vendor register (${reg.scope}) for ${report.criterion.id}, ${report.period.from}..${report.period.to}; due flags judged on ${reg.asOf}`,
    '# Each row is the latest vendor.entry item named in item_seq (evidence/vendor.entry/<item_seq>.json, proven in log/proofs.json)',
  ].join('\n');
  const csv = `${header}\n${stringify([[...VENDOR_COLUMNS], ...rows], { escape_formulas: true, record_delimiter: 'unix' })}`;
  const json = {
    format: VENDOR_REGISTER_FORMAT,
    criterion: report.criterion.id,
    period: report.period,
    asOf: reg.asOf,
    scope: reg.scope,
    vendors: reg.vendors.map((v) => ({
      id: v.id,
      origin: v.origin,
      ...v.fields,
      due: v.flags,
      createdAt: v.createdAt,
      updatedAt: v.updatedAt,
      removedAt: v.removedAt,
      item: { seq: v.itemSeq, logIndex: v.logIndex, evidence: items.find((i) => i.seq === v.itemSeq)?.evidence ?? null },
    })),
  };
  const derivedFrom = reg.vendors.map((v) => v.itemSeq);
  const title = `AI vendor register (${reg.scope}), ${reg.vendors.length} vendor(s), due flags as of ${reg.asOf}`;
  return [
    { path: VENDOR_REGISTER_CSV, data: Buffer.from(csv, 'utf8'), title: `${title} — CSV`, kind: 'vendor-register', date: reg.asOf, derivedFrom },
    {
      path: VENDOR_REGISTER_JSON,
      data: Buffer.from(`${JSON.stringify(json, null, 2)}\n`, 'utf8'),
      title: `${title} — JSON`,
      kind: 'vendor-register',
      date: reg.asOf,
      derivedFrom,
    },
  ];
};
