import { credentialReportDiffer } from '../../diff/aws/credential-report-differ';
import { iamDiffer } from '../../diff/aws/iam-differ';
import { logsRetentionDiffer, s3RetentionDiffer } from '../../diff/aws/retention-differs';
import { sagemakerRegistryDiffer } from '../../diff/aws/sagemaker-differ';
import { sourceFamily } from '../../families/types';
import { awsImporters } from '../../import/aws-importers';
import { awsCollector } from './collector';

/** AWS: IAM and the credential report, S3/CloudWatch retention, CloudTrail, the SageMaker model registry. */
export const awsFamily = sourceFamily({
  type: 'aws',
  collector: awsCollector,
  differs: {
    'aws.iam': iamDiffer,
    'aws.credential-report': credentialReportDiffer,
    'aws.s3.retention': s3RetentionDiffer,
    'aws.logs.retention': logsRetentionDiffer,
    'aws.sagemaker.registry': sagemakerRegistryDiffer,
  },
  importers: awsImporters,
  evidence: {
    'aws.iam': 'identity',
    'aws.credential-report': 'identity',
    'aws.sagemaker.registry': 'registry',
    'aws.s3.retention': 'retention',
    'aws.logs.retention': 'retention',
    'aws.cloudtrail': 'logging',
  },
});
