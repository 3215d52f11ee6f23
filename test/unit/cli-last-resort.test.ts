import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../core/api';
import type { Command } from '../../cli/command';
import { runCli } from '../helpers/cli';

/**
 * Issue 16 item 12: an error no command handled. Two stand-in verbs throw what a bug and an unhandled core error
 * would; the CLI's last-resort catch decides what the user sees.
 */
vi.mock('../../cli/commands', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../cli/commands')>();
  const thrower = (name: string, err: () => Error): Command => ({ name, summary: name, usage: name, run: async () => Promise.reject(err()) });
  return {
    commands: [
      ...real.commands,
      thrower('app-error', () => new AppError('ENVIRONMENT', 'openssl 3 is not installed')),
      thrower('bug', () => new TypeError("Cannot read properties of undefined (reading 'x')")),
    ],
  };
});

describe('CLI last-resort catch', () => {
  it('an AppError is a plain message with its exit code, never a stack', async () => {
    const r = await runCli(['app-error']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'Error (ENVIRONMENT): openssl 3 is not installed\n' });
  });

  it('an AppError in --json mode is the envelope on stdout', async () => {
    const r = await runCli(['app-error', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({ ok: false, error: { code: 'ENVIRONMENT', message: 'openssl 3 is not installed' } });
  });

  it('a bug is INTERNAL, exit 1; the stack goes to stderr in human mode only', async () => {
    const human = await runCli(['bug']);
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/^Error \(INTERNAL\): Cannot read properties of undefined/);
    expect(human.stderr).toMatch(/\n\s+at /);
    const json = await runCli(['bug', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(json.stderr).toBe('');
  });
});
