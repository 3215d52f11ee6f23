import { buildDesktop, buildRenderer } from './build';

/** `npm run build`: the renderer, then the Electron main process and preload (no Electron binary needed). */
export async function run(args: string[]): Promise<number> {
  const only = args[0];
  if (only !== 'desktop') await buildRenderer();
  if (only !== 'renderer') await buildDesktop();
  return 0;
}
