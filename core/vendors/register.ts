import type { CoreContext } from '../context';
import { makeIpe, type NewItem } from '../evidence/ipe';
import { redactItem } from '../redact';
import type { EvidenceStore } from '../store/evidence-store';
import {
  activeVendorRowByName,
  addVendorRow,
  changeVendorRow,
  listVendorRows,
  removeVendorRow,
  vendorRowById,
  type VendorRow,
} from '../store/vendor-store';
import { AppError } from '../util/errors';
import { toolVersion } from '../util/runtime';
import { dueFlags } from './due';
import { vendorFieldsSchema, type VendorFields, type VendorFieldsInput, type VendorPatch, type VendorView } from './record';
import { suggestVendors } from './seed';

export const VENDOR_ENTRY_KIND = 'vendor.entry';
export const VENDOR_ENTRY_FORMAT = 'evidence-locker/vendor-entry/v1';

export function vendorView(row: VendorRow, now: Date): VendorView {
  const fields = vendorFieldsSchema.parse(JSON.parse(row.record));
  return {
    id: row.id,
    origin: row.origin,
    fields,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    removedAt: row.removed_at,
    itemSeq: row.item_seq,
    flags: row.removed_at ? [] : dueFlags(fields, now),
  };
}

export function listVendors(store: EvidenceStore, now: Date, includeRemoved = false): VendorView[] {
  return listVendorRows(store, includeRemoved).map((r) => vendorView(r, now));
}

/** A vendor by id (`12`, `#12`) or by name (case-insensitive); removed ones only by id. */
export function findVendor(store: EvidenceStore, ref: string | number): VendorRow {
  const text = String(ref).trim();
  const id = /^#?\d+$/.test(text) ? Number(text.replace('#', '')) : null;
  const row = id !== null ? vendorRowById(store, id) : activeVendorRowByName(store, text);
  if (!row)
    throw new AppError('NOT_FOUND', `No vendor ${id !== null ? `#${id}` : `named "${text}"`} in the register. See \`evidence-locker vendors list\`.`);
  return row;
}

type Action = 'added' | 'changed' | 'removed';

/**
 * The entry's item with its secrets redacted (docs/redaction.md): every field is typed by a person, and a token
 * pasted into the notes must reach neither the log nor the vendor row. The row stores the redacted fields, the
 * same values the signed item holds, so the register shows what the bundle proves.
 */
function redactedEntry(item: NewItem): { item: NewItem; fields: VendorFields } {
  const redacted = redactItem(item).item;
  return { item: redacted, fields: (redacted.content as { vendor: VendorFields }).vendor };
}

function entryItem(
  ctx: CoreContext,
  id: number,
  action: Action,
  origin: VendorRow['origin'],
  fields: VendorFields,
  extra: Record<string, unknown>,
): NewItem {
  const notes = [
    'Entered by a person in the vendor register; the fields are as stated, not fetched from the vendor.',
    ...(fields.seededFrom
      ? [`Suggested from the sources ${fields.seededFrom.sources.join(', ')} (kinds: ${fields.seededFrom.kinds.join(', ') || 'none collected yet'}).`]
      : []),
  ];
  return {
    kind: VENDOR_ENTRY_KIND,
    scope: {},
    content: { format: VENDOR_ENTRY_FORMAT, vendorId: id, action, origin, vendor: fields, ...extra },
    ipe: makeIpe({
      source: { type: 'vendor-register', name: 'vendor register' },
      provenance: 'manual_upload',
      command: `evidence-locker vendors ${action === 'added' ? 'add' : action === 'changed' ? 'update' : 'remove'} ${JSON.stringify(fields.name)}`,
      actor: ctx.actor,
      toolVersion: toolVersion(),
      recordsRetrieved: 1,
      parameters: { vendorId: id, action },
      notes,
    }),
  };
}

export function addVendor(ctx: CoreContext, input: VendorFieldsInput, origin: VendorRow['origin'] = 'manual'): VendorView {
  const store = ctx.store();
  const typed = vendorFieldsSchema.parse(input);
  // The redaction does not depend on the id (numbers are never redacted): the row's fields are the item's.
  const fields = redactedEntry(entryItem(ctx, 0, 'added', origin, typed, {})).fields;
  const { id } = addVendorRow(
    store,
    { name: fields.name, origin, record: fields },
    (newId) => redactedEntry(entryItem(ctx, newId, 'added', origin, typed, {})).item,
  );
  return vendorView(vendorRowById(store, id)!, ctx.clock());
}

export function updateVendor(ctx: CoreContext, ref: string | number, patch: VendorPatch): VendorView {
  const store = ctx.store();
  const row = findVendor(store, ref);
  if (row.removed_at) throw new AppError('CONFLICT', `Vendor #${row.id} was removed on ${row.removed_at}; add it again instead.`);
  const before = vendorFieldsSchema.parse(JSON.parse(row.record));
  const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const typed = vendorFieldsSchema.parse({ ...before, ...given });
  // Compared after redaction: the stored fields are redacted, so retyping the same secret changes nothing.
  const fields = redactedEntry(entryItem(ctx, row.id, 'changed', row.origin, typed, {})).fields;
  const changed = Object.keys(given).filter(
    (k) => JSON.stringify(before[k as keyof VendorFields]) !== JSON.stringify(fields[k as keyof VendorFields]),
  );
  if (changed.length === 0) throw new AppError('BAD_INPUT', `Nothing to change: vendor "${row.name}" already has these values.`);
  const entry = redactedEntry(entryItem(ctx, row.id, 'changed', row.origin, typed, { changed: changed.sort() }));
  changeVendorRow(store, row.id, { name: entry.fields.name, record: entry.fields }, entry.item);
  return vendorView(vendorRowById(store, row.id)!, ctx.clock());
}

export function removeVendor(ctx: CoreContext, ref: string | number, reason: string): VendorView {
  const store = ctx.store();
  const row = findVendor(store, ref);
  if (row.removed_at) throw new AppError('CONFLICT', `Vendor #${row.id} was already removed on ${row.removed_at}.`);
  const fields = vendorFieldsSchema.parse(JSON.parse(row.record));
  removeVendorRow(store, row.id, redactedEntry(entryItem(ctx, row.id, 'removed', row.origin, fields, { reason })).item);
  return vendorView(vendorRowById(store, row.id)!, ctx.clock());
}

/** Suggestions from the sources, each marked when the register already has it. */
export function vendorSuggestions(store: EvidenceStore) {
  return suggestVendors(store, (name) => activeVendorRowByName(store, name) !== undefined);
}

/** Adds every suggestion not yet in the register (or only the named ones), as connector-seeded entries. */
export function seedVendors(ctx: CoreContext, names?: string[]): VendorView[] {
  const store = ctx.store();
  const wanted = names?.map((n) => n.toLowerCase());
  const suggestions = vendorSuggestions(store);
  if (wanted) {
    const unknown = wanted.filter((w) => !suggestions.some((s) => s.name.toLowerCase() === w));
    if (unknown.length) {
      throw new AppError('NOT_FOUND', `No source suggests ${unknown.join(', ')}. Suggested: ${suggestions.map((s) => s.name).join(', ') || 'none'}.`);
    }
  }
  return suggestions
    .filter((s) => !s.inRegister && (!wanted || wanted.includes(s.name.toLowerCase())))
    .map((s) => addVendor(ctx, { name: s.name, services: s.services, seededFrom: s.seededFrom }, 'connector'));
}
