import { z } from 'zod';
import { spec } from './define';
import { vendorFieldsSchema, vendorPatchSchema, type VendorSuggestion, type VendorView } from '../../vendors/record';

export type { VendorView, VendorSuggestion, DueFlag, DueFlagKind, VendorFields, VendorReport } from '../../vendors/record';
export { REPORT_TYPES, REPORT_LABELS, DPA_STATUSES, TRAINING_USES } from '../../vendors/record';

/** A vendor by id (a number, or `12` / `#12` as text) or by its name. */
const vendorRef = z.union([z.number().int().positive(), z.string().trim().min(1).max(120)]);

export interface VendorDueView {
  asOf: string;
  windowDays: number;
  /** Vendors with at least one flag, most urgent first. */
  vendors: VendorView[];
  counts: { overdue: number; soon: number };
}

export const vendorContract = {
  'vendor.list': spec<{ vendors: VendorView[]; suggestions: VendorSuggestion[] }>()(
    'The AI vendor register with what is due for each vendor, and the vendors the configured sources suggest.',
    z.object({ includeRemoved: z.boolean().default(false) }).strict(),
  ),
  'vendor.add': spec<VendorView>()('Add a vendor to the register (logged as a vendor.entry item).', vendorFieldsSchema.omit({ seededFrom: true })),
  'vendor.seed': spec<VendorView[]>()(
    'Add the vendors the configured sources suggest (all not yet in the register, or the named ones).',
    z.object({ names: z.array(z.string().min(1)).optional() }).strict(),
  ),
  'vendor.update': spec<VendorView>()(
    'Change a vendor: only the fields given; every change is a new log entry.',
    z.object({ vendor: vendorRef, changes: vendorPatchSchema.omit({ seededFrom: true }) }).strict(),
  ),
  'vendor.remove': spec<VendorView>()(
    'Remove a vendor from the register: a new log entry with the reason; its history stays.',
    z.object({ vendor: vendorRef, reason: z.string().trim().min(1, 'say why the vendor is removed').max(1000) }).strict(),
  ),
  'vendor.due': spec<VendorDueView>()(
    'Vendors with a report expired or expiring within the window, a review overdue or due, or personal data without a DPA.',
    z.object({ windowDays: z.number().int().min(0).max(365).default(30) }).strict(),
  ),
};
