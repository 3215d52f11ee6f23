import { AppError } from '../../../util/errors';
import { accountFromGaad, canonicalGaad, isGaadPage } from '../canonical/gaad';
import { parseJson, readGuarded } from './file-guard';
import type { ParsedImport } from './types';

export const GAAD_COMMAND = 'aws iam get-account-authorization-details --output json > gaad.json';

/**
 * `aws iam get-account-authorization-details` output (CLI: merged, documents decoded) or SDK output (one page
 * object or an array of pages, documents URL-encoded). Both give the live collector's canonical content.
 */
export function parseGaadFile(path: string): ParsedImport {
  const { text, file } = readGuarded(path, 'GAAD file');
  const json = parseJson(text, path, 'the JSON output of `aws iam get-account-authorization-details`');
  const pages = Array.isArray(json) ? json : [json];
  if (pages.length === 0 || !pages.every(isGaadPage)) {
    throw new AppError(
      'BAD_INPUT',
      `${file.name} is not GetAccountAuthorizationDetails output: expected an object with UserDetailList, GroupDetailList, RoleDetailList and Policies arrays (produce it with \`${GAAD_COMMAND}\`).`,
    );
  }
  const content = canonicalGaad(pages);
  const { account, partition } = accountFromGaad(content);
  const truncated =
    pages.some((p) => (p as { IsTruncated?: boolean }).IsTruncated === true) &&
    !pages.some((p) => (p as { IsTruncated?: boolean }).IsTruncated === false);
  return {
    kind: 'aws.iam',
    scope: { ...(account ? { account } : {}), ...(partition ? { partition } : {}) },
    content,
    importedFile: file,
    command: GAAD_COMMAND,
    recordsRetrieved: content.users.length + content.groups.length + content.roles.length + content.policies.length,
    errors: truncated ? ['the file holds a truncated page (IsTruncated=true) and not the following pages'] : [],
    notes: account ? [] : ['No ARN in the file: account id unknown.'],
  };
}
