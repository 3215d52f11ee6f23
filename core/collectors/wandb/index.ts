import { toErrorBody } from '../../util/errors';
import type { Collector, SourceTestResult } from '../../collector-runtime/types';
import { RequestTrace } from '../../http';
import { collectWandb, WANDB_KINDS } from './collect';
import { WANDB_SECRET_FIELDS, wandbCliFlags, wandbConfigSchema, type WandbConfig } from './config';
import { wandbClient } from './connect';
import { GET_VIEWER } from './queries-access';
import { viewerData } from './schemas';

export const wandbCollector: Collector<WandbConfig> = {
  type: 'wandb',
  description:
    'Weights & Biases (multi-tenant, Dedicated or self-managed): team and registry access, registry versions and aliases, artifact TTL, audit logs',
  configSchema: wandbConfigSchema as unknown as Collector<WandbConfig>['configSchema'],
  secretFields: WANDB_SECRET_FIELDS,
  kinds: WANDB_KINDS,
  cliFlags: wandbCliFlags,

  /** Proves the key (viewer answers only with a valid one) and names who it belongs to. */
  async test(ctx): Promise<SourceTestResult> {
    try {
      const client = wandbClient(ctx);
      const v = (await client.graphql(GET_VIEWER, {}, viewerData, new RequestTrace())).viewer;
      if (!v)
        return {
          ok: false,
          serverVersion: null,
          identity: null,
          detail: `${client.label}: the key was accepted but viewer is null (a key of no user?)`,
        };
      const identity = `${v.username ?? v.email ?? v.id}${v.admin ? ' (instance admin)' : ''}`;
      const teams = (v.teams?.edges ?? []).map((e) => e.node.name);
      return {
        ok: true,
        serverVersion: null,
        identity,
        detail: `W&B at ${client.base}, signed in as ${identity}; teams: ${teams.join(', ') || 'none'}`,
      };
    } catch (err) {
      return { ok: false, serverVersion: null, identity: null, detail: toErrorBody(err).message };
    }
  },

  collect(ctx, options) {
    return collectWandb(ctx, options.kinds ?? WANDB_KINDS);
  },
};
