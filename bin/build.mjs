#!/usr/bin/env node
// `npm run build [renderer|desktop]`: builds out/renderer, out/main and out/preload with Vite.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../scripts/build-cli.ts');
process.exitCode = await run(process.argv.slice(2));
