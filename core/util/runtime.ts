import { readFileSync } from 'node:fs';

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

let cachedVersion: string | undefined;
export function toolVersion(): string {
  if (!cachedVersion) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    cachedVersion = `evidence-locker/${pkg.version}`;
  }
  return cachedVersion;
}
