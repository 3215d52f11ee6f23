import { DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { awsErrorCode, describeAwsError, isAuthFailure } from '../errors';
import { checkAborted, type KindCollector } from './types';
import { byText } from '../canonical/order';

const iso = (d: Date | undefined) => (d ? d.toISOString() : null);

/** Runs one per-trail call; a failure becomes an explicit error value and a named partial error. */
async function attempt<T>(
  call: string,
  trail: string,
  errors: string[],
  fn: () => Promise<T>,
): Promise<T | { error: { call: string; code: string } }> {
  try {
    return await fn();
  } catch (err) {
    if (isAuthFailure(err)) throw err;
    errors.push(`${describeAwsError(call, err)} (trail ${trail})`);
    return { error: { call, code: awsErrorCode(err) } };
  }
}

/** aws.cloudtrail: trails homed in this region, their logging status and event selectors. */
export const collectCloudTrail: KindCollector = async (run) => {
  const ct = run.clients.cloudtrail;
  const described = await ct.send(new DescribeTrailsCommand({ includeShadowTrails: false }));
  run.page();
  const errors: string[] = [];
  const trails = [];
  for (const t of described.trailList ?? []) {
    checkAborted(run.signal);
    const name = t.TrailARN ?? t.Name ?? '';
    const status = await attempt('GetTrailStatus', name, errors, async () => {
      const s = await ct.send(new GetTrailStatusCommand({ Name: name }));
      return {
        isLogging: s.IsLogging ?? null,
        latestDeliveryTime: iso(s.LatestDeliveryTime),
        latestDeliveryError: s.LatestDeliveryError ?? null,
        startLoggingTime: iso(s.StartLoggingTime),
        stopLoggingTime: iso(s.StopLoggingTime),
      };
    });
    const selectors = await attempt('GetEventSelectors', name, errors, async () => {
      const s = await ct.send(new GetEventSelectorsCommand({ TrailName: name }));
      return { eventSelectors: s.EventSelectors ?? [], advancedEventSelectors: s.AdvancedEventSelectors ?? [] };
    });
    trails.push({
      name: t.Name ?? '',
      arn: t.TrailARN ?? null,
      homeRegion: t.HomeRegion ?? null,
      isMultiRegionTrail: t.IsMultiRegionTrail ?? false,
      isOrganizationTrail: t.IsOrganizationTrail ?? false,
      logFileValidationEnabled: t.LogFileValidationEnabled ?? false,
      includeGlobalServiceEvents: t.IncludeGlobalServiceEvents ?? null,
      s3BucketName: t.S3BucketName ?? null,
      s3KeyPrefix: t.S3KeyPrefix ?? null,
      cloudWatchLogsLogGroupArn: t.CloudWatchLogsLogGroupArn ?? null,
      kmsKeyId: t.KmsKeyId ?? null,
      status,
      selectors: JSON.parse(JSON.stringify(selectors)) as unknown,
    });
    run.progress(1, trails.length);
  }
  trails.sort((a, b) => byText(a.name, b.name));
  return {
    content: { trails },
    parameters: { includeShadowTrails: false },
    recordsRetrieved: trails.length,
    apiTotal: null,
    commands: [
      'aws cloudtrail describe-trails --no-include-shadow-trails',
      'aws cloudtrail get-trail-status --name <each trail>',
      'aws cloudtrail get-event-selectors --trail-name <each trail>',
    ],
    errors,
  };
};
