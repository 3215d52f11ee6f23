import { join } from 'node:path';

/**
 * Files the core reads at run time (PDF fonts, the verifier scripts copied into every bundle), found from one root
 * handed to `createCore({ resourcesDir })`: a bundled Electron main or a packaged app has no source tree to find
 * them relative to a module's own location.
 */
export interface Resources {
  dir: string;
  fontsDir: string;
  bundleToolsDir: string;
}

export function resourcesAt(dir: string): Resources {
  return { dir, fontsDir: join(dir, 'fonts'), bundleToolsDir: join(dir, 'bundle-tools') };
}
