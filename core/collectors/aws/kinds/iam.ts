import { GetAccountAuthorizationDetailsCommand } from '@aws-sdk/client-iam';
import { canonicalGaad, mergeCanonicalGaad, type CanonicalGaad } from '../canonical/gaad';
import { PageTokens, checkAborted, type KindCollector } from './types';

export const GAAD_PAGE_SIZE = 1000; // the API maximum

/** aws.iam: every page of GetAccountAuthorizationDetails, policy documents decoded. */
export const collectIam: KindCollector = async (run) => {
  // Each page is normalized as it arrives and the raw SDK page dropped, so only one raw page is held at a time.
  const parts: CanonicalGaad[] = [];
  let marker: string | undefined;
  let records = 0;
  const tokens = new PageTokens('GetAccountAuthorizationDetails');
  do {
    checkAborted(run.signal);
    const page = await run.clients.iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: GAAD_PAGE_SIZE, Marker: marker }));
    run.page();
    records +=
      (page.UserDetailList?.length ?? 0) + (page.GroupDetailList?.length ?? 0) + (page.RoleDetailList?.length ?? 0) + (page.Policies?.length ?? 0);
    marker = tokens.next(page.IsTruncated ? page.Marker : undefined);
    parts.push(canonicalGaad([page]));
    run.saveCursor({ marker: marker ?? null });
    run.progress(parts.length, records);
  } while (marker);
  const content = mergeCanonicalGaad(parts);
  return {
    content,
    parameters: { MaxItems: GAAD_PAGE_SIZE },
    recordsRetrieved: records,
    apiTotal: null, // GAAD returns no total count
    commands: ['aws iam get-account-authorization-details --output json'],
    errors: [],
  };
};
