import { GetAccountAuthorizationDetailsCommand, type GetAccountAuthorizationDetailsCommandOutput } from '@aws-sdk/client-iam';
import { canonicalGaad } from '../canonical/gaad';
import { checkAborted, type KindCollector } from './types';

export const GAAD_PAGE_SIZE = 1000; // the API maximum

/** aws.iam: every page of GetAccountAuthorizationDetails, policy documents decoded. */
export const collectIam: KindCollector = async (run) => {
  const pages: GetAccountAuthorizationDetailsCommandOutput[] = [];
  let marker: string | undefined;
  let records = 0;
  do {
    checkAborted(run.signal);
    const page = await run.clients.iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: GAAD_PAGE_SIZE, Marker: marker }));
    run.page();
    pages.push(page);
    records += (page.UserDetailList?.length ?? 0) + (page.GroupDetailList?.length ?? 0) + (page.RoleDetailList?.length ?? 0) + (page.Policies?.length ?? 0);
    marker = page.IsTruncated ? page.Marker : undefined;
    run.saveCursor({ marker: marker ?? null });
    run.progress(pages.length, records);
  } while (marker);
  const content = canonicalGaad(pages);
  return {
    content,
    parameters: { MaxItems: GAAD_PAGE_SIZE },
    recordsRetrieved: records,
    apiTotal: null, // GAAD returns no total count
    commands: ['aws iam get-account-authorization-details --output json'],
    errors: [],
  };
};
