import { registerDiffer } from '../registry';
import { credentialReportDiffer } from './credential-report-differ';
import { iamDiffer } from './iam-differ';
import { logsRetentionDiffer, s3RetentionDiffer } from './retention-differs';
import { sagemakerRegistryDiffer } from './sagemaker-differ';

registerDiffer('aws.iam', iamDiffer);
registerDiffer('aws.credential-report', credentialReportDiffer);
registerDiffer('aws.s3.retention', s3RetentionDiffer);
registerDiffer('aws.logs.retention', logsRetentionDiffer);
registerDiffer('aws.sagemaker.registry', sagemakerRegistryDiffer);
