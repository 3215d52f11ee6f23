import { describe, expect, it } from 'vitest';
import { toErrorBody } from '../../core/util/errors';

/** Node's own errors, as the fs calls throw them: root cannot provoke EACCES or EROFS, so they are built here. */
function nodeError(code: string, syscall: string, path: string): Error {
  return Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path, errno: -1 });
}

describe('toErrorBody: file-system and SQLite errors a user can fix', () => {
  it.each([
    ['ENOENT', 'open', 'NOT_FOUND', /^Cannot open \/x\/in\.json: it does not exist/],
    ['EACCES', 'mkdir', 'ENVIRONMENT', /^Cannot create the folder \/x\/in\.json: permission denied \(EACCES\)/],
    ['EROFS', 'open', 'ENVIRONMENT', /read-only/],
    ['EPERM', 'rename', 'ENVIRONMENT', /not permitted/],
    ['ENOTDIR', 'scandir', 'ENVIRONMENT', /a part of that path is a file/],
    ['EISDIR', 'read', 'ENVIRONMENT', /it is a folder/],
    ['EEXIST', 'mkdir', 'ENVIRONMENT', /a file with that name is there, not a folder/],
    ['ENOSPC', 'write', 'DISK_FULL', /no space left/],
  ])('%s from %s → %s with the path', (code, syscall, expected, message) => {
    expect(toErrorBody(nodeError(code, syscall, '/x/in.json'))).toEqual({ code: expected, message: expect.stringMatching(message) });
  });

  it('SQLite read-only and cannot-open errors are ENVIRONMENT, never INTERNAL', () => {
    const sqlite = (code: string) => Object.assign(new Error('attempt to write a readonly database'), { code });
    expect(toErrorBody(sqlite('SQLITE_READONLY')).code).toBe('ENVIRONMENT');
    expect(toErrorBody(sqlite('SQLITE_READONLY_DBMOVED')).code).toBe('ENVIRONMENT');
    expect(toErrorBody(sqlite('SQLITE_CANTOPEN')).code).toBe('ENVIRONMENT');
    expect(toErrorBody(sqlite('SQLITE_FULL')).code).toBe('DISK_FULL');
    expect(toErrorBody(sqlite('SQLITE_CORRUPT')).code).toBe('INTERNAL');
  });

  it('anything else stays INTERNAL, scrubbed', () => {
    const body = toErrorBody(new Error("boom {'authorization': 'Bearer abcdef0123456789'}"));
    expect(body.code).toBe('INTERNAL');
    expect(body.message).not.toContain('abcdef0123456789');
  });
});
