import { createCatalog } from '../../core/families/catalog';
import { BUILT_IN_FAMILIES } from '../../core/families/built-in';

/** The catalog a default core uses (MLflow and AWS), for tests that call core modules directly. */
export const builtIn = createCatalog(BUILT_IN_FAMILIES);
export const mappings = builtIn.mappings;
