import { buildRenderer, rendererIsStale } from '../../scripts/build';

/** The end-to-end files share one renderer build (out/renderer); building it once here avoids two builds racing. */
export default async function setup(): Promise<void> {
  if (rendererIsStale()) await buildRenderer(true);
}
