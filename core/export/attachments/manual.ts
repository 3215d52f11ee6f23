import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { contentPath } from '../../manual/content-store';
import { MANUAL_FORMAT } from '../../manual/manual';
import type { ManualReportRow } from '../../report/types';
import { AppError } from '../../util/errors';
import { sanitizeSegment } from '../bundle-paths';
import { sha256File } from '../hashed-file';
import type { AttachmentContributor, BundleAttachment } from './types';

/** evidence/manual/<id, 6 digits>-<safe file name>: the id keeps two uploads of one name apart, the name says what it is. */
export function manualPath(m: Pick<ManualReportRow, 'id' | 'fileName'>): string {
  const dot = m.fileName.lastIndexOf('.');
  const ext = dot > 0 ? sanitizeSegment(m.fileName.slice(dot + 1), '').slice(0, 10) : '';
  const stem = sanitizeSegment(dot > 0 ? m.fileName.slice(0, dot) : m.fileName, 'file').slice(0, 48);
  return `evidence/manual/${String(m.id).padStart(6, '0')}-${stem}${ext ? `.${ext}` : ''}`;
}

/**
 * Every manual upload the report lists for the criterion (report/human-evidence.ts): the file itself, copied from
 * the content store into staging and re-hashed (a stored copy that changed is refused, never exported), plus a JSON
 * sidecar with its dates, owner, expiry, hash and the signed item that recorded it.
 */
export const manualContributor: AttachmentContributor = async ({ store, report, items, stagingDir }) => {
  const out: BundleAttachment[] = [];
  for (const m of report.manual ?? []) {
    const stored = contentPath(store.paths.home, m.sha256);
    if (!existsSync(stored)) {
      throw new AppError('INTEGRITY', `The stored copy of manual evidence #${m.id} (${m.fileName}) is missing from ${stored}; upload it again.`);
    }
    const staged = join(stagingDir, `manual-${m.id}`);
    copyFileSync(stored, staged);
    if ((await sha256File(staged)) !== m.sha256) {
      throw new AppError(
        'INTEGRITY',
        `The stored copy of manual evidence #${m.id} (${m.fileName}) no longer matches the hash in the log; it was not exported.`,
      );
    }
    const path = manualPath(m);
    const label = `${m.title} (${m.fileName})`;
    out.push({
      path,
      data: { file: staged, sha256: m.sha256 },
      title: `Manual evidence #${m.id}: ${label}${m.expired ? ` — EXPIRED ${m.expiresOn}` : ''}`,
      kind: 'manual',
      date: m.evidenceFor,
      derivedFrom: [m.itemSeq],
    });
    const sidecar = {
      format: MANUAL_FORMAT,
      label: 'manual',
      provenance: 'manual_upload',
      id: m.id,
      title: m.title,
      file: { path, name: m.fileName, mediaType: m.mediaType, bytes: m.bytes, sha256: m.sha256 },
      criteria: m.criteria,
      evidenceFor: m.evidenceFor,
      owner: m.owner,
      expiresOn: m.expiresOn,
      expired: m.expired,
      expiryJudgedOn: m.expiryJudgedOn,
      status: m.status,
      supersededBy: m.supersededBy,
      uploadedAt: m.uploadedAt,
      uploadedBy: m.uploadedBy,
      item: { seq: m.itemSeq, logIndex: m.logIndex, evidence: items.find((i) => i.seq === m.itemSeq)?.evidence ?? null },
    };
    out.push({
      path: `${path}.json`,
      data: Buffer.from(`${JSON.stringify(sidecar, null, 2)}\n`, 'utf8'),
      title: `Sidecar of manual evidence #${m.id}: dates, owner, expiry, hash, log entry`,
      kind: 'manual-sidecar',
      date: m.evidenceFor,
      derivedFrom: [m.itemSeq],
    });
  }
  return out;
};
