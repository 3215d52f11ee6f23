import { diffProcedures } from './diff';
import { exportProcedures } from './export';
import { importAwsProcedures } from './import-aws';
import { importMlflowProcedures } from './import-mlflow';
import { sourceProcedures } from './sources';
import { storeProcedures } from './store';

/**
 * The one procedure map: name → zod input schema → handler. The CLI calls it in-process; the IPC and HTTP hosts
 * reuse it unchanged. Later domains (sources, collect, diff, import, export, verify) add their maps here.
 */
export const procedures = {
  ...storeProcedures,
  ...sourceProcedures,
  ...diffProcedures,
  ...importMlflowProcedures,
  ...importAwsProcedures,
  ...exportProcedures,
};

export type ProcedureName = keyof typeof procedures;
