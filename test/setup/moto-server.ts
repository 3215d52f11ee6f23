import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { spawnService, startTimeoutMs, waitUntilReady } from '../fixtures/service-process';

declare module 'vitest' {
  export interface ProvidedContext {
    motoEndpoint: string;
  }
}

const ROOT = join(import.meta.dirname, '..', '..');
const MOTO_BIN = join(ROOT, '.venv-services', 'moto', 'bin', 'moto_server');
const START_TIMEOUT_S = 90;
const LOG_SCAN = 64 * 1024; // the banner is among the first lines moto prints

/** Creates the venv on a fresh machine (scripts/setup-services.sh is idempotent); a no-op when moto is there. */
function ensureMoto(): void {
  if (existsSync(MOTO_BIN)) return;
  const r = spawnSync('bash', [join(ROOT, 'scripts', 'setup-services.sh')], { stdio: 'inherit', cwd: ROOT });
  if (r.status !== 0 || !existsSync(MOTO_BIN)) throw new Error('scripts/setup-services.sh did not produce .venv-services/moto');
}

export interface MotoServer {
  endpoint: string;
  process: ChildProcess;
  stop(): Promise<void>;
  logTail(chars?: number): string;
}

/** A real SigV4-signed call with the suite's dummy keys, as the collectors make them. */
async function callerIdentity(endpoint: string, signal: AbortSignal): Promise<boolean | string> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'; // see bin/start.mjs
  const sts = new STSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }, maxAttempts: 1 });
  try {
    const r = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
    return r.$metadata.httpStatusCode === 200 || `HTTP ${r.$metadata.httpStatusCode}`;
  } finally {
    sts.destroy();
  }
}

/**
 * Starts moto_server on a free loopback port (port 0, read back from its banner). Ready means it answers a signed
 * STS GetCallerIdentity with 200, within one deadline for the banner and the call together; otherwise the error
 * carries moto's own output.
 */
export async function startMoto(): Promise<MotoServer> {
  ensureMoto();
  const svc = spawnService('moto_server', MOTO_BIN, ['-H', '127.0.0.1', '-p', '0']);
  let endpoint = '';
  await waitUntilReady(
    svc,
    'signed STS GetCallerIdentity answering 200',
    async (signal) => {
      if (!endpoint) {
        const m = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(svc.logTail(LOG_SCAN));
        if (!m) return 'no "Running on" banner yet';
        endpoint = m[1]!;
      }
      return callerIdentity(endpoint, signal);
    },
    startTimeoutMs(START_TIMEOUT_S),
  );
  return { endpoint, process: svc.child, stop: svc.stop, logTail: svc.logTail };
}

export default async function setup(project: TestProject) {
  const moto = await startMoto();
  project.provide('motoEndpoint', moto.endpoint);
  return () => moto.stop();
}
