import { DescribeModelPackageCommand, ListModelPackageGroupsCommand, ListModelPackagesCommand } from '@aws-sdk/client-sagemaker';
import { awsErrorCode, describeAwsError, isAuthFailure } from '../errors';
import { PageTokens, checkAborted, type KindCollector, type KindRun } from './types';
import { byText } from '../canonical/order';

const PAGE_SIZE = 100; // the API maximum
const iso = (d: Date | undefined) => (d ? d.toISOString() : null);

/** Drops SDK `undefined`s and Dates so the UserContext objects canonicalize cleanly. */
const plain = (v: unknown) => (v === undefined ? null : (JSON.parse(JSON.stringify(v)) as unknown));

async function listAll<T>(run: KindRun, call: string, fetch: (token: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const all: T[] = [];
  const tokens = new PageTokens(call);
  let token: string | undefined;
  do {
    checkAborted(run.signal);
    const page = await fetch(token);
    run.page();
    all.push(...page.items);
    token = tokens.next(page.next);
  } while (token);
  return all;
}

/** aws.sagemaker.registry: every model package group and every version's approval state and authorship. */
export const collectSageMakerRegistry: KindCollector = async (run) => {
  const sm = run.clients.sagemaker;
  const errors: string[] = [];
  let records = 0;
  const groupSummaries = await listAll(run, 'ListModelPackageGroups', async (NextToken) => {
    const r = await sm.send(new ListModelPackageGroupsCommand({ MaxResults: PAGE_SIZE, NextToken }));
    return { items: r.ModelPackageGroupSummaryList ?? [], next: r.NextToken };
  });
  const groups = [];
  for (const g of groupSummaries) {
    const name = g.ModelPackageGroupName ?? '';
    const summaries = await listAll(run, 'ListModelPackages', async (NextToken) => {
      const r = await sm.send(
        new ListModelPackagesCommand({
          ModelPackageGroupName: name,
          MaxResults: PAGE_SIZE,
          NextToken,
          SortBy: 'CreationTime',
          SortOrder: 'Ascending',
        }),
      );
      return { items: r.ModelPackageSummaryList ?? [], next: r.NextToken };
    });
    const packages = [];
    for (const s of summaries) {
      checkAborted(run.signal);
      const base = { version: s.ModelPackageVersion ?? null, arn: s.ModelPackageArn ?? null };
      try {
        const d = await sm.send(new DescribeModelPackageCommand({ ModelPackageName: s.ModelPackageArn }));
        packages.push({
          ...base,
          approvalStatus: d.ModelApprovalStatus ?? null,
          approvalDescription: d.ApprovalDescription ?? null,
          status: d.ModelPackageStatus ?? null,
          createdBy: plain(d.CreatedBy),
          lastModifiedBy: plain(d.LastModifiedBy),
          creationTime: iso(d.CreationTime),
          lastModifiedTime: iso(d.LastModifiedTime),
          customerMetadata: d.CustomerMetadataProperties ?? {},
          description: d.ModelPackageDescription ?? null,
        });
      } catch (err) {
        if (isAuthFailure(err)) throw err;
        errors.push(describeAwsError('DescribeModelPackage', err) + ` (${s.ModelPackageArn})`);
        packages.push({ ...base, approvalStatus: s.ModelApprovalStatus ?? null, error: { call: 'DescribeModelPackage', code: awsErrorCode(err) } });
      }
      records += 1;
    }
    packages.sort((a, b) => (a.version ?? 0) - (b.version ?? 0));
    groups.push({
      name,
      arn: g.ModelPackageGroupArn ?? null,
      description: g.ModelPackageGroupDescription ?? null,
      status: g.ModelPackageGroupStatus ?? null,
      creationTime: iso(g.CreationTime),
      packages,
    });
    run.progress(0, records);
  }
  groups.sort((a, b) => byText(a.name, b.name));
  return {
    content: { groups },
    parameters: { MaxResults: PAGE_SIZE, SortBy: 'CreationTime' },
    recordsRetrieved: groups.length + records,
    apiTotal: null,
    commands: [
      'aws sagemaker list-model-package-groups',
      'aws sagemaker list-model-packages --model-package-group-name <each group>',
      'aws sagemaker describe-model-package --model-package-name <each package arn>',
    ],
    errors,
  };
};
