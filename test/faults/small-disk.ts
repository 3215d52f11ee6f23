import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { tempDir } from '../helpers/temp-store';

/**
 * A size-limited folder for disk-full faults: a tmpfs of `sizeKb` mounted on a temp dir (root only). Where it
 * cannot be mounted (not root, no CAP_SYS_ADMIN in a container) `mounted` is false with the reason, and the
 * tests use SQLite's page limit instead, saying so in their names: never a silent skip. EL_FAULTS_NO_MOUNT=1
 * forces that path (to test it where mounting works).
 */
export interface SmallDisk {
  dir: string;
  mounted: boolean;
  /** Why no tmpfs could be mounted (null when it was). */
  why: string | null;
  /** Change the size (a user freeing space, or another size for the next trial). */
  resize(sizeKb: number): void;
  /** Make the filesystem read-only (or writable again): even root cannot write then. */
  readOnly(on: boolean): void;
  cleanup(): void;
}

const live = new Set<SmallDisk>();

/** Unmounts what a test left mounted (it timed out before its own cleanup); for afterAll. */
export function cleanupSmallDisks(): void {
  for (const d of live) d.cleanup();
}

export function smallDisk(sizeKb: number, prefix = 'el-small-disk-'): SmallDisk {
  const tmp = tempDir(prefix);
  const dir = `${tmp.dir}/mnt`;
  mkdirSync(dir);
  const sh = (args: string[]) => execFileSync('mount', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let why: string | null = null;
  try {
    if (process.env.EL_FAULTS_NO_MOUNT) throw new Error('EL_FAULTS_NO_MOUNT is set');
    if (process.getuid?.() !== 0) throw new Error('not root');
    sh(['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0755`, 'tmpfs', dir]);
  } catch (err) {
    why = ((err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message).slice(0, 200);
  }
  const mounted = why === null;
  const disk: SmallDisk = {
    dir,
    mounted,
    why,
    resize: (kb) => void sh(['-o', `remount,size=${kb}k`, dir]),
    readOnly: (on) => void sh(['-o', `remount,${on ? 'ro' : 'rw'}`, dir]),
    cleanup() {
      if (!live.delete(disk)) return;
      if (mounted) execFileSync('umount', ['-l', dir]);
      rmSync(tmp.dir, { recursive: true, force: true });
    },
  };
  live.add(disk);
  return disk;
}

/** Whether this machine can mount a tmpfs at all (checked once, for test names). */
export const tmpfsWhy: string | null = (() => {
  const probe = smallDisk(64, 'el-probe-');
  probe.cleanup();
  return probe.why;
})();
