import { toErrorBody } from '../../../util/errors';
import { API_VERSIONS } from '../config';
import { armIdParts } from '../canonical/common';
import { canonicalMl, mlModel, type MlHost } from '../canonical/ml';
import { isAuthFailure } from '../errors';
import { mlResource, modelContainer, modelVersion } from '../schemas';
import { checkAborted, type KindCollector, type KindRun } from './types';

const PROVIDER = 'Microsoft.MachineLearningServices';
/** The default view (ActiveOnly) hides archived models and versions; archiving is exactly what we must see. */
const ALL = { listViewType: 'All' };

interface HostRef {
  type: 'workspace' | 'registry';
  resourceGroup: string;
  name: string;
}

/** The configured `rg/name` list, or every workspace (registry) in the subscription. */
async function hosts(run: KindRun, type: HostRef['type']): Promise<HostRef[]> {
  const configured = type === 'workspace' ? run.config.workspaces : run.config.registries;
  if (configured) return configured.map((s) => ({ type, resourceGroup: s.split('/')[0]!, name: s.split('/')[1]! }));
  const url = run.client.url(
    `/subscriptions/${run.config.subscriptionId}/providers/${PROVIDER}/${type === 'workspace' ? 'workspaces' : 'registries'}`,
    API_VERSIONS.machineLearning,
  );
  const list = await run.client.list(`${type === 'workspace' ? 'workspaces' : 'registries'}`, url, mlResource, run.trace, run.hooks);
  return list.map((r) => ({ type, resourceGroup: armIdParts(r.id).resourceGroup ?? '', name: r.name }));
}

async function hostModels(run: KindRun, h: HostRef): Promise<MlHost> {
  const base = `/subscriptions/${run.config.subscriptionId}/resourceGroups/${h.resourceGroup}/providers/${PROVIDER}/${h.type === 'workspace' ? 'workspaces' : 'registries'}/${h.name}/models`;
  const what = `${h.type} ${h.name}`;
  try {
    const containers = await run.client.list(`models of ${what}`, run.client.url(base, API_VERSIONS.machineLearning, ALL), modelContainer, run.trace);
    const models = [];
    for (const m of containers) {
      checkAborted(run.signal);
      const url = run.client.url(`${base}/${encodeURIComponent(m.name)}/versions`, API_VERSIONS.machineLearning, ALL);
      models.push(mlModel(m, await run.client.list(`versions of ${m.name} in ${what}`, url, modelVersion, run.trace)));
    }
    return { ...h, error: null, models };
  } catch (err) {
    if (isAuthFailure(err)) throw err;
    // One workspace we may not read does not hide the others: recorded, and the item is partial.
    return { ...h, error: toErrorBody(err).message, models: [] };
  }
}

/** azure.ml.registry: models and versions (stage, archived, systemData who/when) in every workspace and registry. */
export const collectMlRegistry: KindCollector = async (run) => {
  const refs = [...(await hosts(run, 'workspace')), ...(await hosts(run, 'registry'))];
  const out: MlHost[] = [];
  for (const h of refs) {
    out.push(await hostModels(run, h));
    run.progress(out.reduce((n, x) => n + x.models.reduce((k, m) => k + m.versions.length, 0), 0));
  }
  const content = canonicalMl(run.config.subscriptionId, out);
  const versions = content.hosts.reduce((n, x) => n + x.models.reduce((k, m) => k + m.versions.length, 0), 0);
  return {
    content,
    parameters: {
      listViewType: 'All',
      workspaces: run.config.workspaces ?? 'all in subscription',
      registries: run.config.registries ?? 'all in subscription',
    },
    recordsRetrieved: versions,
    azCommands: ['# az ml model list -g <rg> -w <workspace> -o json shows active models only; the az rest requests above include archived ones'],
    errors: content.hosts.filter((h) => h.error).map((h) => `${h.type} ${h.name}: ${h.error}`),
    notes: ['Models and versions were listed with listViewType=All, so archived ones are included and flagged.'],
  };
};
