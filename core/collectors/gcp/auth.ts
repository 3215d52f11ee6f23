import { GoogleAuth, type AuthClient } from 'google-auth-library';
import { DEFAULT_TIMEOUT_MS } from '../../http';
import { AppError } from '../../util/errors';
import { scrubError } from '../../util/scrub';
import type { GcpConfig } from './config';

/**
 * `cloud-platform`, not `cloud-platform.read-only`: storage.buckets.getIamPolicy accepts only cloud-platform or
 * devstorage.full_control (storage v1 discovery document, method scopes). A scope only caps what the token may
 * do; what the principal can read is decided by its IAM roles (read-only roles in docs/gcp.md).
 */
const SCOPES = ['https://www.googleapis.com/auth/cloud-platform'];
/** google-auth-library sends the JWT-bearer exchange of a service-account key here, whatever the key's token_uri says. */
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

export interface GcpToken {
  /** Only ever placed in an Authorization header; never returned, logged or stored. */
  bearer(): Promise<string>;
  /** Names the credential in messages: "service account sa@p.iam.gserviceaccount.com (key file /k.json)". */
  credential: string;
}

function describe(client: AuthClient, keyFile: string | undefined): string {
  const c = client as AuthClient & { email?: string; audience?: string };
  const file = keyFile ? ` (key file ${keyFile})` : ' (application default credentials)';
  const name = client.constructor.name;
  if (c.email) return `service account ${c.email}${file}`;
  if (/External|IdentityPool|Aws|Pluggable/i.test(name)) return `external account${c.audience ? ` for ${c.audience}` : ''}${file}`;
  if (/Compute/i.test(name)) return 'the metadata server service account (application default credentials)';
  if (/UserRefresh/i.test(name)) return `user credentials${file}`;
  return `${name}${file}`;
}

/** Error text from google-auth-library/gaxios: scrubbed (it may quote a token endpoint's answer), never the key. */
function authFailure(label: string, credential: string, err: unknown, timeoutMs: number): AppError {
  const e = err as {
    code?: string;
    name?: string;
    message?: string;
    cause?: { code?: string; name?: string };
    response?: { status?: number; data?: { error?: string; error_description?: string } };
  };
  if (e?.code === 'ENOENT') return new AppError('ENVIRONMENT', `${label}: cannot read ${credential}: no such file.`);
  // Not a rejected credential: the token endpoint could not be reached or did not answer in time.
  const names = [e?.name, e?.code, e?.cause?.name, e?.cause?.code];
  if (names.some((n) => n === 'AbortError' || n === 'TimeoutError') || /operation was aborted/i.test(e?.message ?? ''))
    return new AppError(
      'UNREACHABLE',
      `${label}: the token endpoint did not answer within ${timeoutMs} ms (getting an access token for ${credential})`,
    );
  const net = names.find((n) => n && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|UND_ERR_SOCKET)$/.test(n));
  if (net) return new AppError('UNREACHABLE', `${label}: could not reach the token endpoint (${net}) to get an access token for ${credential}`);
  const data = e?.response?.data;
  const detail = data?.error ? `${data.error}${data.error_description ? `: ${data.error_description}` : ''}` : (e?.message ?? String(err));
  const status = e?.response?.status ? ` (token endpoint answered HTTP ${e.response.status})` : '';
  return new AppError('AUTH_FAILED', `${label}: could not get an access token for ${credential}${status}: ${scrubError(detail, [], 240)}`);
}

/** The key file (config, else GOOGLE_APPLICATION_CREDENTIALS from the run's environment), else ADC's other sources. */
export function keyFileOf(config: GcpConfig, env: NodeJS.ProcessEnv): string | undefined {
  return config.keyFile ?? (env.GOOGLE_APPLICATION_CREDENTIALS || undefined);
}

export async function gcpToken(config: GcpConfig, env: NodeJS.ProcessEnv, label: string): Promise<GcpToken> {
  const keyFile = keyFileOf(config, env);
  const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const auth = new GoogleAuth({ keyFilename: keyFile, scopes: SCOPES });
  let client: AuthClient;
  try {
    client = await auth.getClient();
  } catch (err) {
    throw authFailure(label, keyFile ? `key file ${keyFile}` : 'application default credentials', err, timeout);
  }
  // gaxios (under google-auth-library) has no timeout by default: a token endpoint that accepts and never answers
  // held the collection forever. Token calls get the same per-request timeout as every other GCP call.
  client.transporter.defaults = { ...client.transporter.defaults, timeout };
  if (config.tokenEndpoint) {
    const target = config.tokenEndpoint;
    // Private Service Connect (and tests) reach the OAuth endpoint under another name; only that URL is rewritten.
    client.transporter.interceptors.request.add({
      resolved: async (opts) => {
        if (String(opts.url) === GOOGLE_TOKEN_URL) opts.url = new URL(target);
        return opts;
      },
    });
  }
  const credential = describe(client, keyFile);
  return {
    credential,
    async bearer() {
      try {
        const { token } = await client.getAccessToken();
        if (!token) throw new Error('the credential produced no access token');
        return token;
      } catch (err) {
        throw authFailure(label, credential, err, timeout);
      }
    },
  };
}
