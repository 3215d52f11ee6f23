import type { CoreContext } from '../../context';
import type { Collector } from '../../collector-runtime/types';
import { checkSecretRefs, credentialName, STORED_SECRET } from '../../collector-runtime/credentials';
import { collectorContext } from '../../collector-runtime/runner';
import { AppError, formatZodError, toErrorBody } from '../../util/errors';
import type { SourceTestView } from '../contract/sources';

/**
 * A config as the user typed it, made storable: each secret typed into the app is replaced by the stored-secret
 * marker (the value goes to the CredentialStore, never to the store), then the collector's schema checks it.
 */
export function prepareConfig(
  collector: Collector<unknown>,
  type: string,
  raw: Record<string, unknown>,
  secrets: Record<string, string> = {},
): Record<string, unknown> {
  const withRefs = { ...raw };
  for (const field of Object.keys(secrets)) {
    if (!collector.secretFields.includes(field)) {
      throw new AppError(
        'BAD_INPUT',
        `${field} is not a secret field of ${type} sources (secret fields: ${collector.secretFields.join(', ') || 'none'}).`,
      );
    }
    withRefs[field] = STORED_SECRET;
  }
  const parsed = collector.configSchema.safeParse(withRefs);
  if (!parsed.success) throw new AppError('BAD_INPUT', `Invalid ${type} source config: ${formatZodError(parsed.error)}`);
  const config = parsed.data as Record<string, unknown>;
  checkSecretRefs(config, collector.secretFields);
  return config;
}

/** Kept secrets a config refers to but the caller did not type again must already exist for that source. */
export function requireKept(
  ctx: CoreContext,
  source: string,
  config: Record<string, unknown>,
  fields: readonly string[],
  typed: Record<string, string>,
): void {
  for (const f of fields) {
    if (config[f] === STORED_SECRET && typed[f] === undefined && ctx.credentials.get(credentialName(source, f)) === undefined) {
      throw new AppError('BAD_INPUT', `Enter the ${f.replace(/Env$/, '')} for "${source}": none is kept for it yet.`);
    }
  }
}

/** Runs the collector's connection test on a config that may not be saved yet; secrets typed now are used in memory. */
export async function testConfig(
  ctx: CoreContext,
  collector: Collector<unknown>,
  source: { name: string; type: string; config: Record<string, unknown> },
  secrets: Record<string, string> = {},
): Promise<SourceTestView> {
  if (source.config.importOnly === true)
    throw new AppError('BAD_INPUT', `Source "${source.name}" holds imported files only; there is no server to test.`);
  const view = { id: 0, name: source.name, type: source.type, config: source.config, createdAt: '', removedAt: null };
  const cctx = collectorContext(ctx, ctx.store(), view, null, { secrets });
  const result = await collector.test(cctx);
  // A failed test's detail quotes the server; it reaches the terminal and the app without the secrets just used.
  return { source: source.name, type: source.type, ...result, detail: cctx.scrub(result.detail) };
}

/** For add/update with `test`: a failed test stores nothing and says why, naming the source. */
export async function mustPass(
  ctx: CoreContext,
  collector: Collector<unknown>,
  source: { name: string; type: string; config: Record<string, unknown> },
  secrets: Record<string, string>,
): Promise<void> {
  let result: SourceTestView;
  try {
    result = await testConfig(ctx, collector, source, secrets);
  } catch (err) {
    const body = toErrorBody(err);
    throw new AppError(body.code, `Not saved: ${body.message}`);
  }
  if (!result.ok) throw new AppError('BAD_INPUT', `Not saved: the connection test for "${source.name}" failed: ${result.detail}`);
}

export function keepSecrets(ctx: CoreContext, source: string, secrets: Record<string, string>): void {
  for (const [field, value] of Object.entries(secrets)) ctx.credentials.put(credentialName(source, field), value);
}

export function assertCanKeep(ctx: CoreContext, secrets: Record<string, string>): void {
  if (Object.keys(secrets).length > 0 && !ctx.credentials.available) {
    throw new AppError(
      'ENVIRONMENT',
      `Not saved: this app cannot keep secrets here (${ctx.credentials.description}). Use an environment variable instead.`,
    );
  }
}
