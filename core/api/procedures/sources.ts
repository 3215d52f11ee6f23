import { z } from 'zod';
import { procedure } from '../procedure';
import { AppError, formatZodError } from '../../util/errors';
import { collectorTypes, getCollector } from '../../collect/registry';
import { collectorContext, runCollection } from '../../collect/runner';
import { addSource, removeSource } from '../../store/store-writes';
import { getSource, listSources } from '../../store/store-reads';
import '../../collectors';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const sourceProcedures = {
  'source.types': procedure({
    summary: 'The source types this build can collect from, with their kinds and flags.',
    input: z.object({}).strict(),
    handler() {
      return collectorTypes().map((t) => {
        const c = getCollector(t);
        return { type: t, description: c.description, kinds: c.kinds, flags: c.cliFlags, secretFields: c.secretFields };
      });
    },
  }),
  'source.add': procedure({
    summary: 'Add a source; its config holds no secrets, only the names of environment variables that do.',
    input: z.object({ type: z.string().min(1), name: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'use letters, digits, . _ - (max 64)'), config: z.record(z.string(), z.unknown()) }).strict(),
    handler(ctx, input) {
      const collector = getCollector(input.type);
      const parsed = collector.configSchema.safeParse(input.config);
      if (!parsed.success) throw new AppError('BAD_INPUT', `Invalid ${input.type} source config: ${formatZodError(parsed.error)}`);
      const config = parsed.data as Record<string, unknown>;
      for (const field of collector.secretFields) {
        const v = config[field];
        if (v !== undefined && (typeof v !== 'string' || !ENV_NAME.test(v))) {
          // A value that is not a variable name may be the secret itself: refuse it without echoing it.
          throw new AppError('BAD_INPUT', `${field} must name an environment variable (e.g. MLFLOW_PASSWORD), not hold a secret.`);
        }
      }
      const id = addSource(ctx.store(), input.type, input.name, config);
      return { id, name: input.name, type: input.type, config };
    },
  }),
  'source.list': procedure({
    summary: 'Configured sources.',
    input: z.object({ includeRemoved: z.boolean().default(false) }).strict(),
    handler(ctx, input) {
      return listSources(ctx.store(), input.includeRemoved);
    },
  }),
  'source.remove': procedure({
    summary: 'Remove a source (logged); its evidence and history are kept.',
    input: z.object({ name: z.string().min(1) }).strict(),
    handler(ctx, input) {
      return { id: removeSource(ctx.store(), input.name), name: input.name };
    },
  }),
  'source.test': procedure({
    summary: 'Reach the source, check the credentials, report the server version or identity.',
    input: z.object({ name: z.string().min(1) }).strict(),
    async handler(ctx, input) {
      const store = ctx.store();
      const source = getSource(store, input.name);
      if (source.config.importOnly === true) {
        throw new AppError('BAD_INPUT', `Source "${source.name}" holds imported files only; there is no server to test.`);
      }
      const collector = getCollector(source.type);
      const config = collector.configSchema.parse(source.config) as Record<string, unknown>;
      return { source: source.name, type: source.type, ...(await collector.test(collectorContext(ctx, store, { ...source, config }, null))) };
    },
  }),
  collect: procedure({
    summary: 'Collect evidence from every source (or one); progress is reported live.',
    input: z.object({ source: z.string().optional(), kinds: z.array(z.string()).optional() }).strict(),
    handler(ctx, input) {
      return runCollection(ctx, input);
    },
  }),
};
