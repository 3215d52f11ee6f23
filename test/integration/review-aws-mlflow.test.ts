import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateLoginProfileCommand, CreateUserCommand, DeleteLoginProfileCommand, DeleteUserCommand } from '@aws-sdk/client-iam';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CsvImportView, ExportView, ReviewView } from '../../core/api';
import { basicConfig, harness, type Harness } from '../fixtures/mlflow/harness';
import { api, createUser } from '../fixtures/mlflow/rest';
import { iamClient, useAwsTestEnv } from './aws-helpers';
import { run, unzipTo } from './bundle-helpers';

// The done-when for access reviews, against the real servers: moto_server (AWS IAM) and MLflow 3.x.
// Names are unique per run and moto is not reset: other files share both servers.
const endpoint = inject('motoEndpoint');
const { server } = inject('mlflow3');
const tag = `rv${Date.now().toString(36)}`;
const awsLeaver = `${tag}-aws-leaver`;
const awsStays = `${tag}-aws-stays`;
const mlflowLeaver = `${tag}-mlflow-leaver`;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
let h: Harness;
let review: ReviewView;

const collect = async () => {
  await h.call('collect.run', { source: 'moto', kinds: ['aws.iam', 'aws.credential-report'] });
  await h.call('collect.run', { source: 'prod', kinds: ['mlflow.access'] });
};
const line = (r: ReviewView, source: string, principal: string) => r.rows.find((l) => l.source === source && l.principal === principal)!;

beforeAll(async () => {
  useAwsTestEnv();
  const iam = iamClient(endpoint);
  for (const UserName of [awsLeaver, awsStays]) {
    await iam.send(new CreateUserCommand({ UserName }));
    await iam.send(new CreateLoginProfileCommand({ UserName, Password: 'Sup3r-secret-pw!' }));
  }
  await createUser(server, mlflowLeaver);
  h = await harness({ ...process.env, MLFLOW_PASSWORD: server.admin.password });
  await h.call('source.add', { type: 'aws', name: 'moto', config: { endpoint } });
  await h.call('source.add', { type: 'mlflow', name: 'prod', config: basicConfig(server) });
  await collect();
});
afterAll(async () => {
  const iam = iamClient(endpoint);
  await iam.send(new DeleteLoginProfileCommand({ UserName: awsStays })).catch(() => undefined);
  await iam.send(new DeleteUserCommand({ UserName: awsStays })).catch(() => undefined);
  await api(server, 'DELETE', '2.0/mlflow/users/delete', { username: mlflowLeaver }).catch(() => undefined);
  h?.cleanup();
});

describe('an access review of an AWS and an MLflow snapshot, followed up and exported', () => {
  it('starts from the latest access snapshots of the period: one line per principal, AWS kinds merged', async () => {
    review = await h.call<ReviewView>('review.start', { from: day(-1), to: day(1), reviewer: 'dana@acme.example' });
    expect(review.snapshots.map((s) => s.kind).sort()).toEqual(['aws.credential-report', 'aws.iam', 'mlflow.access']);
    const leaver = line(review, 'moto', awsLeaver);
    expect(leaver).toMatchObject({ kinds: ['aws.iam', 'aws.credential-report'], mfa: false, tag: 'new', roles: ['console password'] });
    expect(leaver.flags).toContain('no_mfa');
    expect(line(review, 'prod', server.admin.username).flags).toContain('privileged');
    expect(line(review, 'prod', mlflowLeaver)).toMatchObject({ type: 'user', mfa: null, tag: 'new', roles: ['default permission only (no grants)'] });
  });

  it('is decided (one revoke each, the rest kept through the CSV) and closed', async () => {
    await h.call('review.decide', {
      review: review.id,
      line: line(review, 'moto', awsLeaver).line,
      decision: 'revoke',
      comment: 'left in October',
      reviewer: 'dana',
    });
    await h.call('review.decide', {
      review: review.id,
      line: line(review, 'prod', mlflowLeaver).line,
      decision: 'revoke',
      comment: 'project ended',
      reviewer: 'dana',
    });
    const csv = await h.call<{ csv: string }>('review.exportCsv', { review: review.id });
    const rows = (parse(csv.csv, { columns: true }) as Record<string, string>[]).map((r) =>
      r.decision ? r : { ...r, decision: 'keep', comment: 'still needed', reviewer: 'dana' },
    );
    const file = join(h.home, 'review.csv');
    writeFileSync(file, stringify(rows, { header: true }));
    const imported = await h.call<CsvImportView>('review.importCsv', { review: review.id, file });
    expect(imported).toMatchObject({ recorded: review.rows.length - 2, refused: [] });
    review = await h.call<ReviewView>('review.close', { review: review.id, reviewer: 'dana' });
    expect(review).toMatchObject({ status: 'closed', decided: review.toDecide, counts: { byDecision: { revoke: 2, keep: review.rows.length - 2 } } });
    expect(review.followUp.map((f) => f.status)).toEqual(['open', 'open']);
  });

  it('after the AWS user is removed on the server, new collections show that revocation done and the MLflow one open', async () => {
    const iam = iamClient(endpoint);
    await iam.send(new DeleteLoginProfileCommand({ UserName: awsLeaver }));
    await iam.send(new DeleteUserCommand({ UserName: awsLeaver }));
    await collect();
    review = await h.call<ReviewView>('review.show', { review: review.id });
    const aws = review.followUp.find((f) => f.source === 'moto')!;
    const mlflow = review.followUp.find((f) => f.source === 'prod')!;
    const newest = Math.max(...review.snapshots.map((s) => s.seq));
    expect(aws).toMatchObject({ status: 'done', principal: awsLeaver, detail: expect.stringMatching(/no longer listed/) });
    expect(aws.evidence!.seq).toBeGreaterThan(newest);
    expect(aws.evidence!.kind).toMatch(/^aws\.(iam|credential-report)$/);
    expect(mlflow).toMatchObject({ status: 'open', principal: mlflowLeaver, ageDays: 0, evidence: { kind: 'mlflow.access' } });
    expect(mlflow.evidence!.seq).toBeGreaterThan(newest);
    // The proving snapshot is a stored item whose hash the follow-up quotes.
    const item = await h.call<{ contentSha256: string }>('items.show', { seq: aws.evidence!.seq });
    expect(item.contentSha256).toBe(aws.evidence!.contentSha256);
  });

  it('is exported in a CC6.2 bundle with its review package, and the bundle verifies with openssl and sha256sum', async () => {
    const [out] = (
      await h.call<{ bundles: ExportView[] }>('export.bundle', { criterion: 'CC6.2', from: day(-1), to: day(1), out: join(h.home, 'bundles') })
    ).bundles as [ExportView];
    const dir = unzipTo(out.path, join(h.home, 'x'));
    const sig = ['pkeyutl', '-verify', '-pubin', '-inkey', 'signing-key.pub.pem', '-rawin', '-in', 'SHA256SUMS', '-sigfile', 'SHA256SUMS.sig'];
    expect(run('openssl', sig, dir)).toMatchObject({ code: 0, out: expect.stringContaining('Signature Verified Successfully') });
    expect(run('sha256sum', ['--strict', '--quiet', '-c', 'SHA256SUMS'], dir)).toEqual({ code: 0, out: '' });
    expect(run('bash', ['tools/verify.sh', out.keyFingerprint], dir).code).toBe(0);
    expect(run('node', ['tools/verify-log.mjs', out.keyFingerprint], dir).code).toBe(0);
    const sums = readFileSync(join(dir, 'SHA256SUMS'), 'utf8');
    const pkg = `reviews/review-${review.id}`;
    for (const f of ['review.pdf', 'decisions.json']) expect(sums).toContain(`  ${pkg}/${f}\n`);
    const decisions = JSON.parse(readFileSync(join(dir, pkg, 'decisions.json'), 'utf8'));
    expect(decisions.format).toBe('evidence-locker/access-review/v1');
    expect(decisions.followUp.map((f: { principal: string; status: string }) => [f.principal, f.status]).sort()).toEqual(
      [
        [awsLeaver, 'done'],
        [mlflowLeaver, 'open'],
      ].sort(),
    );
    // Every cited snapshot is in the bundle, and each review log entry file hashes to the leaf the log holds.
    for (const path of Object.values(decisions.snapshotFiles) as string[]) expect(sums).toContain(`  ${path}\n`);
    expect(decisions.logEntries.map((e: { type: string }) => e.type)).toEqual([
      'review_started',
      ...Array(review.rows.length).fill('review_decided'),
      'review_closed',
    ]);
    for (const e of decisions.logEntries as { path: string; leaf: string }[]) {
      const leaf = createHash('sha256')
        .update(Buffer.concat([Buffer.from([0]), readFileSync(join(dir, e.path))]))
        .digest('hex');
      expect(leaf).toBe(e.leaf);
    }
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.attachments.filter((a: { kind: string }) => a.kind === 'access-review')).toHaveLength(2);
    const text = execFileSync('pdftotext', ['-raw', join(dir, pkg, 'review.pdf'), '-']).toString();
    expect(text).toMatch(/Access review #\d+/);
    expect(text).toContain('carried out');
    expect(text).toMatch(/OPEN, 0\s+days/);
    expect(text).toContain(awsLeaver);
  });
});
