import { z } from 'zod';
import { AppError } from '../../util/errors';
import { runCollection } from '../../collector-runtime/runner';
import { noticeMissedRuns, whileCollecting } from '../../schedule/due';
import { addSource, changeSource, removeSource } from '../../store/store-writes';
import { getSource, listSources } from '../../store/store-reads';
import type { sourceContract } from '../contract/sources';
import type { Handlers } from './handler';
import { assertCanKeep, keepSecrets, mustPass, prepareConfig, requireKept, testConfig } from './source-config';

/** JSON Schema of a collector's config for generated forms; what JSON Schema cannot say (refinements) stays in zod. */
function configJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

export const sourceHandlers: Handlers<keyof typeof sourceContract> = {
  'source.types'(ctx) {
    return ctx.catalog.sourceTypes().map((type) => {
      const c = ctx.catalog.collector(type);
      return {
        type,
        description: c.description,
        kinds: c.kinds,
        flags: c.cliFlags,
        secretFields: c.secretFields,
        configSchema: configJsonSchema(c.configSchema),
      };
    });
  },
  async 'source.add'(ctx, input) {
    const collector = ctx.catalog.collector(input.type);
    const secrets = input.secrets ?? {};
    const config = prepareConfig(collector, input.type, input.config, secrets);
    const store = ctx.store();
    store.assertWritable();
    if (listSources(store).some((s) => s.name === input.name)) throw new AppError('CONFLICT', `A source named "${input.name}" already exists.`);
    assertCanKeep(ctx, secrets);
    if (input.test) await mustPass(ctx, collector, { name: input.name, type: input.type, config }, secrets);
    const id = addSource(store, input.type, input.name, config);
    try {
      keepSecrets(ctx, input.name, secrets);
    } catch (err) {
      removeSource(store, input.name); // a source whose secret could not be kept would only fail later
      throw err;
    }
    return { id, name: input.name, type: input.type, config };
  },
  async 'source.update'(ctx, input) {
    const store = ctx.store();
    const source = getSource(store, input.name);
    const collector = ctx.catalog.collector(source.type);
    const secrets = input.secrets ?? {};
    const config = prepareConfig(collector, source.type, input.config, secrets);
    requireKept(ctx, source.name, config, collector.secretFields, secrets);
    assertCanKeep(ctx, secrets);
    if (input.test) await mustPass(ctx, collector, { name: source.name, type: source.type, config }, secrets);
    keepSecrets(ctx, source.name, secrets);
    changeSource(store, source.id, config);
    return { id: source.id, name: source.name, type: source.type, config };
  },
  async 'source.check'(ctx, input) {
    const collector = ctx.catalog.collector(input.type);
    const secrets = input.secrets ?? {};
    const config = prepareConfig(collector, input.type, input.config, secrets);
    const name = input.existing ?? input.name ?? 'new source';
    if (input.existing) requireKept(ctx, input.existing, config, collector.secretFields, secrets);
    return testConfig(ctx, collector, { name, type: input.type, config }, secrets);
  },
  'source.list'(ctx, input) {
    return listSources(ctx.readStore(), input.includeRemoved);
  },
  'source.remove'(ctx, input) {
    return { id: removeSource(ctx.store(), input.name), name: input.name };
  },
  async 'source.test'(ctx, input) {
    const source = getSource(ctx.store(), input.name);
    const collector = ctx.catalog.collector(source.type);
    const config = collector.configSchema.parse(source.config) as Record<string, unknown>;
    return testConfig(ctx, collector, { name: source.name, type: source.type, config });
  },
  'collect.run'(ctx, input) {
    const store = ctx.store();
    // A collection is also when missed runs are noticed (issue 11): each recorded once, in the signed log; only
    // once the request is valid, so a refused one (a typo in --kind) leaves the log as it was.
    const beforeRuns = () => (store.readOnly || store.warning ? undefined : void noticeMissedRuns(store, ctx.clock()));
    return whileCollecting(store, () => runCollection(ctx, { ...input, beforeRuns }));
  },
};
