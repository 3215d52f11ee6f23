import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { PARTIAL_NAME } from './bundle-paths';

/**
 * Who is writing a bundle: `<name>.zip.partial.d/owner.json` holds the exporting process's pid, host and start
 * time. Every export's partial files share its `<name>.zip` prefix, so cleanup of one out folder can tell a live
 * export's files (another process, or another export in this one) from those of a killed one, whose pid is gone.
 */
interface Owner {
  pid: number;
  host: string;
  /** The process's start time as the OS records it (Linux); tells a reused pid from the original process. */
  started: string | null;
}

const OWNER_FILE = 'owner.json';
/** `claimStaging`'s folder before it is renamed into place: `<name>.zip.partial.d.setup-<pid>`. */
const SETUP_NAME = /_[0-9a-f]{8}\.zip\.partial\.d\.setup-(\d+)$/;

function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null; // field 22, starttime
  } catch {
    return null; // not Linux, or no such process
  }
}

/**
 * Makes the staging folder (names are unique per export) with this process recorded as its owner. It is set up
 * under a name cleanup does not match and renamed into place, so no cleanup ever sees it without its owner.
 */
export function claimStaging(staging: string): void {
  const setup = `${staging}.setup-${process.pid}`;
  mkdirSync(setup);
  const owner: Owner = { pid: process.pid, host: hostname(), started: processStart(process.pid) };
  writeFileSync(join(setup, OWNER_FILE), JSON.stringify(owner), { mode: 0o600 });
  renameSync(setup, staging);
}

/** Null when there is no owner to ask: no staging folder (an older exporter's leftovers) or no owner file in it. */
function ownerOf(staging: string): Owner | null {
  try {
    return JSON.parse(readFileSync(join(staging, OWNER_FILE), 'utf8')) as Owner;
  } catch {
    return null;
  }
}

function alive(owner: Owner): boolean {
  // Another machine writing into a shared folder: its processes cannot be checked from here, so leave them be.
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    // EPERM: the process exists (another user's).
  }
  const now = owner.started === null ? null : processStart(owner.pid);
  return now === null || now === owner.started;
}

/**
 * Deletes the `*.partial` files of exports that are no longer running (killed, or crashed); a killed export's
 * partial is never a valid bundle. Files of a live export are left alone. `logged` says whether a finished ZIP
 * was logged; one that was not (killed between the rename and the log entry) goes too. Returns the names removed.
 */
export function removeLeftoverPartials(dir: string, logged: (zipPath: string) => boolean = () => true): string[] {
  const groups = new Map<string, string[]>();
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    // A staging folder still being set up names its process: one killed before the rename left it (fault suite).
    const setup = SETUP_NAME.exec(name);
    if (setup) {
      const owner = ownerOf(join(dir, name)) ?? { pid: Number(setup[1]), host: hostname(), started: null };
      if (!alive(owner)) {
        rmSync(join(dir, name), { recursive: true, force: true });
        removed.push(name);
      }
      continue;
    }
    const m = PARTIAL_NAME.exec(name);
    if (!m) continue;
    const zip = name.slice(0, m.index + m[0].indexOf('.partial'));
    groups.set(zip, [...(groups.get(zip) ?? []), name]);
  }
  for (const [zip, names] of groups) {
    const owner = ownerOf(join(dir, `${zip}.partial.d`));
    if (owner !== null && alive(owner)) continue;
    // Killed after its ZIP (and PDF) were renamed into place but before the export was logged: the staging folder,
    // removed only after logging, is still there. A bundle the store never logged must not be handed out (fault suite).
    if (names.includes(`${zip}.partial.d`) && existsSync(join(dir, zip)) && !logged(join(dir, zip))) {
      const pdf = zip.replace(/\.zip$/, '.pdf');
      for (const done of [zip, pdf, `${pdf}.partial`].filter((n) => existsSync(join(dir, n)))) {
        rmSync(join(dir, done), { force: true });
        removed.push(done);
      }
    }
    for (const name of names) rmSync(join(dir, name), { recursive: true, force: true });
    removed.push(...names);
  }
  return removed;
}
