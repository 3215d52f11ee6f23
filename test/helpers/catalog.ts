import { createCatalog } from '../../core/families/catalog';
import { BUILT_IN_FAMILIES } from '../../core/families/built-in';
import { resourcesAt } from '../../core/resources';

/** The catalog a default core uses (MLflow and AWS), for tests that call core modules directly. */
export const builtIn = createCatalog(BUILT_IN_FAMILIES);
export const mappings = builtIn.mappings;
/** The source tree's resources (fonts, bundle tools), as a default core finds them. */
export const resources = resourcesAt(new URL('../../resources/', import.meta.url).pathname);
