import { AppError } from '../util/errors';
import type { Importer } from './importer';
import { importMlflowFile } from './mlflow-import';

export const mlflowImporter: Importer = {
  type: 'mlflow',
  summary:
    'Import JSON an MLflow admin saved with curl (model-versions/search, registered-models/search, users/get or users/list) as admin_export evidence.',
  sourceType: 'mlflow',
  run(ctx, req) {
    if (req.kind !== undefined && req.kind !== 'mlflow.registry' && req.kind !== 'mlflow.access') {
      throw new AppError('BAD_INPUT', `--kind must be mlflow.registry or mlflow.access for mlflow imports, not "${req.kind}".`);
    }
    return importMlflowFile(ctx, { file: req.file, source: req.source, kind: req.kind, evidenceFor: req.evidenceFor });
  },
};
