import type { Differ } from '../types';
import { auditConfigChanges, policyChanges } from './policy-changes';

/** gcp.iam: members added/removed, movers (roles changed), condition edits, lapsed grants, audit-log settings. */
export const gcpIamDiffer: Differ = (before, after) => [...policyChanges('', before, after), ...auditConfigChanges(before, after)];
