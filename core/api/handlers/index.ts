import { bundleHandlers } from './bundles';
import { changesHandlers } from './changes';
import { evidenceHandlers } from './evidence';
import type { Handlers } from './handler';
import { sourceHandlers } from './sources';
import { storeHandlers } from './store';
import { reviewHandlers } from './reviews';
import { periodHandlers } from './periods';
import { scheduleHandlers } from './schedules';
import { readinessHandlers } from './readiness';

/** Every procedure of the contract, implemented; the type fails to compile when one is missing. */
export const handlers: Handlers = {
  ...storeHandlers,
  ...sourceHandlers,
  ...changesHandlers,
  ...bundleHandlers,
  ...evidenceHandlers,
  ...reviewHandlers,
  ...periodHandlers,
  ...scheduleHandlers,
  ...readinessHandlers,
};
