import { AppError, toErrorBody } from '../../util/errors';
import type { CollectorContext, KindOutcome } from '../../collector-runtime/types';
import { RequestTrace } from '../../http';
import { buildAccess } from './access';
import { auditContent, auditGap, auditRequest, parseAuditJsonl } from './audit-log';
import type { WandbClient } from './client';
import { commandsFrom } from './commands';
import { baseUrl, isMultiTenant, type WandbConfig } from './config';
import { wandbClient } from './connect';
import { buildItem, keyVariable, type KindEvidence } from './evidence';
import { WandbListings } from './listings';
import { buildRetention } from './retention';

export const WANDB_KINDS = ['wandb.access', 'wandb.registry', 'wandb.retention', 'wandb.audit-log'] as const;
type Ctx = CollectorContext<WandbConfig>;
type Produced = Pick<KindEvidence, 'content' | 'trace' | 'parameters' | 'recordsRetrieved' | 'notes'> & { gaps?: string[] };

const DAY_MS = 86_400_000;

function producers(ctx: Ctx, client: WandbClient, listings: WandbListings): Record<string, (kind: string) => Promise<Produced>> {
  const config = ctx.source.config;
  const host = baseUrl(config);
  return {
    async 'wandb.access'(kind) {
      const trace = new RequestTrace();
      const a = await buildAccess({
        client,
        teams: config.teams,
        organization: async () => {
          const o = await listings.organization();
          trace.merge(o.trace);
          return o.value;
        },
        registries: async () => {
          const r = await listings.registries(kind);
          trace.merge(r.trace);
          return r.value;
        },
        trace,
      });
      return {
        content: a.content,
        trace,
        parameters: { teams: config.teams, pageSize: client.pageSize },
        recordsRetrieved: a.records,
        notes: a.notes,
        gaps: a.gaps,
      };
    },
    async 'wandb.registry'(kind) {
      const t = await listings.registryTree(kind);
      const org = await listings.organization();
      const versions = t.value.reduce((n, r) => n + r.collections.reduce((m, c) => m + c.versions.length, 0), 0);
      const notes = ['W&B keeps no alias history: alias moves are visible only as differences between these snapshots.'];
      return {
        content: { host, organization: org.value, registries: t.value },
        trace: t.trace,
        parameters: { teams: config.teams, pageSize: client.pageSize },
        recordsRetrieved: versions,
        notes,
      };
    },
    async 'wandb.retention'(kind) {
      const t = await listings.registryTree(kind);
      const content = buildRetention(host, config.teamTtlDefault, t.value);
      const notes = [
        config.teamTtlDefault
          ? `teamTtlDefault is attested: the user typed "${config.teamTtlDefault}" from the W&B UI; no API serves it.`
          : 'No team default TTL was attested (set --team-ttl-default from the W&B UI); teamTtlDefault.value is null.',
        "TTL cannot be set on artifacts linked into a registry; the TTL shown is the source artifact's.",
      ];
      return {
        content,
        trace: t.trace,
        parameters: { teamTtlDefault: config.teamTtlDefault ?? null, pageSize: client.pageSize },
        recordsRetrieved: content.versions.length,
        notes,
      };
    },
    async 'wandb.audit-log'() {
      const trace = new RequestTrace();
      const multi = isMultiTenant(host, config.multiTenant);
      const days = Math.min(config.auditLogDays ?? 7, multi ? 7 : 365);
      const req = auditRequest(multi, days, config.auditAnonymize);
      const to = ctx.now();
      const from = new Date(Date.parse(to) - days * DAY_MS).toISOString();
      const body = await client.getText(req.path, req.params, trace);
      const lines = parseAuditJsonl(body.text, `${client.label}: GET ${req.path}`);
      const content = auditContent(host, multi ? 'multi-tenant' : 'dedicated-or-self-managed', { from, to, days, source: 'request' }, lines);
      const gap = auditGap(ctx.latest('wandb.audit-log'), from, multi);
      if (gap) content.gapBefore = gap;
      const gapNote = gap
        ? [
            `GAP: ${gap.hours} h between item #${gap.previousItem}'s window and this one (${gap.from} to ${gap.to}) are covered by no snapshot${gap.recoverable ? '; they can still be fetched from the instance' : ' and can no longer be fetched from W&B'}.`,
          ]
        : [];
      const notes = multi
        ? [
            'Multi-tenant cloud serves 7 days of audit log at most: collect at least weekly; a longer gap between two collections is lost for good and is shown by `diff --kind wandb.audit-log`.',
          ]
        : ['Dedicated and self-managed instances also sync audit logs to the instance bucket every 10 minutes.'];
      return { content, trace, parameters: { ...req.params, path: req.path }, recordsRetrieved: lines.length, notes: [...gapNote, ...notes] };
    },
  };
}

/** Collects each requested kind; one failing (403, GraphQL errors, a cursor loop, HTML) never stops the others. */
export async function collectWandb(ctx: Ctx, kinds: readonly string[] = WANDB_KINDS): Promise<KindOutcome[]> {
  const unknown = kinds.filter((k) => !(WANDB_KINDS as readonly string[]).includes(k));
  if (unknown.length) throw new AppError('BAD_INPUT', `Unknown wandb kind(s): ${unknown.join(', ')}. Kinds: ${WANDB_KINDS.join(', ')}.`);
  const client = wandbClient(ctx);
  const listings = new WandbListings(client, ctx);
  const make = producers(ctx, client, listings);
  const server = client.base;
  const outcomes: KindOutcome[] = [];
  const wanted = WANDB_KINDS.filter((k) => kinds.includes(k) && (k !== 'wandb.audit-log' || ctx.source.config.auditLogs));
  for (const kind of wanted) {
    const startedAt = ctx.now();
    try {
      const p = await make[kind]!(kind);
      const gaps = p.gaps ?? [];
      const completeness = gaps.length ? 'partial' : 'complete';
      const error = gaps.length ? gaps.join('; ') : null;
      const commands = commandsFrom(p.trace, server, keyVariable(ctx.source.config));
      ctx.record([buildItem(ctx, { ...p, kind, startedAt, completeness, error, commands })]);
      ctx.progress({ kind, pages: p.trace.pages, items: p.recordsRetrieved, done: true, message: completeness });
      outcomes.push({ kind, scope: { server }, completeness, items: 1, ...(error ? { error } : {}) });
    } catch (err) {
      const message = toErrorBody(err).message;
      ctx.progress({ kind, errors: 1, done: true, message: `failed: ${message}` });
      outcomes.push({ kind, scope: { server }, completeness: 'failed', items: 0, error: message });
    }
  }
  return outcomes;
}
