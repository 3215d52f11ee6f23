import { awsFamily } from '../collectors/aws/family';
import { azureFamily } from '../collectors/azure/family';
import { gcpFamily } from '../collectors/gcp/family';
import { mlflowFamily } from '../collectors/mlflow/family';
import { wandbFamily } from '../collectors/wandb/family';
import type { SourceFamily } from './types';

/** The source families this build ships. Adding one: its own folder, plus one line here. */
export const BUILT_IN_FAMILIES: readonly SourceFamily[] = [mlflowFamily, awsFamily, gcpFamily, wandbFamily, azureFamily];
