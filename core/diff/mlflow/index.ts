import { registerDiffer } from '../registry';
import { accessDiffer } from './access-differ';
import { registryDiffer } from './registry-differ';
import { retentionDiffer } from './retention-differ';

registerDiffer('mlflow.registry', registryDiffer);
registerDiffer('mlflow.access', accessDiffer);
registerDiffer('mlflow.retention', retentionDiffer);
