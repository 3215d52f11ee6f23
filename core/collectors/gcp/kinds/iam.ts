import { canonicalPolicy, policySchema, policySummary } from '../canonical/policy';
import type { KindCollector } from './types';

/** The policy version that carries conditions; asking for less makes Google drop conditional bindings' meaning. */
export const REQUESTED_POLICY_VERSION = 3;

/** gcp.iam content, shared by live collection and `import gcp` so both hash alike. */
export function iamContent(project: string, raw: Parameters<typeof canonicalPolicy>[0], asOf: string) {
  const policy = canonicalPolicy(raw, asOf);
  return { project, asOf, ...policy, summary: policySummary(policy) };
}

/**
 * gcp.iam: `POST v3/projects/{project}:getIamPolicy {"options":{"requestedPolicyVersion":3}}`
 * (cloudresourcemanager v3 discovery: projects.getIamPolicy, request GetIamPolicyRequest{options: GetPolicyOptions}).
 */
export const collectProjectIam: KindCollector = async (run) => {
  const project = run.config.project;
  const body = { options: { requestedPolicyVersion: REQUESTED_POLICY_VERSION } };
  const url = `${run.endpoints.resourceManager}/v3/projects/${encodeURIComponent(project)}:getIamPolicy`;
  const raw = await run.client.json('POST', url, policySchema, run.trace, body);
  const content = iamContent(project, raw, run.asOf);
  run.progress(content.bindings.length);
  const notes =
    raw.version !== undefined && raw.version < REQUESTED_POLICY_VERSION && raw.bindings.some((b) => b.condition)
      ? [`Google answered policy version ${raw.version} although version 3 was requested; conditions may be incomplete.`]
      : [];
  return {
    content,
    parameters: { requestedPolicyVersion: REQUESTED_POLICY_VERSION },
    recordsRetrieved: content.bindings.length,
    commands: [`gcloud projects get-iam-policy ${project} --format=json`],
    errors: [],
    notes: [...notes, `Conditions are judged as of ${run.asOf}: a time-boxed grant whose end has passed is "expired", not active access.`],
  };
};
