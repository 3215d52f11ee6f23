import { basename } from 'node:path';
import type { CoreContext } from '../context';
import { getCriterion } from '../criteria';
import { makeIpe, type NewItem } from '../evidence/ipe';
import { redactItem, redactText } from '../redact';
import type { EvidenceStore } from '../store/evidence-store';
import { addManualRow, listManualRows, manualRowById, withdrawManualRow, type ManualRow } from '../store/manual-store';
import { getItem } from '../store/store-reads';
import { AppError } from '../util/errors';
import { toolVersion } from '../util/runtime';
import { keepContent, mediaTypeOf, readManualFile } from './content-store';
import { expiryState } from './expiry';
import type { ManualView } from './view';

export const MANUAL_KIND = 'manual.document';
export const MANUAL_WITHDRAWN_KIND = 'manual.withdrawn';
export const MANUAL_FORMAT = 'evidence-locker/manual-evidence/v1';

export interface ManualAddInput {
  file: string;
  title?: string;
  criteria: string[];
  evidenceFor: string;
  owner: string;
  expiresOn?: string | null;
  supersedes?: number;
}

interface ManualContent {
  uploadedBy: { osUser: string; host: string };
  file: { mediaType: string };
}

export function manualView(store: EvidenceStore, row: ManualRow, now: Date): ManualView {
  const item = getItem(store, row.item_seq);
  const content = JSON.parse(item.content.toString('utf8')) as ManualContent;
  return {
    id: row.id,
    title: row.title,
    fileName: row.file_name,
    mediaType: content.file.mediaType,
    bytes: row.bytes,
    sha256: row.sha256,
    criteria: JSON.parse(row.criteria) as string[],
    evidenceFor: row.evidence_for,
    owner: row.owner,
    expiresOn: row.expires_on,
    uploadedAt: row.uploaded_at,
    uploadedBy: `${content.uploadedBy.osUser}@${content.uploadedBy.host}`,
    status: row.status,
    endedAt: row.ended_at,
    endedReason: row.ended_reason,
    supersededBy: row.superseded_by,
    itemSeq: row.item_seq,
    logIndex: item.log_idx,
    expiry: expiryState(row.expires_on, now),
  };
}

export function listManual(store: EvidenceStore, now: Date, q: { criterion?: string; includeEnded?: boolean } = {}): ManualView[] {
  const criterion = q.criterion ? getCriterion(q.criterion).id : null;
  return listManualRows(store)
    .filter((r) => q.includeEnded || r.status === 'active')
    .filter((r) => !criterion || (JSON.parse(r.criteria) as string[]).includes(criterion))
    .map((r) => manualView(store, r, now));
}

export function findManual(store: EvidenceStore, id: number): ManualRow {
  const row = manualRowById(store, id);
  if (!row) throw new AppError('NOT_FOUND', `No manual evidence #${id}. See \`evidence-locker manual list --all\`.`);
  return row;
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

function checkInput(input: ManualAddInput, today: string): string[] {
  const criteria = [...new Set(input.criteria.map((c) => getCriterion(c).id))]; // only the 61 real ids
  if (criteria.length === 0) throw new AppError('BAD_INPUT', 'Attach the file to at least one criterion (e.g. CC9.2).');
  if (input.evidenceFor > today) throw new AppError('BAD_INPUT', `The evidence-for day ${input.evidenceFor} is in the future (today is ${today}).`);
  if (input.expiresOn && input.expiresOn < input.evidenceFor) {
    throw new AppError('BAD_INPUT', `The expiry ${input.expiresOn} is before the day the file is evidence for (${input.evidenceFor}).`);
  }
  return criteria;
}

function ipeFor(ctx: CoreContext, name: string, sha256: string, bytes: number, p: Record<string, unknown>, command: string) {
  return makeIpe({
    source: { type: 'manual', name: 'manual upload' },
    provenance: 'manual_upload',
    command,
    actor: ctx.actor,
    toolVersion: toolVersion(),
    recordsRetrieved: 1,
    parameters: p,
    // The file's name as typed may hold a secret too; its redaction is recorded at the content's $['file']['name'].
    importedFile: { name: redactText(name), sha256, bytes },
    notes: [
      'A person uploaded this file; it was not fetched from a system. Its as-of day is the evidence-for day the uploader stated.',
      'The file is in the bundle under evidence/manual/ with this SHA-256; the reviewer attests to what it shows.',
    ],
  });
}

/** Keeps the file (content-addressed, 0600), then records the manual.document item and its row in one transaction. */
export function addManual(ctx: CoreContext, input: ManualAddInput): ManualView {
  const store = ctx.store();
  store.assertWritable();
  const now = ctx.clock();
  const criteria = checkInput(input, dayOf(now));
  const previous = input.supersedes !== undefined ? findManual(store, input.supersedes) : null;
  if (previous && previous.status !== 'active') {
    throw new AppError('CONFLICT', `Manual evidence #${previous.id} is already ${previous.status}; supersede the current version instead.`);
  }
  const data = readManualFile(input.file);
  const name = basename(input.file);
  const { sha256, relPath } = keepContent(store.paths.home, data);
  const title = input.title?.trim() || name;
  const expiresOn = input.expiresOn ?? null;
  const uploadedAt = store.now();
  const params = { criteria, evidenceFor: input.evidenceFor, expiresOn, owner: input.owner, supersedes: previous?.id ?? null };
  const command = `evidence-locker manual add ${JSON.stringify(name)} --criteria ${criteria.join(',')} --evidence-for ${input.evidenceFor} --owner ${JSON.stringify(input.owner)}${expiresOn ? ` --expires ${expiresOn}` : ''}`;
  const typedItem = (id: number): NewItem => ({
    kind: MANUAL_KIND,
    scope: {},
    // Periods select it by the day it is evidence for, not by the upload (migration 0002).
    evidenceFor: `${input.evidenceFor}T00:00:00.000Z`,
    content: {
      format: MANUAL_FORMAT,
      manualId: id,
      title,
      file: { name, sha256, bytes: data.length, mediaType: mediaTypeOf(name) },
      storedAs: relPath,
      uploadedAt,
      uploadedBy: ctx.actor,
      ...params,
    },
    ipe: ipeFor(ctx, name, sha256, data.length, params, command),
  });
  // Title, owner and file name are typed by a person: redacted before the item is hashed (docs/redaction.md), and the
  // row keeps the redacted values, the same as the signed item. The id is a number, never redacted, so the row's
  // values can be taken from the item built for any id. The file's bytes are not redacted: they are the document.
  const itemFor = (id: number): NewItem => redactItem(typedItem(id)).item;
  const shown = itemFor(0).content as { title: string; owner: string; file: { name: string } };
  const reason = `superseded by a newer upload (${shown.file.name})`;
  const { id } = addManualRow(store, {
    row: {
      sha256,
      file_name: shown.file.name,
      bytes: data.length,
      title: shown.title,
      criteria: JSON.stringify(criteria),
      evidence_for: input.evidenceFor,
      owner: shown.owner,
      expires_on: expiresOn,
      uploaded_at: uploadedAt,
    },
    itemFor,
    supersedes: previous ? { id: previous.id, reason, itemFor: (newId) => endItem(ctx, previous, 'superseded', reason, newId) } : undefined,
  });
  return manualView(store, manualRowById(store, id)!, now);
}

function endItem(ctx: CoreContext, row: ManualRow, status: 'withdrawn' | 'superseded', reason: string, supersededBy: number | null): NewItem {
  const params = { manualId: row.id, status, reason, supersededBy };
  // The reason is typed by a person (a withdrawal): redacted like every other item (docs/redaction.md).
  return redactItem({
    kind: MANUAL_WITHDRAWN_KIND,
    scope: {},
    content: { format: MANUAL_FORMAT, ...params, itemSeq: row.item_seq, sha256: row.sha256, at: ctx.store().now() },
    ipe: makeIpe({
      source: { type: 'manual', name: 'manual upload' },
      provenance: 'manual_upload',
      command: `evidence-locker manual remove ${row.id} --reason ${JSON.stringify(reason)}`,
      actor: ctx.actor,
      toolVersion: toolVersion(),
      parameters: params,
      notes: ['The earlier upload and its file stay in the log and the store; it is no longer exported.'],
    }),
  }).item;
}

/** Withdraws an upload (a wrong file, a policy retired): a new log entry; nothing is deleted. */
export function withdrawManual(ctx: CoreContext, id: number, reason: string): ManualView {
  const store = ctx.store();
  const row = findManual(store, id);
  if (row.status !== 'active') throw new AppError('CONFLICT', `Manual evidence #${id} is already ${row.status}.`);
  const item = endItem(ctx, row, 'withdrawn', reason, null);
  // The row keeps the redacted reason, the same as the signed item.
  withdrawManualRow(store, id, (item.content as { reason: string }).reason, item);
  return manualView(store, manualRowById(store, id)!, ctx.clock());
}
