import { z } from 'zod';
import { AppError, formatZodError } from '../util/errors';
import { rawModelSchema, rawUserSchema, rawVersionSchema } from './mlflow-map';

/** Which admin export a file holds, by its top-level key (one response, or a JSON array of them from `jq -s`). */
export const MLFLOW_EXPORTS = {
  'model-versions/search': { key: 'model_versions', kind: 'mlflow.registry', schema: z.array(rawVersionSchema) },
  'registered-models/search': { key: 'registered_models', kind: 'mlflow.registry', schema: z.array(rawModelSchema) },
  'users/get': { key: 'user', kind: 'mlflow.access', schema: rawUserSchema.transform((u) => [u]) },
  'users/list': { key: 'users', kind: 'mlflow.access', schema: z.array(rawUserSchema) },
} as const;
export type MlflowExport = keyof typeof MLFLOW_EXPORTS;

export interface DetectedExport {
  endpoint: MlflowExport;
  kind: string;
  /** The records of every response in the file, in file order. */
  records: unknown[];
  responses: number;
  /** The last response still had a `next_page_token`: the admin saved only some pages. */
  morePages: boolean;
}

const EXPECTED =
  'a saved MLflow response with "model_versions" (model-versions/search), "registered_models" (registered-models/search), "user" (users/get) or "users" (users/list) at the top, or a JSON array of such responses';

function endpointOf(response: unknown, name: string, kindHint?: string): MlflowExport {
  if (typeof response !== 'object' || response === null || Array.isArray(response)) throw new AppError('BAD_INPUT', `${name} is not ${EXPECTED}.`);
  const keys = Object.keys(response);
  const found = (Object.keys(MLFLOW_EXPORTS) as MlflowExport[]).filter((e) => keys.includes(MLFLOW_EXPORTS[e].key));
  if (found.length === 1) return found[0]!;
  // MLflow omits empty lists: an empty search answers `{}` (or just a page token). Only the caller can say which.
  if (found.length === 0 && keys.every((k) => k === 'next_page_token') && kindHint === 'mlflow.registry') return 'model-versions/search';
  const seen =
    keys
      .slice(0, 8)
      .map((k) => `"${k}"`)
      .join(', ') || 'no keys';
  throw new AppError(
    'BAD_INPUT',
    `${name} is not ${EXPECTED}; its top-level keys are ${seen}.${keys.length === 0 ? ' An empty registry answers {}: pass --kind mlflow.registry to import it.' : ''}`,
  );
}

export function detectMlflowExport(json: unknown, name: string, kindHint?: string): DetectedExport {
  const responses = Array.isArray(json) ? json : [json];
  if (responses.length === 0) throw new AppError('BAD_INPUT', `${name} is an empty array, not ${EXPECTED}.`);
  const endpoints = new Set(responses.map((r) => endpointOf(r, name, kindHint)));
  if (endpoints.size > 1)
    throw new AppError('BAD_INPUT', `${name} mixes responses of ${[...endpoints].join(' and ')}; import each kind from its own file.`);
  const endpoint = [...endpoints][0]!;
  const spec = MLFLOW_EXPORTS[endpoint];
  if (kindHint && kindHint !== spec.kind) throw new AppError('BAD_INPUT', `${name} holds ${endpoint} (${spec.kind}), not ${kindHint}.`);
  const records: unknown[] = [];
  responses.forEach((response, i) => {
    const value = (response as Record<string, unknown>)[spec.key] ?? [];
    const parsed = spec.schema.safeParse(value);
    if (!parsed.success) {
      const where = responses.length > 1 ? `response ${i + 1} of ${name}` : name;
      throw new AppError('BAD_INPUT', `${where} does not match ${endpoint}: ${formatZodError(parsed.error)}`);
    }
    records.push(...parsed.data);
  });
  const last = responses.at(-1) as { next_page_token?: unknown };
  return {
    endpoint,
    kind: spec.kind,
    records,
    responses: responses.length,
    morePages: typeof last.next_page_token === 'string' && last.next_page_token !== '',
  };
}
