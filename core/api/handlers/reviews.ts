import { closeReview, decide, importReviewCsv, listReviews, reviewableSnapshots, reviewCsv, reviewView, startReview } from '../../reviews';
import type { reviewContract } from '../contract/reviews';
import type { Handlers } from './handler';

export const reviewHandlers: Handlers<keyof typeof reviewContract> = {
  'review.snapshots'(ctx, input) {
    return reviewableSnapshots(ctx.readStore(), input.source, input.limit);
  },
  'review.start'(ctx, input) {
    const store = ctx.store();
    const id = startReview(store, input, ctx.actor);
    return reviewView(store, id, ctx.clock());
  },
  'review.list'(ctx) {
    return listReviews(ctx.readStore());
  },
  'review.show'(ctx, input) {
    return reviewView(ctx.readStore(), input.review, ctx.clock());
  },
  'review.decide'(ctx, input) {
    return decide(ctx.store(), input.review, input, ctx.actor);
  },
  'review.close'(ctx, input) {
    const store = ctx.store();
    closeReview(store, input.review, input.reviewer || ctx.actor.osUser);
    return reviewView(store, input.review, ctx.clock());
  },
  'review.exportCsv'(ctx, input) {
    return reviewCsv(ctx.readStore(), input.review);
  },
  'review.importCsv'(ctx, input) {
    return importReviewCsv(ctx.store(), input.review, input.file, ctx.actor, input.reviewer);
  },
};
