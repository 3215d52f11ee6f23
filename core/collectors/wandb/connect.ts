import { AppError } from '../../util/errors';
import type { CollectorContext } from '../../collector-runtime/types';
import { WandbClient } from './client';
import type { WandbConfig } from './config';

type Ctx = CollectorContext<WandbConfig>;

export function sourceLabel(ctx: Ctx): string {
  return `wandb source "${ctx.source.name}"`;
}

/**
 * The API key, read through the context (never from process.env here): the runner then knows it as a secret and
 * scrubs it from every outcome, progress message and IPE error. A named variable that is unset is an environment
 * error before any request, not a 401.
 */
export function resolveApiKey(ctx: Ctx): string | null {
  const ref = ctx.source.config.apiKeyEnv;
  if (!ref) return null;
  const key = ctx.secret('apiKeyEnv');
  if (!key) throw new AppError('ENVIRONMENT', `${sourceLabel(ctx)}: environment variable ${ref} (apiKeyEnv) is not set.`);
  return key;
}

export function wandbClient(ctx: Ctx): WandbClient {
  return new WandbClient({ config: ctx.source.config, apiKey: resolveApiKey(ctx), label: sourceLabel(ctx), signal: ctx.signal });
}
