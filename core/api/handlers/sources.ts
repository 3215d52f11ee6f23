import { z } from 'zod';
import { AppError, formatZodError } from '../../util/errors';
import { collectorContext, runCollection } from '../../collect/runner';
import { addSource, removeSource } from '../../store/store-writes';
import { getSource, listSources } from '../../store/store-reads';
import type { sourceContract } from '../contract/sources';
import type { Handlers } from './handler';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** JSON Schema of a collector's config for generated forms; what JSON Schema cannot say (refinements) stays in zod. */
function configJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

export const sourceHandlers: Handlers<keyof typeof sourceContract> = {
  'source.types'(ctx) {
    return ctx.catalog.sourceTypes().map((type) => {
      const c = ctx.catalog.collector(type);
      return { type, description: c.description, kinds: c.kinds, flags: c.cliFlags, secretFields: c.secretFields, configSchema: configJsonSchema(c.configSchema) };
    });
  },
  'source.add'(ctx, input) {
    const collector = ctx.catalog.collector(input.type);
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
  'source.list'(ctx, input) {
    return listSources(ctx.store(), input.includeRemoved);
  },
  'source.remove'(ctx, input) {
    return { id: removeSource(ctx.store(), input.name), name: input.name };
  },
  async 'source.test'(ctx, input) {
    const store = ctx.store();
    const source = getSource(store, input.name);
    if (source.config.importOnly === true) {
      throw new AppError('BAD_INPUT', `Source "${source.name}" holds imported files only; there is no server to test.`);
    }
    const collector = ctx.catalog.collector(source.type);
    const config = collector.configSchema.parse(source.config) as Record<string, unknown>;
    return { source: source.name, type: source.type, ...(await collector.test(collectorContext(ctx, store, { ...source, config }, null))) };
  },
  'collect.run'(ctx, input) {
    return runCollection(ctx, input);
  },
};
