import { toErrorBody } from '../../util/errors';
import type { Collector, SourceTestResult } from '../../collector-runtime/types';
import { HttpError, RequestTrace } from '../../http';
import { collectMlflow, MLFLOW_KINDS } from './collect';
import { MLFLOW_SECRET_FIELDS, mlflowCliFlags, mlflowConfigSchema, type MlflowConfig } from './config';
import { mlflowClient } from './connect';
import { modelsPage, userGet } from './schemas';

export const mlflowCollector: Collector<MlflowConfig> = {
  type: 'mlflow',
  description: 'MLflow tracking server (OSS 2.x/3.x basic-auth or Databricks token): registry, access, lineage, retention',
  configSchema: mlflowConfigSchema as unknown as Collector<MlflowConfig>['configSchema'],
  secretFields: MLFLOW_SECRET_FIELDS,
  kinds: MLFLOW_KINDS,
  cliFlags: mlflowCliFlags,

  /** Reaches the server, proves the credentials (GET /version needs them on an auth server), names the version. */
  async test(ctx): Promise<SourceTestResult> {
    const trace = new RequestTrace();
    try {
      const client = mlflowClient(ctx);
      const version = await client.version(trace);
      // /version is open on servers without auth: a read of the registry proves the credentials are accepted.
      await client.get('2.0/mlflow/registered-models/search', { max_results: 1 }, modelsPage, trace);
      const user = ctx.source.config.username;
      let identity: string | null = user ?? (ctx.source.config.tokenEnv ? 'bearer token' : null);
      if (user) {
        try {
          const u = await client.get('2.0/mlflow/users/get', { username: user }, userGet, trace);
          identity = `${u.user.username}${u.user.is_admin ? ' (admin)' : ' (not admin: access evidence will be limited)'}`;
        } catch (err) {
          if (!(err instanceof HttpError)) throw err; // no auth app, or not allowed to read itself: identity stays the name
        }
      }
      return {
        ok: true,
        serverVersion: version,
        identity,
        detail: `MLflow ${version} at ${ctx.source.config.url}${identity ? `, signed in as ${identity}` : ''}`,
      };
    } catch (err) {
      return { ok: false, serverVersion: null, identity: null, detail: toErrorBody(err).message };
    }
  },

  collect(ctx, options) {
    return collectMlflow(ctx, options.kinds ?? MLFLOW_KINDS);
  },
};
