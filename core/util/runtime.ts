import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import type { Actor } from '../evidence/ipe';

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

export function currentActor(): Actor {
  let osUser = process.env.USER ?? 'unknown';
  try {
    osUser = userInfo().username;
  } catch {
    // no passwd entry (containers): keep $USER
  }
  return { osUser, host: hostname() };
}

let cachedVersion: string | undefined;
export function toolVersion(): string {
  if (!cachedVersion) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    cachedVersion = `evidence-locker/${pkg.version}`;
  }
  return cachedVersion;
}
