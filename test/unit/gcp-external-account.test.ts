import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gcpHarness, type GcpHarness } from '../fixtures/gcp/harness';

/**
 * Workload identity federation: an external-account file (as `gcloud iam workload-identity-pools
 * create-cred-config` writes it) whose subject token is read from a file and exchanged at the STS token_url.
 */
let h: GcpHarness;
let subject: string;
beforeAll(async () => {
  h = await gcpHarness();
  subject = `eyJhbGciOiJSUzI1NiJ9.${randomBytes(30).toString('base64url')}.${randomBytes(30).toString('base64url')}`;
  h.stub.state.subjectToken = subject;
  writeFileSync(join(h.dir, 'oidc-token.txt'), subject);
  const cred = {
    type: 'external_account',
    audience: '//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/ci/providers/github',
    subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
    token_url: `${h.stub.url}/v1/token`,
    credential_source: { file: join(h.dir, 'oidc-token.txt') },
  };
  writeFileSync(join(h.dir, 'external-account.json'), JSON.stringify(cred));
  await h.call('source.add', { type: 'gcp', name: 'wif', config: h.config({ keyFile: join(h.dir, 'external-account.json'), kinds: ['gcp.iam'] }) });
});
afterAll(() => h?.close());

describe('an external-account credential file', () => {
  it('is exchanged at its token_url and used; the credential is named in the IPE; no token is stored', async () => {
    const [run] = await h.call<{ status: string }[]>('collect.run', { source: 'wif' });
    expect(run!.status).toBe('complete');
    expect(h.stub.hits.some((x) => x.path === '/v1/token')).toBe(true);
    const row = (await h.call<{ rows: { seq: number }[] }>('items.list', {})).rows[0]!;
    const item = await h.call<{ ipe: { notes: string[] } }>('items.show', { seq: row.seq });
    expect(item.ipe.notes[0]).toMatch(/external account for \/\/iam\.googleapis\.com\/projects\/123456789012\/.*providers\/github/);
    const bytes = h.storeBytes().toString('latin1');
    for (const secret of [subject, ...h.stub.issued]) expect(bytes.includes(secret)).toBe(false);
  });
});
