import { registerDiffer } from '../registry';
import { accessDiffer } from './access-differ';
import { registryDiffer } from './registry-differ';

registerDiffer('mlflow.registry', registryDiffer);
registerDiffer('mlflow.access', accessDiffer);
