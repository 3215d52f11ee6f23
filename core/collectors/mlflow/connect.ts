import { AppError } from '../../util/errors';
import type { CollectorContext } from '../../collector-runtime/types';
import { MlflowClient, type MlflowAuth } from './client';
import type { MlflowConfig } from './config';

type Ctx = CollectorContext<MlflowConfig>;

export function sourceLabel(ctx: Ctx): string {
  return `mlflow source "${ctx.source.name}"`;
}

/** Reads the secret the config names; a named variable that is unset is an environment error, not a 401. */
export function resolveAuth(ctx: Ctx): MlflowAuth {
  const c = ctx.source.config;
  const need = (field: 'passwordEnv' | 'tokenEnv'): string => {
    const value = ctx.secret(field);
    if (!value) throw new AppError('ENVIRONMENT', `${sourceLabel(ctx)}: environment variable ${c[field]} (${field}) is not set.`);
    return value;
  };
  if (c.tokenEnv) return { kind: 'bearer', token: need('tokenEnv') };
  if (c.username && c.passwordEnv) return { kind: 'basic', username: c.username, password: need('passwordEnv') };
  return { kind: 'none' };
}

export function mlflowClient(ctx: Ctx): MlflowClient {
  return new MlflowClient({ config: ctx.source.config, auth: resolveAuth(ctx), label: sourceLabel(ctx), signal: ctx.signal });
}
