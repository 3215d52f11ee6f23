import type { z } from 'zod';
import { bundleContract } from './bundles';
import { changesContract } from './changes';
import { evidenceContract } from './evidence';
import type { ProcedureSpec } from './define';
import { sourceContract } from './sources';
import { storeContract } from './store';
import { reviewContract } from './reviews';
import { vendorContract } from './vendors';
import { manualContract } from './manual';
import { periodContract } from './periods';
import { scheduleContract } from './schedules';
import { readinessContract } from './readiness';

/**
 * The one contract every host speaks (CLI in-process, Electron IPC, web-mode HTTP): procedure name → zod input
 * schema → result type. It imports no handler, store, SDK or pdfkit, so the renderer and preload can import it.
 * Names are `domain.verb`, lower camel case.
 */
export const contract = {
  ...storeContract,
  ...sourceContract,
  ...changesContract,
  ...bundleContract,
  ...evidenceContract,
  ...reviewContract,
  ...vendorContract,
  ...manualContract,
  ...periodContract,
  ...scheduleContract,
  ...readinessContract,
};

export type Contract = typeof contract;
export type ProcedureName = keyof Contract;
/** What a caller passes (defaults may be omitted). */
export type ProcedureInput<N extends ProcedureName> = z.input<Contract[N]['input']>;
/** What a handler receives (defaults filled in, validated). */
export type ParsedInput<N extends ProcedureName> = z.output<Contract[N]['input']>;
export type ProcedureOutput<N extends ProcedureName> = Contract[N] extends ProcedureSpec<z.ZodType, infer O> ? O : never;

export function isProcedureName(name: string): name is ProcedureName {
  return Object.hasOwn(contract, name);
}

export { spec, type ProcedureSpec, type ErrorBody, type ErrorCode, type Envelope, type ProgressEvent } from './define';
export type * from './store';
export type * from './sources';
export type * from './changes';
export type * from './bundles';
export type * from './evidence';
export type * from './reviews';
export type * from './vendors';
export type * from './manual';
export { REPORT_TYPES, REPORT_LABELS, DPA_STATUSES, TRAINING_USES } from './vendors';
export { MANUAL_EXPIRY_WINDOW_DAYS } from './manual';
export type * from './periods';
export type * from './schedules';
export type * from './readiness';
export { CADENCES } from './schedules';
export { TIMELINE_KINDS } from './readiness';
export { PERIOD_NAME } from './periods';
export { itemFilter } from './evidence';
export * from './host';
