import { diffSnapshots } from '../../diff/service';
import { diffKinds } from '../../diff/registry';
import type { changesContract } from '../contract/changes';
import type { Handlers } from './handler';

export const changesHandlers: Handlers<keyof typeof changesContract> = {
  'diff.run'(ctx, input) {
    return diffSnapshots(ctx.store(), input, ctx.actor);
  },
  'diff.kinds'() {
    return diffKinds();
  },
};
