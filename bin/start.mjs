#!/usr/bin/env node
// `npm start`: the desktop app where Electron's binary exists; otherwise say so and show the CLI status.
// The desktop app and its web-mode fallback are not built yet (see README, "Status").
import { register } from 'tsx/esm/api';

// The AWS SDK is pinned to releases that support Node 20 (see package.json); its notice about future releases
// needing Node 22 is for us, not for someone running a collection, so it stays out of their terminal and cron mail.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { start } = await import('../cli/start.ts');
process.exitCode = await start(process.argv.slice(2));
