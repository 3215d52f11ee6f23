import { AppError } from '../util/errors';
import type { CredentialStore } from '../sign/credential-store';

/**
 * A secret config field (e.g. `passwordEnv`) holds either the name of an environment variable, or this marker: the
 * app keeps the secret itself, in its CredentialStore under `credentialName(source, field)`.
 */
export const STORED_SECRET = '@stored';
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function credentialName(source: string, field: string): string {
  return `source-${source}-${field}`;
}

/** The secret behind one field: typed now (`override`), kept by the app, or read from the named variable. */
export function resolveSecret(opts: {
  source: string;
  config: Record<string, unknown>;
  field: string;
  env: NodeJS.ProcessEnv;
  credentials: CredentialStore;
  override?: string;
}): string | undefined {
  if (opts.override !== undefined) return opts.override;
  const ref = opts.config[opts.field];
  if (ref === STORED_SECRET) {
    const value = opts.credentials.get(credentialName(opts.source, opts.field));
    if (value === undefined) {
      throw new AppError(
        'ENVIRONMENT',
        `The ${opts.field.replace(/Env$/, '')} for source "${opts.source}" was entered in the app but is not available here (${opts.credentials.description}). Enter it again on Sources, or use an environment variable (e.g. for the command line).`,
      );
    }
    return value;
  }
  return typeof ref === 'string' && ref !== '' ? opts.env[ref] : undefined;
}

/** Refuses a config whose secret fields hold anything but a variable name or the stored marker. */
export function checkSecretRefs(config: Record<string, unknown>, secretFields: readonly string[]): void {
  for (const field of secretFields) {
    const v = config[field];
    if (v !== undefined && v !== STORED_SECRET && (typeof v !== 'string' || !ENV_NAME.test(v))) {
      // A value that is not a variable name may be the secret itself: refuse it without echoing it.
      throw new AppError('BAD_INPUT', `${field} must name an environment variable (e.g. MLFLOW_PASSWORD), not hold a secret.`);
    }
  }
}
