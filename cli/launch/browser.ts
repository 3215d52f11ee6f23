import { spawn } from 'node:child_process';
import { hasDisplay } from './electron';

/** Opens the URL in the user's browser where one can exist; never fails the start (the URL is printed anyway). */
export function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean {
  if (env.CI || !hasDisplay(env, platform)) return false;
  const [cmd, args] =
    platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
