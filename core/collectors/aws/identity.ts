import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsClients } from './clients';
import type { AccountIdentity } from './kinds/types';

/** STS GetCallerIdentity: the account id and caller ARN; the partition comes from the ARN. */
export async function callerIdentity(clients: AwsClients): Promise<AccountIdentity> {
  const r = await clients.sts.send(new GetCallerIdentityCommand({}));
  const arn = r.Arn ?? '';
  const partition = /^arn:([a-z-]+):/.exec(arn)?.[1] ?? 'aws';
  return { account: r.Account ?? 'unknown', partition, arn };
}
