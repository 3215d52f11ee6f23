import type { Command } from '../command';
import { diffCommands } from './diff';
import { exportCommands } from './export';
import { importCommands } from './import';
import { itemCommands } from './items';
import { sourceCommands } from './sources';
import { storeCommands } from './store';
import { periodCommands } from './periods';
import { reviewCommands } from './reviews';
import { vendorCommands } from './vendors';
import { manualCommands } from './manual';

/** Every verb; later issues append theirs (source, collect, diff, import, export, verify). */
export const commands: Command[] = [
  ...storeCommands,
  ...sourceCommands,
  ...itemCommands,
  ...diffCommands,
  ...importCommands,
  ...exportCommands,
  ...periodCommands,
  ...reviewCommands,
  ...vendorCommands,
  ...manualCommands,
];
