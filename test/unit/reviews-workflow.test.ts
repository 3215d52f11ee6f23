import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CsvImportView, ReviewLineView, ReviewView } from '../../core/api';
import { tempCore } from '../helpers/temp-store';

interface LogView {
  idx: number;
  body: Record<string, unknown>;
}

const DEMO = join(import.meta.dirname, '..', '..', 'resources', 'demo');

/**
 * The review workflow through the contract, on the demo's imported MLflow and GCP exports: start, tags against the
 * previous review, flags, decisions (comment and self-review rules), the signed log, close, follow-up, CSV round trip.
 */
describe('access reviews', () => {
  let t: Awaited<ReturnType<typeof tempCore>>;
  const seqs: Record<string, number> = {};
  const importFile = async (type: string, file: string, source: string) => {
    return (await t.call<{ seq: number }>('import.run', { type, file: join(DEMO, file), source })).seq;
  };
  const lineOf = (r: ReviewView, principal: string) => r.rows.find((l) => l.principal === principal)!;
  const fails = async (name: string, input: unknown) => {
    const r = await t.core.callUntyped(name, input);
    if (r.ok) throw new Error(`${name} should have failed`);
    return r.error;
  };

  beforeAll(async () => {
    t = await tempCore();
    seqs.users1 = await importFile('mlflow', 'mlflow-users-1.json', 'mlflow-prod');
    seqs.gcp = await importFile('gcp', 'acme-ml-prod.iam-policy.json', 'gcp-prod');
  });
  afterAll(() => t.cleanup());

  it('starts from one MLflow snapshot: a line per user, admin privileged, people matched against the GCP source', async () => {
    const r = await t.call<ReviewView>('review.start', { snapshot: seqs.users1 });
    expect(r.snapshots).toEqual([expect.objectContaining({ seq: seqs.users1, kind: 'mlflow.access', source: 'mlflow-prod' })]);
    expect(r.rows.map((l) => l.principal)).toEqual(['admin', 'alice@example.com', 'bob@example.com', 'carol@example.com']);
    expect(r.rows.every((l) => l.tag === 'new' && l.mfa === null)).toBe(true);
    // GCP binds user:alice@acme.example, bob and carol (same person keys), but no "admin": that account is orphaned.
    expect(lineOf(r, 'admin').flags).toEqual(['orphaned', 'privileged']);
    expect(lineOf(r, 'admin').flagNotes.join()).toMatch(/no matching person in gcp-prod/);
    expect(lineOf(r, 'alice@example.com').flags).toEqual([]);
    expect(r).toMatchObject({ id: 1, status: 'open', toDecide: 4, decided: 0 });
  });

  it('flags a deleted GCP member as orphaned and owners as privileged', async () => {
    const r = await t.call<ReviewView>('review.start', { snapshot: seqs.gcp });
    const deleted = r.rows.find((l) => l.principal.startsWith('deleted:'))!;
    expect(deleted.flags).toContain('orphaned');
    // Service accounts stand for no person: never orphaned for want of a match. Alice owns the project.
    expect(r.rows.find((l) => l.type === 'service')!.flags).toEqual([]);
    expect(r.rows.find((l) => l.principal === 'user:alice@acme.example')!.flags).toEqual(['privileged']);
    expect(r.rows.find((l) => l.principal === 'group:ml-admins@acme.example')!.flags).toEqual(['privileged']);
  });

  it('refuses decisions without a comment, and one on your own access without a reason', async () => {
    expect(await fails('review.decide', { review: 1, line: 3, decision: 'revoke' })).toMatchObject({ code: 'BAD_INPUT', message: /needs a comment/ });
    expect(await fails('review.decide', { review: 1, line: 4, decision: 'keep', reviewer: 'carol@example.com' })).toMatchObject({
      code: 'BAD_INPUT',
      message: /carol@example.com is deciding on their own access.*give a reason/,
    });
    const own = await t.call<ReviewLineView>('review.decide', {
      review: 1,
      line: 4,
      decision: 'keep',
      reviewer: 'carol',
      reason: 'no other admin on leave',
    });
    expect(own.decision).toMatchObject({ decision: 'keep', reviewer: 'carol', reason: 'no other admin on leave' });
  });

  it('records each decision as a log entry with reviewer and snapshot hash, and closes only when all are decided', async () => {
    await t.call('review.decide', { review: 1, line: 1, decision: 'keep', reviewer: 'dana' });
    await t.call('review.decide', { review: 1, line: 3, decision: 'revoke', comment: 'left the company', reviewer: 'dana' });
    expect(await fails('review.close', { review: 1 })).toMatchObject({
      code: 'BAD_INPUT',
      message: /1 line\(s\) without a decision \(line 2 alice@example.com\)/,
    });
    await t.call('review.decide', { review: 1, line: 2, decision: 'change_role', comment: 'read only is enough', newRole: 'READ', reviewer: 'dana' });
    const log = await t.call<LogView[]>('log.list', { limit: 10, type: 'review_decided' });
    const bob = log.find((e) => (e.body.decision as { line: number }).line === 3)!;
    const view = await t.call<ReviewView>('review.show', { review: 1 });
    expect(bob.body).toMatchObject({
      decision: { decision: 'revoke', reviewer: 'dana', comment: 'left the company', via: 'app' },
      snapshots: [{ seq: seqs.users1, contentSha256: view.snapshots[0]!.contentSha256 }],
      actor: expect.objectContaining({ osUser: expect.any(String) }),
    });
    const closed = await t.call<ReviewView>('review.close', { review: 1, reviewer: 'dana' });
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'dana', decided: 4 });
    const entry = (await t.call<LogView[]>('log.list', { limit: 1, type: 'review_closed' }))[0]!;
    expect(entry.idx).toBe(closed.closedLogIdx);
    expect(entry.body).toMatchObject({ review: { id: 1 }, decisions: { keep: 2, revoke: 1, change_role: 1 } });
    // Covered by a signed checkpoint right away.
    const status = await t.call<{ lastCheckpoint: { size: number } }>('store.status');
    expect(status.lastCheckpoint.size).toBeGreaterThan(entry.idx);
    expect(await fails('review.decide', { review: 1, line: 1, decision: 'defer', comment: 'x' })).toMatchObject({ code: 'CONFLICT' });
  });

  it('follows up with the next snapshot: the role change is carried out, the revocation still open', async () => {
    const before = await t.call<ReviewView>('review.show', { review: 1 });
    expect(before.followUp.map((f) => f.status)).toEqual(['open', 'open']);
    expect(before.followUp[0]!.detail).toMatch(/No snapshot/);
    seqs.users2 = await importFile('mlflow', 'mlflow-users-2.json', 'mlflow-prod');
    const after = await t.call<ReviewView>('review.show', { review: 1 });
    const alice = after.followUp.find((f) => f.principal === 'alice@example.com')!;
    const bob = after.followUp.find((f) => f.principal === 'bob@example.com')!;
    expect(alice).toMatchObject({ status: 'done', decision: 'change_role', evidence: { seq: seqs.users2 } });
    expect(alice.detail).toMatch(/now includes "READ"/);
    expect(bob).toMatchObject({ status: 'open', decision: 'revoke', evidence: { seq: seqs.users2 }, ageDays: 0 });
  });

  it('tags the next review against the previous one: new, unchanged with the roles before', async () => {
    const r = await t.call<ReviewView>('review.start', { from: '2000-01-01', to: '2100-12-31', source: 'mlflow-prod' });
    expect(r.previousId).toBe(1);
    expect(r.snapshots.map((s) => s.seq)).toEqual([seqs.users2]);
    expect(lineOf(r, 'erin@example.com').tag).toBe('new');
    expect(lineOf(r, 'alice@example.com')).toMatchObject({ tag: 'unchanged', rolesBefore: ['experiment 1: EDIT', 'model fraud-detector: EDIT'] });
    expect(lineOf(r, 'bob@example.com').tag).toBe('unchanged');
  });

  it('exports CSV with formula cells quoted and reads decisions back, refusing rows that do not match with their line numbers', async () => {
    const id = (await t.call<ReviewView[]>('review.list'))[0]!.id;
    const out = await t.call<{ csv: string; rows: number; fileName: string }>('review.exportCsv', { review: id });
    expect(out.fileName).toBe(`access-review-${id}.csv`);
    const rows = parse(out.csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(out.rows);
    expect(rows[0]!.snapshot_sha256).toMatch(/^[0-9a-f]{64}$/);
    // Every decision filled in; row 3 (file line 4) names another principal, row 4 (line 5) another snapshot hash.
    rows.forEach((r, i) => Object.assign(r, { decision: i === 1 ? 'Revoke' : 'keep', comment: i === 1 ? '=HYPERLINK("x")' : '', reviewer: 'dana' }));
    rows[2]!.principal = 'mallory@example.com';
    rows[3]!.snapshot_sha256 = '0'.repeat(64);
    const file = join(t.home, 'review.csv');
    writeFileSync(file, stringify(rows, { header: true }));
    const r = await t.call<CsvImportView>('review.importCsv', { review: id, file });
    expect(r.refused).toEqual([
      { line: 4, reason: expect.stringMatching(/is mlflow-prod .* in the review, not mlflow-prod mallory@example.com/) },
      { line: 5, reason: expect.stringMatching(/snapshot hash 0{64} is not the reviewed snapshot's/) },
    ]);
    expect(r.recorded).toBe(rows.length - 2);
    const view = await t.call<ReviewView>('review.show', { review: id });
    expect(view.rows[1]!.decision).toMatchObject({ decision: 'revoke', via: 'csv', comment: '=HYPERLINK("x")' });
    // Exported again: the formula-like comment is text to a spreadsheet (leading apostrophe), and reads back unchanged.
    const again = await t.call<{ csv: string }>('review.exportCsv', { review: id });
    expect(again.csv).toContain(`"'=HYPERLINK(""x"")"`);
    writeFileSync(file, again.csv);
    expect(await t.call<CsvImportView>('review.importCsv', { review: id, file })).toMatchObject({ recorded: 0, refused: [] });
    expect(readFileSync(file, 'utf8')).toContain('review,line,source,principal');
  });

  it('refuses a snapshot that is not an access list, and a file that is not a review CSV', async () => {
    const registry = await t.call<{ seq: number }>('import.run', {
      type: 'mlflow',
      file: join(DEMO, 'mlflow-model-versions-1.json'),
      source: 'mlflow-prod',
    });
    expect(await fails('review.start', { snapshot: registry.seq })).toMatchObject({ code: 'BAD_INPUT', message: /not an access snapshot/ });
    expect(await fails('review.importCsv', { review: 3, file: join(DEMO, 'mlflow-users-1.json') })).toMatchObject({ code: 'BAD_INPUT' });
  });
});
