// The one HTTP layer for every REST source (MLflow, W&B, GCP, Azure).
export { requestJson, requestText, defaultDeps, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from './request-json';
export { paginate, type PageResult, type Paginated, type PaginateOptions } from './paginate';
export { RequestTrace, traceIpeFields } from './trace';
export { HttpError } from './errors';
export { parseRetryAfter, backoffMs, DEFAULT_RETRY } from './retry';
export type { HttpDeps, HttpResult, RequestJsonOptions, RetryPolicy } from './types';
