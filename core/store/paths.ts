import { homedir } from 'node:os';
import { join } from 'node:path';

export interface StorePaths {
  home: string;
  database: string;
  checkpointFile: string;
  keysDir: string;
}

export function storePaths(home: string): StorePaths {
  return {
    home,
    database: join(home, 'evidence.db'),
    checkpointFile: join(home, 'checkpoint.txt'),
    keysDir: join(home, 'keys'),
  };
}

/** `EVIDENCE_HOME`, else the OS's app-data folder. */
export function defaultHome(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.EVIDENCE_HOME) return env.EVIDENCE_HOME;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Evidence Locker');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Evidence Locker');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'evidence-locker');
}
