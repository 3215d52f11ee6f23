import { diffSnapshots } from '../../diff/service';
import type { changesContract } from '../contract/changes';
import type { Handlers } from './handler';

export const changesHandlers: Handlers<keyof typeof changesContract> = {
  'diff.run'(ctx, input) {
    return diffSnapshots(ctx.store(), input, ctx.actor, ctx.catalog.differ);
  },
  'diff.kinds'(ctx) {
    return ctx.catalog.diffKinds();
  },
};
