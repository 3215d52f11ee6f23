#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so the installed `bin` needs no build step.
import { register } from 'tsx/esm/api';

// The AWS SDK is pinned to releases that support Node 20 (see package.json); its notice about future releases
// needing Node 22 is for us, not for someone running a collection, so it stays out of their terminal and cron mail.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
