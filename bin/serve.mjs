#!/usr/bin/env node
// `npm run serve -- [--home DIR] [--port N] [--no-open]`: web mode only (no attempt to open the desktop window).
import { register } from 'tsx/esm/api';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { start } = await import('../cli/start.ts');
process.exitCode = await start(['--web', ...process.argv.slice(2)]);
