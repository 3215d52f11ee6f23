import { z } from 'zod';
import { procedure } from '../procedure';
import { importMlflowFile } from '../../import/mlflow-import';

export const importMlflowProcedures = {
  'import.mlflow': procedure({
    summary:
      'Import JSON an MLflow admin saved with curl (model-versions/search, registered-models/search, users/get or users/list) as admin_export evidence.',
    input: z
      .object({
        file: z.string().min(1),
        source: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'use letters, digits, . _ - (max 64)').optional(),
        kind: z.enum(['mlflow.registry', 'mlflow.access']).optional(),
      })
      .strict(),
    handler(ctx, input) {
      return importMlflowFile(ctx, input);
    },
  }),
};
