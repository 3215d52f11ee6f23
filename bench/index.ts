import { markdownTable, startModule, writeResults } from './results';

// Our AWS SDK is pinned to Node 20-compatible releases; its notice about future releases would only add noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// `npm run bench`: each module prints its figures next to a baseline measured in the same run, as ratios.
// Benchmarks never decide pass/fail; they print. Add a module to the list to include it.
const modules: { name: string; load: () => Promise<{ run: () => Promise<void> }> }[] = [
  { name: 'store', load: () => import('./store-bench') },
  { name: 'redact', load: () => import('./redact-bench') },
  { name: 'export', load: () => import('./export-bench') },
  { name: 'aws', load: () => import('./aws-bench') },
  { name: 'azure', load: () => import('./azure-bench') },
  { name: 'mlflow', load: () => import('./mlflow-bench') },
  { name: 'wandb', load: () => import('./wandb-bench') },
  { name: 'json-depth', load: () => import('./json-depth-bench') },
  { name: 'ui', load: () => import('./ui-bench') },
];

const only = process.argv.slice(2);
const ran: string[] = [];
for (const m of modules) {
  if (only.length && !only.includes(m.name)) continue;
  console.log(`\n== ${m.name} ==`);
  startModule(m.name);
  await (await m.load()).run();
  ran.push(m.name);
}
// bench/results.json: every figure with its baseline, ratio, goal and pass/miss, and the machine it ran on.
writeResults(ran);
console.log(`\n${markdownTable()}`);
