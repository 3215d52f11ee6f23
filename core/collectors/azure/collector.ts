import type { TokenCredential } from '@azure/identity';
import { toErrorBody } from '../../util/errors';
import type { Collector, CollectorContext, KindOutcome } from '../../collector-runtime/types';
import { RequestTrace, type HttpDeps } from '../../http';
import { ArmClient } from './arm-client';
import { API_VERSIONS, AZURE_KINDS, azureConfigSchema, type AzureConfig, type AzureKind } from './config';
import { isAuthFailure } from './errors';
import { azRestLines, azureIpe } from './evidence';
import { collectMlRegistry } from './kinds/ml-registry';
import { collectRbac } from './kinds/rbac';
import { collectStorage } from './kinds/storage';
import type { KindCollector } from './kinds/types';
import { subscription } from './schemas';

const KIND_COLLECTORS: Record<AzureKind, KindCollector> = {
  'azure.rbac': collectRbac,
  'azure.storage.retention': collectStorage,
  'azure.ml.registry': collectMlRegistry,
};

/** Tests hand in a TokenCredential and fast HTTP deps; production uses DefaultAzureCredential and real timers. */
export interface AzureDeps {
  credential?: (config: AzureConfig) => TokenCredential;
  http?: Partial<HttpDeps>;
}

type Ctx = CollectorContext<AzureConfig>;

async function defaultCredential(config: AzureConfig): Promise<TokenCredential> {
  // Loaded on first use: @azure/identity is large and most commands never talk to Azure.
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential(config.tenantId ? { tenantId: config.tenantId } : {});
}

async function clientFor(ctx: Ctx, deps: AzureDeps): Promise<ArmClient> {
  const config = ctx.source.config;
  const credential = deps.credential ? deps.credential(config) : await defaultCredential(config);
  return new ArmClient({ config, credential, label: `azure source "${ctx.source.name}"`, signal: ctx.signal, deps: deps.http });
}

async function runKind(ctx: Ctx, client: ArmClient, kind: AzureKind): Promise<KindOutcome> {
  const config = ctx.source.config;
  const scope = { account: config.subscriptionId };
  const trace = new RequestTrace();
  const startedAt = ctx.now();
  try {
    const r = await KIND_COLLECTORS[kind]({
      config,
      client,
      trace,
      signal: ctx.signal,
      progress: (items) => ctx.progress({ kind, pages: trace.pages, items }),
      hooks: {
        onPage: (p) => ctx.progress({ kind, pages: trace.pages, items: p.records }),
        saveCursor: (c) => ctx.saveCursor(`${kind} ${c.what}`, c),
      },
    });
    const completeness = r.errors.length ? 'partial' : 'complete';
    const error = r.errors.length ? r.errors.join('; ') : null;
    const command = [...azRestLines(trace), '# follow each nextLink until an answer has none', ...r.azCommands.map((c) => `# equivalent: ${c}`)].join(
      '\n',
    );
    ctx.record([
      {
        kind,
        scope,
        content: r.content,
        ipe: azureIpe({
          kind,
          source: { type: 'azure', name: ctx.source.name },
          trace,
          parameters: r.parameters,
          recordsRetrieved: r.recordsRetrieved,
          command,
          completeness,
          error,
          provenance: 'api_snapshot',
          actor: ctx.actor,
          toolVersion: ctx.toolVersion,
          startedAt,
          finishedAt: ctx.now(),
          notes: r.notes,
        }),
      },
    ]);
    ctx.progress({ kind, pages: trace.pages, items: r.recordsRetrieved, done: true, message: completeness });
    return { kind, scope, completeness, items: 1, ...(error ? { error } : {}) };
  } catch (err) {
    // Nothing is recorded for a kind whose main listing failed (bad JSON, HTML, a nextLink loop, 403, 5xx after retries).
    const error = toErrorBody(err).message;
    ctx.progress({ kind, errors: 1, done: true, message: `failed: ${error}` });
    return Object.assign({ kind, scope, completeness: 'failed' as const, items: 0, error }, isAuthFailure(err) ? { authFailure: true } : {});
  }
}

export function createAzureCollector(deps: AzureDeps = {}): Collector<AzureConfig> {
  return {
    type: 'azure',
    description:
      'Azure: role assignments at every scope (with role definitions, orphans flagged), storage retention (lifecycle, soft delete, versioning, public containers, immutability, legal holds), Azure ML model registry.',
    configSchema: azureConfigSchema,
    secretFields: [],
    kinds: AZURE_KINDS,
    cliFlags: {
      subscription: {
        configKey: 'subscriptionId',
        description: 'subscription id (GUID); credentials come from DefaultAzureCredential (az login, environment, managed identity)',
      },
      tenant: { configKey: 'tenantId', description: 'tenant id, when the login spans several tenants' },
      endpoint: { configKey: 'endpoint', description: 'Azure Resource Manager URL (default https://management.azure.com)' },
      'graph-endpoint': {
        configKey: 'graphEndpoint',
        description: 'Microsoft Graph URL for the orphaned-principal check (default https://graph.microsoft.com)',
      },
      workspaces: { configKey: 'workspaces', description: 'Azure ML workspaces as resourceGroup/name, comma-separated (default: all)', list: true },
      registries: { configKey: 'registries', description: 'Azure ML registries as resourceGroup/name, comma-separated (default: all)', list: true },
    },
    async test(ctx) {
      const client = await clientFor(ctx, deps);
      const url = client.url(`/subscriptions/${ctx.source.config.subscriptionId}`, API_VERSIONS.subscriptions);
      const s = await client.get(url, subscription, new RequestTrace());
      return {
        ok: true,
        identity: null,
        serverVersion: null,
        detail: `subscription ${s.subscriptionId} "${s.displayName ?? ''}" (${s.state ?? 'state unknown'}) in tenant ${s.tenantId ?? 'unknown'}`,
      };
    },
    async collect(ctx, options) {
      const config = ctx.source.config;
      if (config.importOnly) {
        ctx.progress({ message: 'import-only source: nothing to collect live (use `import azure FILE`)' });
        return [];
      }
      const kinds = AZURE_KINDS.filter((k) => (!config.kinds || config.kinds.includes(k)) && (!options.kinds || options.kinds.includes(k)));
      if (kinds.length === 0) return [];
      const client = await clientFor(ctx, deps);
      // No token, no collection: the run fails once with AUTH_FAILED instead of once per kind.
      await client.token();
      const outcomes: KindOutcome[] = [];
      let authError: string | null = null;
      for (const kind of kinds) {
        if (authError) {
          outcomes.push({
            kind,
            scope: { account: config.subscriptionId },
            completeness: 'failed',
            items: 0,
            error: `skipped after the credential was rejected (${authError})`,
          });
          continue;
        }
        const outcome = await runKind(ctx, client, kind);
        if ('authFailure' in outcome) {
          authError = 'HTTP 401';
          delete (outcome as { authFailure?: boolean }).authFailure;
        }
        outcomes.push(outcome);
      }
      return outcomes;
    },
  };
}
