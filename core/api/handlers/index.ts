import { bundleHandlers } from './bundles';
import { changesHandlers } from './changes';
import { evidenceHandlers } from './evidence';
import type { Handlers } from './handler';
import { sourceHandlers } from './sources';
import { storeHandlers } from './store';
import { periodHandlers } from './periods';
import { scheduleHandlers } from './schedules';
import { readinessHandlers } from './readiness';
import { reviewHandlers } from './reviews';
import { vendorHandlers } from './vendors';
import { manualHandlers } from './manual';

/** Every procedure of the contract, implemented; the type fails to compile when one is missing. */
export const handlers: Handlers = {
  ...storeHandlers,
  ...sourceHandlers,
  ...changesHandlers,
  ...bundleHandlers,
  ...evidenceHandlers,
  ...periodHandlers,
  ...scheduleHandlers,
  ...readinessHandlers,
  ...reviewHandlers,
  ...vendorHandlers,
  ...manualHandlers,
};
