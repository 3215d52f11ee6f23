import { AppError } from '../util/errors';
import type { CoreContext } from '../context';
import { makeIpe, type Completeness, type NewItem } from '../evidence/ipe';
import { prepareItems, recordPreparedItems } from '../store/store-writes';
import { redactedItems } from '../redact';
import { toolVersion } from '../util/runtime';
import { compareKeys } from '../diff/compare';
import { readImportFile } from './import-file';
import { existingImportSource, importSource } from './import-source';
import { detectMlflowExport, type DetectedExport, type MlflowExport } from './mlflow-detect';
import { mapUser, modelsFromRegistered, modelsFromVersions, type rawModelSchema, type rawUserSchema, type rawVersionSchema } from './mlflow-map';
import type { z } from 'zod';

export interface MlflowImportRequest {
  file: string;
  source?: string;
  kind?: string;
  maxBytes?: number;
  evidenceFor?: string;
}

/** The URL an import-only source gets when the file does not name its server. */
export const IMPORTED_URL = 'https://imported.invalid';

const QUERY: Record<MlflowExport, string> = {
  'model-versions/search': 'model-versions/search?max_results=1000',
  'registered-models/search': 'registered-models/search?max_results=1000',
  'users/get': 'users/get?username=$U',
  'users/list': 'users/list',
};

/** The command the admin should have run; the password stays a variable, never a value. */
function adminCommand(endpoint: MlflowExport, file: string, responses: number): string {
  const curl = (query: string) => `curl -sf -u "$MLFLOW_USERNAME:$MLFLOW_PASSWORD" "$MLFLOW_TRACKING_URI/api/2.0/mlflow/${query}"`;
  if (endpoint === 'users/get') return `for U in <usernames>; do ${curl(QUERY[endpoint])}; done | jq -s . > ${file}`;
  if (responses === 1) return `${curl(QUERY[endpoint])} > ${file}`;
  // Several pages: each saved with the previous page's next_page_token (none for the first), then combined.
  const sep = QUERY[endpoint].includes('?') ? '&' : '?';
  return `${curl(`${QUERY[endpoint]}${sep}page_token=$NEXT`)} > page-N.json  # for each page; then: jq -s . page-*.json > ${file}`;
}

/** A server URL from the file itself when it carries one (a run link); MLflow responses rarely do. */
function serverFrom(d: DetectedExport): string | null {
  for (const r of d.records as { run_link?: string; latest_versions?: { run_link?: string }[] }[]) {
    for (const link of [r.run_link, ...(r.latest_versions ?? []).map((v) => v.run_link)]) {
      if (link && /^https?:\/\//.test(link)) return new URL(link).origin;
    }
  }
  return null;
}

function refuseDuplicates(keys: string[], what: string, file: string): void {
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k)) throw new AppError('BAD_INPUT', `${file} lists ${what} ${k} twice (the same page saved twice?); nothing was imported.`);
    seen.add(k);
  }
}

interface Mapped {
  body: Record<string, unknown>;
  count: number;
  notes: string[];
  /** Why the snapshot is known to be incomplete, if it is. */
  partial: string | null;
}

function accessContent(d: DetectedExport, file: string): Mapped {
  const raw = d.records as z.output<typeof rawUserSchema>[];
  const users = raw.map(mapUser);
  refuseDuplicates(
    users.map((u) => u.username),
    'user',
    file,
  );
  users.sort((a, b) => compareKeys(a.username, b.username));
  const notes = d.endpoint === 'users/get' ? ['Users were fetched one by one (users/get); the file may not hold every user on the server.'] : [];
  // MLflow 3.x keeps grants on roles and users/get leaves the lists out: unknown, not empty.
  const noGrants = raw.filter((u) => !u.experiment_permissions || !u.registered_model_permissions).map((u) => u.username);
  const partial = noGrants.length ? `the file lists no permissions for ${noGrants.join(', ')} (MLflow 3.x users/get omits role grants)` : null;
  // Same enumeration labels as the live collector, so imported and collected snapshots diff cleanly.
  return { body: { enumeration: d.endpoint === 'users/list' ? 'users/list' : 'derived', users }, count: users.length, notes, partial };
}

/** The item's content (without `server`, which depends on the source) and a record count; refuses duplicates. */
function contentOf(d: DetectedExport, file: string): Mapped {
  if (d.kind === 'mlflow.access') return accessContent(d, file);
  if (d.endpoint === 'registered-models/search') {
    const raw = d.records as z.output<typeof rawModelSchema>[];
    refuseDuplicates(
      raw.map((m) => m.name),
      'model',
      file,
    );
    const models = modelsFromRegistered(raw);
    return {
      body: { models },
      count: models.length,
      notes: [],
      partial: 'registered-models/search returns only the latest version per stage; import model-versions/search for every version',
    };
  }
  const raw = d.records as z.output<typeof rawVersionSchema>[];
  refuseDuplicates(
    raw.map((v) => `${v.name} v${v.version}`),
    'model',
    file,
  );
  return {
    body: { models: modelsFromVersions(raw) },
    count: raw.length,
    notes: ['model-versions/search carries no model-level tags or descriptions.'],
    partial: null,
  };
}

/** `import mlflow FILE`: one item of the detected kind, labelled admin_export, under an mlflow source. */
export function importMlflowFile(ctx: CoreContext, req: MlflowImportRequest) {
  const file = readImportFile(req.file, req.maxBytes);
  const detected = detectMlflowExport(file.json, file.name, req.kind);
  const store = ctx.store();
  store.assertWritable();
  const sourceName = req.source ?? 'imported-mlflow';
  const { body, count, notes, partial } = contentOf(detected, file.name);
  // `.invalid` never resolves (RFC 6761) yet is a URL the mlflow config schema accepts.
  const newSourceUrl = serverFrom(detected) ?? IMPORTED_URL;
  // Looked up, not created: nothing is written before the item is canonicalised and hashed (below).
  const existing = existingImportSource(store, 'mlflow', sourceName);
  // Reusing a live source's URL as scope lets imported and collected snapshots of one server be diffed.
  const scopeServer = existing ? (typeof existing.config.url === 'string' ? existing.config.url : IMPORTED_URL) : newSourceUrl;
  const reasons = [detected.morePages ? 'the file ends with a next_page_token: later pages were not saved' : null, partial].filter((r) => r !== null);
  const completeness: Completeness = reasons.length ? 'partial' : 'complete';
  const ipe = makeIpe({
    source: { type: 'mlflow', name: sourceName },
    endpoints: [`GET /api/2.0/mlflow/${detected.endpoint}`],
    apiVersion: '2.0',
    serverVersion: null,
    parameters: { export: detected.endpoint, responses: detected.responses },
    pages: detected.responses,
    recordsRetrieved: count,
    apiTotal: null,
    requestIds: [],
    serverDates: [],
    actor: ctx.actor,
    toolVersion: toolVersion(),
    command: adminCommand(detected.endpoint, file.name, detected.responses),
    completeness,
    error: reasons.length ? reasons.join('; ') : null,
    provenance: 'admin_export',
    notes: [`Imported from ${file.name}, a file an administrator saved; Evidence Locker did not query the server itself.`, ...notes],
    importedFile: { name: file.name, sha256: file.sha256, bytes: file.bytes },
  });
  const item: NewItem = {
    kind: detected.kind,
    scope: { server: scopeServer },
    content: { server: scopeServer, ...body },
    ipe,
    evidenceFor: req.evidenceFor,
  };
  const prepared = prepareItems(redactedItems([item])); // secrets out before hashing (core/redact)
  const source = importSource(store, 'mlflow', sourceName, { url: newSourceUrl });
  const [recorded] = recordPreparedItems(store, { runId: null, sourceId: source.id }, prepared);
  store.checkpoint();
  return {
    source: source.name,
    kind: detected.kind,
    export: detected.endpoint,
    records: count,
    completeness,
    seq: recorded!.seq,
    contentSha256: recorded!.contentSha256,
    file: ipe.importedFile,
  };
}
