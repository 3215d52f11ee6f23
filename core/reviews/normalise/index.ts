import type { AccessPrincipal } from '../types';
import { awsCredentialPrincipals, awsIamPrincipals } from './aws';
import { azurePrincipals } from './azure';
import { gcpPrincipals } from './gcp';
import { mlflowPrincipals } from './mlflow';
import { isObj, type Obj } from './util';
import { wandbPrincipals } from './wandb';

/** One normaliser per access kind: snapshot content → principals. The kinds a review can be started from. */
const NORMALISERS: Record<string, (content: Obj) => AccessPrincipal[]> = {
  'aws.iam': awsIamPrincipals,
  'aws.credential-report': awsCredentialPrincipals,
  'mlflow.access': mlflowPrincipals,
  'wandb.access': wandbPrincipals,
  'gcp.iam': gcpPrincipals,
  'azure.rbac': azurePrincipals,
};

export const REVIEWABLE_KINDS = Object.keys(NORMALISERS);

export function principalsOf(kind: string, content: unknown): AccessPrincipal[] {
  const normalise = NORMALISERS[kind];
  if (!normalise || !isObj(content)) return [];
  return normalise(content);
}
