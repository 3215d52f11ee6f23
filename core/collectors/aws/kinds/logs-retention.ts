import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { PageTokens, checkAborted, type KindCollector } from './types';
import { byText } from '../canonical/order';

const PAGE_SIZE = 50; // the API maximum

/** aws.logs.retention: every log group's retentionInDays; absent means the logs never expire. */
export const collectLogsRetention: KindCollector = async (run) => {
  const groups: Record<string, unknown>[] = [];
  let token: string | undefined;
  let pages = 0;
  const tokens = new PageTokens('DescribeLogGroups');
  do {
    checkAborted(run.signal);
    const page = await run.clients.logs.send(new DescribeLogGroupsCommand({ limit: PAGE_SIZE, nextToken: token }));
    run.page();
    pages += 1;
    for (const g of page.logGroups ?? []) {
      groups.push({
        name: g.logGroupName ?? '',
        arn: g.arn ?? null,
        retentionInDays: g.retentionInDays ?? null,
        neverExpires: g.retentionInDays === undefined,
        creationTime: g.creationTime ? new Date(g.creationTime).toISOString() : null,
        logGroupClass: g.logGroupClass ?? null,
        kmsKeyId: g.kmsKeyId ?? null,
      });
    }
    token = tokens.next(page.nextToken);
    run.saveCursor({ nextToken: token ?? null });
    run.progress(pages, groups.length);
  } while (token);
  groups.sort((a, b) => byText(a.name, b.name));
  return {
    content: { logGroups: groups, summary: { logGroups: groups.length, neverExpire: groups.filter((g) => g.neverExpires).length } },
    parameters: { limit: PAGE_SIZE },
    recordsRetrieved: groups.length,
    apiTotal: null,
    commands: ['aws logs describe-log-groups'],
    errors: [],
  };
};
