import { z } from 'zod';
import { toErrorBody } from '../../util/errors';
import { scrubError } from '../../util/scrub';
import type { Collector, CollectorContext, KindOutcome } from '../../collector-runtime/types';
import type { Scope } from '../../evidence/ipe';
import { RequestTrace } from '../../http';
import { gcpToken, type GcpToken } from './auth';
import { GcpClient, gcpEndpoints, isAuthError } from './client';
import { GCP_KINDS, gcpCliFlags, gcpConfigSchema, type GcpConfig, type GcpKind } from './config';
import { gcloudCommand, gcpIpe } from './ipe';
import { collectProjectIam } from './kinds/iam';
import { collectStorage } from './kinds/storage';
import type { KindCollector } from './kinds/types';
import { collectVertex } from './kinds/vertex';

const KIND_COLLECTORS: Record<GcpKind, KindCollector> = {
  'gcp.iam': collectProjectIam,
  'gcp.storage.retention': collectStorage,
  'gcp.vertex.registry': collectVertex,
};

type Ctx = CollectorContext<GcpConfig>;
interface Unit {
  kind: GcpKind;
  region: string | null;
}
const label = (ctx: Ctx) => `gcp source "${ctx.source.name}"`;
const clean = (text: string) => scrubError(text, [], 600);

/** IAM and storage once per project; Vertex once per configured region. */
function plan(config: GcpConfig, requested?: string[]): Unit[] {
  const wanted = GCP_KINDS.filter((k) => (!config.kinds || config.kinds.includes(k)) && (!requested || requested.includes(k)));
  return wanted.flatMap((kind): Unit[] =>
    kind === 'gcp.vertex.registry' ? config.regions.map((region) => ({ kind, region })) : [{ kind, region: null }],
  );
}

async function runKind(ctx: Ctx, token: GcpToken, unit: Unit): Promise<KindOutcome & { authFailure?: boolean }> {
  const config = ctx.source.config;
  const scope: Scope = { project: config.project, ...(unit.region ? { region: unit.region } : {}) };
  const where = { kind: unit.kind, ...(unit.region ? { region: unit.region } : {}) };
  const trace = new RequestTrace();
  const startedAt = ctx.now();
  const client = new GcpClient({ config, token, label: label(ctx), signal: ctx.signal });
  try {
    const r = await KIND_COLLECTORS[unit.kind]({
      config,
      region: unit.region,
      client,
      endpoints: gcpEndpoints(config, ctx.env),
      trace,
      asOf: startedAt,
      progress: (items) => ctx.progress({ ...where, pages: trace.pages, items }),
      saveCursor: (cursor) => ctx.saveCursor(unit.region ? `${unit.kind}@${unit.region}` : unit.kind, cursor),
    });
    const completeness = r.errors.length ? 'partial' : 'complete';
    const error = r.errors.length ? clean(r.errors.join('; ')) : null;
    const ipe = gcpIpe({
      kind: unit.kind,
      source: { type: 'gcp', name: ctx.source.name },
      trace,
      parameters: r.parameters,
      recordsRetrieved: r.recordsRetrieved,
      command: gcloudCommand(unit.kind, r.commands, config),
      completeness,
      error,
      provenance: 'api_snapshot',
      actor: ctx.actor,
      toolVersion: ctx.toolVersion,
      startedAt,
      finishedAt: ctx.now(),
      notes: [`Credential: ${token.credential}.`, ...(r.notes ?? [])],
    });
    ctx.record([{ kind: unit.kind, scope, content: r.content, ipe }]);
    ctx.progress({ ...where, pages: trace.pages, items: r.recordsRetrieved, errors: r.errors.length, done: true, message: completeness });
    return { kind: unit.kind, scope, completeness, items: 1, ...(error ? { error } : {}) };
  } catch (err) {
    // Nothing of a failed kind is recorded: a bad answer on any page fails the whole kind.
    const error = clean(toErrorBody(err).message);
    ctx.progress({ ...where, errors: 1, done: true, message: `failed: ${error}` });
    return { kind: unit.kind, scope, completeness: 'failed', items: 0, error, ...(isAuthError(err) ? { authFailure: true } : {}) };
  }
}

export const gcpCollector: Collector<GcpConfig> = {
  type: 'gcp',
  description: 'Google Cloud: project IAM policy (v3, conditions, audit configs), Cloud Storage retention and bucket IAM, Vertex AI model registry.',
  configSchema: gcpConfigSchema,
  secretFields: [],
  kinds: GCP_KINDS,
  cliFlags: gcpCliFlags,
  async test(ctx) {
    const config = ctx.source.config;
    const token = await gcpToken(config, ctx.env, label(ctx));
    const client = new GcpClient({ config, token, label: label(ctx), signal: ctx.signal });
    // cloudresourcemanager v3 projects.get → Project{name: "projects/<number>", projectId, state, displayName}.
    const url = `${gcpEndpoints(config, ctx.env).resourceManager}/v3/projects/${encodeURIComponent(config.project)}`;
    const schema = z.object({ name: z.string(), projectId: z.string().optional(), state: z.string().optional(), displayName: z.string().optional() });
    const p = await client.json('GET', url, schema, new RequestTrace());
    return {
      ok: true,
      identity: token.credential,
      serverVersion: null,
      detail: `project ${p.projectId ?? config.project} (${p.name}, ${p.state ?? 'state unknown'}) as ${token.credential}`,
    };
  },
  async collect(ctx, options) {
    const config = ctx.source.config;
    if (config.importOnly) {
      ctx.progress({ message: 'import-only source: nothing to collect live (use `import gcp FILE`)' });
      return [];
    }
    const units = plan(config, options.kinds);
    let token: GcpToken;
    try {
      token = await gcpToken(config, ctx.env, label(ctx));
    } catch (err) {
      const error = clean(toErrorBody(err).message);
      return units.map((u) => ({
        kind: u.kind,
        ...(u.region ? { scope: { project: config.project, region: u.region } } : {}),
        completeness: 'failed' as const,
        items: 0,
        error,
      }));
    }
    const outcomes: KindOutcome[] = [];
    let authError: string | null = null;
    for (const unit of units) {
      // A refused credential fails every later call too: say so once instead of asking Google again per kind.
      if (authError) {
        outcomes.push({ kind: unit.kind, completeness: 'failed', items: 0, error: `skipped after a credential failure: ${authError}` });
        continue;
      }
      const { authFailure, ...outcome } = await runKind(ctx, token, unit);
      if (authFailure) authError = outcome.error ?? 'credential failure';
      outcomes.push(outcome);
    }
    return outcomes;
  },
};
