import { z } from 'zod';
import { spec } from './define';

const none = z.object({}).strict();
export const SOURCE_NAME = /^[A-Za-z0-9._-]{1,64}$/;
const sourceName = z.string().regex(SOURCE_NAME, 'use letters, digits, . _ - (max 64)');
/** Secret values typed into the app, by config field (e.g. passwordEnv); kept by the host, never in the store. */
const secretValues = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/), z.string().min(1).max(8192));

export interface CliFlagView {
  configKey: string;
  description: string;
  list?: boolean;
}

/** A source family as hosts see it: enough to build `source add` flags and the app's config form. */
export interface SourceTypeView {
  type: string;
  description: string;
  kinds: readonly string[];
  flags: Record<string, CliFlagView>;
  secretFields: readonly string[];
  /** JSON Schema of the config (generated from the family's zod schema) for generated forms. */
  configSchema: Record<string, unknown>;
}

export interface SourceView {
  id: number;
  type: string;
  name: string;
  config: Record<string, unknown>;
  createdAt: string;
  removedAt: string | null;
}

export interface SourceTestView {
  source: string;
  type: string;
  ok: boolean;
  serverVersion?: string | null;
  identity?: string | null;
  detail: string;
}

export interface KindOutcomeView {
  kind: string;
  scope?: Record<string, string | undefined>;
  completeness: 'complete' | 'partial' | 'failed';
  items: number;
  error?: string;
}

export interface SourceRunView {
  source: string;
  type: string;
  runId: number;
  status: 'complete' | 'partial' | 'failed';
  reason: string | null;
  /** Error code of a run that failed as a whole (UNREACHABLE, AUTH_FAILED, …). */
  code: string | null;
  outcomes: KindOutcomeView[];
}

export const sourceContract = {
  'source.types': spec<SourceTypeView[]>()('The source types this build can collect from, with their kinds, flags and config schema.', none),
  'source.add': spec<{ id: number; name: string; type: string; config: Record<string, unknown> }>()(
    'Add a source; its config holds no secrets, only the names of environment variables that do (or "@stored" for a secret typed into the app and kept outside the store).',
    z
      .object({
        type: z.string().min(1),
        name: sourceName,
        config: z.record(z.string(), z.unknown()),
        secrets: secretValues.optional(),
        test: z.boolean().default(false),
      })
      .strict(),
  ),
  'source.update': spec<{ id: number; name: string; type: string; config: Record<string, unknown> }>()(
    "Change a source's config (logged); secrets typed again replace the kept ones.",
    z
      .object({
        name: z.string().min(1),
        config: z.record(z.string(), z.unknown()),
        secrets: secretValues.optional(),
        test: z.boolean().default(false),
      })
      .strict(),
  ),
  'source.check': spec<SourceTestView>()(
    'Test a source config before saving it (nothing is stored): reach it, check the credentials, report version or identity.',
    z
      .object({
        type: z.string().min(1),
        name: sourceName.optional(),
        config: z.record(z.string(), z.unknown()),
        secrets: secretValues.optional(),
        /** Editing this saved source: secrets not typed again come from it. */
        existing: z.string().min(1).optional(),
      })
      .strict(),
  ),
  'source.list': spec<SourceView[]>()('Configured sources.', z.object({ includeRemoved: z.boolean().default(false) }).strict()),
  'source.remove': spec<{ id: number; name: string }>()(
    'Remove a source (logged); its evidence and history are kept.',
    z.object({ name: z.string().min(1) }).strict(),
  ),
  'source.test': spec<SourceTestView>()(
    'Reach the source, check the credentials, report the server version or identity.',
    z.object({ name: z.string().min(1) }).strict(),
  ),
  'collect.run': spec<SourceRunView[]>()(
    'Collect evidence from every source (or one); progress is reported live.',
    z.object({ source: z.string().min(1).optional(), kinds: z.array(z.string().min(1)).min(1).optional() }).strict(),
    { progress: true },
  ),
};
