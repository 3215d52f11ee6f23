#!/usr/bin/env node
// `npm start`: the desktop app where Electron's binary exists; otherwise say so and show the CLI status.
// The desktop app and its web-mode fallback are not built yet (see README, "Status").
import { register } from 'tsx/esm/api';

register();
const { start } = await import('../cli/start.ts');
process.exitCode = await start(process.argv.slice(2));
