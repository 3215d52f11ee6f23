import type { ErrorBody } from './envelope';

/**
 * Node's file-system errors are conditions a user caused and can fix (a missing file, a file where a folder should
 * be, a read-only folder). Without this they surfaced as INTERNAL with Node's wording ("EEXIST: file already exists,
 * mkdir …"); here they become NOT_FOUND/ENVIRONMENT/DISK_FULL with the path and what to do.
 */
const REASONS: Record<string, { code: ErrorBody['code']; reason: string }> = {
  ENOENT: { code: 'NOT_FOUND', reason: 'it does not exist (or a folder above it does not)' },
  ENOTDIR: { code: 'ENVIRONMENT', reason: 'a part of that path is a file, not a folder' },
  EISDIR: { code: 'ENVIRONMENT', reason: 'it is a folder; a file was expected' },
  EEXIST: { code: 'ENVIRONMENT', reason: 'something with that name is already there' },
  EACCES: { code: 'ENVIRONMENT', reason: 'permission denied' },
  EPERM: { code: 'ENVIRONMENT', reason: 'operation not permitted' },
  EROFS: { code: 'ENVIRONMENT', reason: 'the file system is read-only' },
  ENOSPC: { code: 'DISK_FULL', reason: 'no space left on the device' },
  EDQUOT: { code: 'DISK_FULL', reason: 'the disk quota is exceeded' },
  ENAMETOOLONG: { code: 'ENVIRONMENT', reason: 'the name is too long' },
  ELOOP: { code: 'ENVIRONMENT', reason: 'too many symbolic links' },
  EMFILE: { code: 'ENVIRONMENT', reason: 'too many open files' },
  ENOTEMPTY: { code: 'ENVIRONMENT', reason: 'the folder is not empty' },
  EBUSY: { code: 'ENVIRONMENT', reason: 'it is busy (in use by another program)' },
};

const ACTIONS: Record<string, string> = {
  mkdir: 'create the folder',
  open: 'open',
  scandir: 'read the folder',
  opendir: 'read the folder',
  read: 'read',
  write: 'write',
  rename: 'rename into',
  unlink: 'remove',
  rmdir: 'remove the folder',
  stat: 'read',
  lstat: 'read',
  access: 'access',
  copyfile: 'copy to',
  chmod: 'set the permissions of',
};

interface SystemError {
  code?: unknown;
  syscall?: unknown;
  path?: unknown;
  dest?: unknown;
}

/** The error body for a Node file-system error, or null when `err` is not one. */
export function fsErrorBody(err: unknown): ErrorBody | null {
  const e = err as SystemError | null;
  if (!e || typeof e.code !== 'string' || !REASONS[e.code] || typeof e.syscall !== 'string') return null;
  const { code } = REASONS[e.code]!;
  // mkdir only fails with EEXIST when a non-folder has the name (recursive mkdir accepts an existing folder).
  const reason = e.code === 'EEXIST' && e.syscall === 'mkdir' ? 'a file with that name is there, not a folder' : REASONS[e.code]!.reason;
  const action = ACTIONS[e.syscall] ?? e.syscall;
  const where = typeof e.dest === 'string' ? e.dest : typeof e.path === 'string' ? e.path : null;
  const target = where === null ? '' : ` ${where === '' ? '"" (an empty path)' : where}`;
  return { code, message: `Cannot ${action}${target}: ${reason} (${e.code}).` };
}

/** SQLite's own open/permission failures, which carry no path: the store folder is the place to look. */
export function sqliteErrorBody(err: unknown): ErrorBody | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code === 'SQLITE_FULL') return { code: 'DISK_FULL', message: 'The disk (or database size limit) is full; nothing was written.' };
  if (code.startsWith('SQLITE_READONLY')) {
    return { code: 'ENVIRONMENT', message: 'The evidence store is read-only (check the permissions of the store folder and its evidence.db files).' };
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_AUTH')) {
    return {
      code: 'ENVIRONMENT',
      message: 'The evidence store database cannot be opened (check that the store folder exists and is readable and writable).',
    };
  }
  return null;
}
