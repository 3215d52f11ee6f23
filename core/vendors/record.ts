import { z } from 'zod';
import { parseDay } from '../util/day';

/**
 * One entry of the AI vendor register (criteria.md §2, CC9.2): a model-API provider or ML platform treated as a
 * subservice organisation. Pure zod (no Node): the contract and the renderer share it with the core.
 */
/** The criteria the register supports (criteria.md §2): CC9.2 always; these only for vendors sent personal data. */
export const VENDOR_CRITERION = 'CC9.2';
export const PERSONAL_DATA_VENDOR_CRITERIA: readonly string[] = ['C1.1', 'P6.1', 'P6.4', 'P6.5'];

export const REPORT_TYPES = ['soc2-type2', 'soc2-type1', 'iso27001', 'iso42001'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];
export const REPORT_LABELS: Record<ReportType, string> = {
  'soc2-type2': 'SOC 2 Type 2',
  'soc2-type1': 'SOC 2 Type 1',
  iso27001: 'ISO/IEC 27001',
  iso42001: 'ISO/IEC 42001',
};

export const DPA_STATUSES = ['signed', 'not-signed', 'not-needed', 'unknown'] as const;
/** Whether the vendor may train its models on what we send (the DPA or terms of service say). */
export const TRAINING_USES = ['not-used', 'opt-out', 'used', 'unknown'] as const;

const day = z.string().superRefine((text, ctx) => {
  const d = parseDay(text);
  if (!d.ok) ctx.addIssue({ code: 'custom', message: d.reason });
});
const text = (max: number) => z.string().trim().max(max);

export const vendorReportSchema = z
  .object({
    type: z.enum(REPORT_TYPES),
    /** The day the report or certificate was issued. */
    issuedOn: day.nullable().default(null),
    /** The day it stops being current (SOC 2: about 12 months after its period end; ISO: certificate expiry). */
    expiresOn: day,
  })
  .strict()
  .refine((r) => r.issuedOn === null || r.issuedOn <= r.expiresOn, { message: 'a report cannot expire before it was issued', path: ['expiresOn'] });
export type VendorReport = z.infer<typeof vendorReportSchema>;

/** What the connectors saw that suggested this vendor (null for entries typed in by hand). */
export const seededFromSchema = z
  .object({ sources: z.array(z.string()), sourceTypes: z.array(z.string()), kinds: z.array(z.string()) })
  .strict()
  .nullable();

/** The editable fields; every one has a default so `vendor add --name X` is enough to start an entry. */
export const vendorFieldsSchema = z
  .object({
    name: text(120).min(1, 'a vendor needs a name'),
    services: z.array(text(120).min(1)).max(40).default([]),
    dataSent: text(2000).default(''),
    personalData: z.boolean().default(false),
    dpa: z.enum(DPA_STATUSES).default('unknown'),
    dpaSignedOn: day.nullable().default(null),
    trainingUse: z.enum(TRAINING_USES).default('unknown'),
    trainingTerms: text(2000).default(''),
    reports: z.array(vendorReportSchema).max(20).default([]),
    lastReviewedOn: day.nullable().default(null),
    /** Review cadence; annual by default (criteria.md: "due diligence at onboarding and periodically"). */
    reviewEveryDays: z.number().int().min(1).max(1095).default(365),
    owner: text(200).default(''),
    notes: text(4000).default(''),
    seededFrom: seededFromSchema.default(null),
  })
  .strict();
export type VendorFields = z.infer<typeof vendorFieldsSchema>;
export type VendorFieldsInput = z.input<typeof vendorFieldsSchema>;

/**
 * A change: only the fields given (reports replace the whole list when given). Built without the defaults: zod 4
 * fills a default even inside .partial(), which would reset every field the change does not name.
 */
const withoutDefault = (t: z.ZodType): z.ZodType => (t instanceof z.ZodDefault ? (t.unwrap() as z.ZodType) : t);
export const vendorPatchSchema = z
  .object({
    ...Object.fromEntries(Object.entries(vendorFieldsSchema.shape).map(([k, t]) => [k, withoutDefault(t).optional()])),
  } as { [K in keyof typeof vendorFieldsSchema.shape]: z.ZodOptional<z.ZodType<VendorFields[K], z.input<(typeof vendorFieldsSchema.shape)[K]>>> })
  .strict();
export type VendorPatch = z.infer<typeof vendorPatchSchema>;

export type DueFlagKind = 'report_expired' | 'report_expiring' | 'review_overdue' | 'review_due' | 'dpa_missing';

export interface DueFlag {
  kind: DueFlagKind;
  /** Overdue / expired flags need action now; the others are coming up within the window. */
  severity: 'overdue' | 'soon';
  /** The day it falls or fell due, null for "never reviewed" and "no DPA". */
  dueOn: string | null;
  /** Days until dueOn (negative = days overdue), null when there is no day. */
  days: number | null;
  message: string;
}

export interface VendorView {
  id: number;
  origin: 'connector' | 'manual';
  fields: VendorFields;
  createdAt: string;
  updatedAt: string;
  removedAt: string | null;
  /** The vendor.entry evidence item of the latest change (its log entry is the signed record). */
  itemSeq: number;
  flags: DueFlag[];
}

export interface VendorSuggestion {
  name: string;
  services: string[];
  seededFrom: NonNullable<z.infer<typeof seededFromSchema>>;
  /** Already in the register (by name, case-insensitive). */
  inRegister: boolean;
}
