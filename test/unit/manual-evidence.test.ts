import { closeSync, lstatSync, mkdirSync, openSync, readFileSync, statSync, symlinkSync, writeFileSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core, type ManualShowView, type ManualView } from '../../core/api';
import { contentPath, MAX_MANUAL_BYTES } from '../../core/manual/content-store';
import { expiryState } from '../../core/manual/expiry';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { tempDir } from '../helpers/temp-store';

const tmp = tempDir('el-manual-');
let now = new Date('2026-07-15T10:00:00.000Z');
let core: Core;
const home = join(tmp.dir, 'home');
const files = join(tmp.dir, 'files');

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
const add = (file: string, over: Record<string, unknown> = {}) =>
  core.call('manual.add', { file, criteria: ['CC5.3'], evidenceFor: '2026-03-01', owner: 'Dana Lee', ...over } as never);

beforeAll(async () => {
  mkdirSync(files);
  core = createCore({ home, secrets: new MemorySecretStore(), clock: () => now, env: {} });
  await ok(core.call('store.init', {}));
});
afterAll(() => (core.close(), tmp.cleanup()));

describe('manual evidence: what cannot be stored is refused, with a reason', () => {
  it('refuses directories, devices, symbolic links, empty and missing files, and files over 100 MB', async () => {
    const empty = join(files, 'empty.pdf');
    writeFileSync(empty, '');
    const real = join(files, 'real.pdf');
    writeFileSync(real, '%PDF-1.4 real');
    const link = join(files, 'link.pdf');
    symlinkSync(real, link);
    const big = join(files, 'big.pdf');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, MAX_MANUAL_BYTES + 1); // sparse: nothing is written
    closeSync(fd);
    const cases: [string, string, RegExp][] = [
      [files, 'BAD_INPUT', /is a directory; only a regular file/],
      ['/dev/null', 'BAD_INPUT', /is a character device/],
      [link, 'BAD_INPUT', /is a symbolic link/],
      [empty, 'BAD_INPUT', /is empty/],
      [join(files, 'nope.pdf'), 'NOT_FOUND', /No file at/],
      [big, 'BAD_INPUT', /limited to 100 MB per file/],
    ];
    for (const [file, code, message] of cases) {
      const r = await add(file);
      expect(r, file).toMatchObject({ ok: false, error: { code } });
      expect(!r.ok && r.error.message, file).toMatch(message);
    }
    expect(await ok(core.call('manual.list', { includeEnded: true }))).toEqual([]); // nothing half-recorded
  });

  it('refuses an evidence-for day in the future, an expiry before it, an unknown criterion and no criterion', async () => {
    const f = join(files, 'p.pdf');
    writeFileSync(f, '%PDF-1.4 p');
    expect(await add(f, { evidenceFor: '2026-07-16' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringMatching(/in the future/) },
    });
    expect(await add(f, { expiresOn: '2026-02-01' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringMatching(/before the day/) },
    });
    expect(await add(f, { criteria: ['CC9.9'] })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await add(f, { criteria: [] })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});

describe('manual evidence: kept, hashed into the log, withdrawn by a new entry', () => {
  it('keeps the file content-addressed (0600) and records its hash in a signed log entry', async () => {
    const f = join(files, 'AI Acceptable Use Policy.pdf');
    writeFileSync(f, '%PDF-1.4 policy v1');
    const m = await ok<ManualView>(add(f, { criteria: ['cc5.3', 'CC9.2'], expiresOn: '2027-03-01', title: 'AI acceptable use policy' }));
    expect(m).toMatchObject({
      criteria: ['CC5.3', 'CC9.2'],
      evidenceFor: '2026-03-01',
      owner: 'Dana Lee',
      status: 'active',
      mediaType: 'application/pdf',
    });
    const stored = contentPath(home, m.sha256);
    expect(stored).toBe(join(home, 'files', 'sha256', m.sha256.slice(0, 2), m.sha256));
    expect(readFileSync(stored, 'utf8')).toBe('%PDF-1.4 policy v1');
    expect(statSync(stored).mode & 0o777).toBe(0o600);
    expect(lstatSync(join(home, 'files')).mode & 0o777).toBe(0o700);
    const item = await ok(core.call('items.show', { seq: m.itemSeq }));
    expect(item).toMatchObject({
      kind: 'manual.document',
      provenance: 'manual_upload',
      content: { file: { sha256: m.sha256 }, evidenceFor: '2026-03-01' },
    });
    const log = await ok(core.call('log.list', { limit: 50 }));
    expect(log.find((e) => e.idx === m.logIndex)?.body).toMatchObject({ type: 'item_recorded', item: { seq: m.itemSeq, kind: 'manual.document' } });
    const shown = await ok<ManualShowView>(core.call('manual.show', { id: m.id }));
    expect(shown.stored).toEqual({ present: true, matches: true });
  });

  it('judges expiry against the injected clock: valid, expiring within 30 days, expired', () => {
    const at = new Date('2026-07-15T10:00:00Z');
    expect(expiryState(null, at).state).toBe('none');
    expect(expiryState('2026-09-01', at).state).toBe('valid');
    expect(expiryState('2026-08-14', at)).toMatchObject({ state: 'expiring', days: 30 });
    expect(expiryState('2026-07-15', at)).toMatchObject({ state: 'expiring', days: 0 });
    expect(expiryState('2026-07-14', at)).toMatchObject({ state: 'expired', days: -1, message: 'expired on 2026-07-14 (1 day ago)' });
  });

  it('supersedes and withdraws with new entries; the first upload and its file stay', async () => {
    const [first] = await ok<ManualView[]>(core.call('manual.list', { criterion: 'CC9.2' }));
    const f2 = join(files, 'policy-v2.pdf');
    writeFileSync(f2, '%PDF-1.4 policy v2');
    const second = await ok<ManualView>(add(f2, { criteria: ['CC9.2'], evidenceFor: '2026-07-01', supersedes: first!.id }));
    const history = await ok<ManualShowView>(core.call('manual.show', { id: second.id }));
    expect(history.history).toEqual([expect.objectContaining({ id: first!.id, status: 'superseded' })]);
    expect(await add(f2, { supersedes: first!.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const withdrawn = await ok<ManualView>(core.call('manual.remove', { id: second.id, reason: 'wrong version' }));
    expect(withdrawn).toMatchObject({ status: 'withdrawn', endedReason: 'wrong version' });
    expect(await ok<ManualView[]>(core.call('manual.list', { criterion: 'CC9.2' }))).toEqual([]);
    const all = await ok<ManualView[]>(core.call('manual.list', { includeEnded: true }));
    expect(all.map((m) => m.status)).toEqual(['superseded', 'withdrawn']);
    const kinds = (await ok(core.call('log.list', { limit: 50 }))).map((e) => (e.body as { item?: { kind: string } }).item?.kind).filter(Boolean);
    expect(kinds).toEqual(['manual.document', 'manual.document', 'manual.withdrawn', 'manual.withdrawn']);
    expect(readFileSync(contentPath(home, first!.sha256), 'utf8')).toBe('%PDF-1.4 policy v1');
    expect(await ok(core.call('store.verify', {}))).toMatchObject({ ok: true });
  });

  it('backs up the kept files with the database (0600, same hashes), so a restored store loses none', async () => {
    const list = await ok<ManualView[]>(core.call('manual.list', { includeEnded: true }));
    const backup = await ok(core.call('store.backup', { to: join(tmp.dir, 'backup-1') }));
    for (const m of list) {
      const copy = contentPath(backup.path, m.sha256);
      expect(readFileSync(copy).equals(readFileSync(contentPath(home, m.sha256))), copy).toBe(true);
      expect(statSync(copy).mode & 0o777).toBe(0o600);
    }
  });

  it('notices a stored copy that changed on disk: manual show says so and an export refuses to carry it', async () => {
    const f = join(files, 'dpa-signed.pdf');
    writeFileSync(f, '%PDF-1.4 signed DPA');
    const m = await ok<ManualView>(add(f, { criteria: ['P6.4'] }));
    writeFileSync(contentPath(home, m.sha256), '%PDF-1.4 signed DPA, edited');
    expect((await ok<ManualShowView>(core.call('manual.show', { id: m.id }))).stored).toEqual({ present: true, matches: false });
    const verified = await ok(core.call('store.verify', {}));
    expect(verified.ok).toBe(false);
    expect(verified.problems).toContainEqual(
      expect.objectContaining({
        where: `manual evidence #${m.id} (dpa-signed.pdf)`,
        reason: expect.stringMatching(/no longer matches the SHA-256 in the log/),
      }),
    );
    const r = await core.call('export.bundle', { criterion: 'P6.4', from: '2026-01-01', to: '2026-06-30', out: join(tmp.dir, 'out') });
    expect(r).toMatchObject({ ok: false, error: { code: 'INTEGRITY', message: expect.stringMatching(/no longer matches the hash in the log/) } });
    const backup = await core.call('store.backup', { to: join(tmp.dir, 'backup-2') });
    expect(backup).toMatchObject({
      ok: false,
      error: { code: 'INTEGRITY', message: expect.stringContaining(`manual evidence #${m.id} (dpa-signed.pdf) is changed on disk`) },
    });
    writeFileSync(contentPath(home, m.sha256), '%PDF-1.4 signed DPA'); // put it back for the tests after this one
  });

  it('shows an expired upload as expired in the list once the clock passes its expiry', async () => {
    const f = join(files, 'pentest.pdf');
    writeFileSync(f, '%PDF-1.4 red team');
    const m = await ok<ManualView>(add(f, { criteria: ['CC4.1'], expiresOn: '2026-08-01' }));
    expect(m.expiry.state).toBe('expiring');
    now = new Date('2026-08-02T09:00:00.000Z');
    const [later] = await ok<ManualView[]>(core.call('manual.list', { criterion: 'CC4.1' }));
    expect(later!.expiry).toMatchObject({ state: 'expired', days: -1 });
    now = new Date('2026-07-15T10:00:00.000Z');
  });
});
