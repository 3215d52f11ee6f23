import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../core/api';
import { BUILT_IN_FAMILIES } from '../../core/families/built-in';
import { MemorySecretStore } from '../../core/sign/secret-store';
import { fakeFamily } from '../fixtures/fake-family';
import { tempDir } from '../helpers/temp-store';

describe('a source family added in one module plus one line in the family list', () => {
  const tmp = tempDir('el-family-');
  const core = createCore({ home: join(tmp.dir, 'home'), secrets: new MemorySecretStore(), families: [...BUILT_IN_FAMILIES, fakeFamily] });
  afterAll(() => (core.close(), tmp.cleanup()));
  const call = async (name: string, input: unknown) => {
    const r = await core.callUntyped(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value as Record<string, unknown>;
  };

  it('is collected, imported, diffed, mapped to criteria and exported like the built-in ones', async () => {
    await call('store.init', {});
    const types = (await call('source.types', {})) as unknown as { type: string; kinds: string[] }[];
    expect(types.map((t) => t.type)).toEqual([...BUILT_IN_FAMILIES.map((f) => f.type), 'fake']);
    expect(((await call('import.types', {})) as unknown as { type: string }[]).map((t) => t.type)).toContain('fake');
    expect(await call('diff.kinds', {})).toContain('fake.access');

    await call('source.add', { type: 'fake', name: 'team', config: { members: ['ana', 'bo'] } });
    expect(await call('collect.run', {})).toMatchObject([{ source: 'team', status: 'complete', outcomes: [{ kind: 'fake.access', items: 1 }] }]);
    const file = join(tmp.dir, 'members.json');
    writeFileSync(file, JSON.stringify(['ana', 'cy']));
    expect(await call('import.run', { type: 'fake', file, source: 'team' })).toMatchObject({ kind: 'fake.access', source: 'team' });

    const diff = await call('diff.run', { source: 'team', kind: 'fake.access' });
    expect(diff.changes).toEqual([
      { type: 'user_added', subject: 'user cy' },
      { type: 'user_removed', subject: 'user bo' },
    ]);
    const exported = (await call('export.bundle', { criterion: 'CC6.2', from: '2026-01-01', to: '2100-12-31', out: join(tmp.dir, 'out') })) as {
      bundles: { items: number }[];
    };
    expect(exported.bundles[0]!.items).toBe(3); // two snapshots and their diff, mapped by the family's own row
    expect(await call('store.verify', {})).toMatchObject({ ok: true });
  });

  it('is unknown to a core that was not handed it', async () => {
    const plain = createCore({ home: join(tmp.dir, 'plain'), secrets: new MemorySecretStore() });
    await plain.call('store.init', {});
    expect(await plain.call('source.add', { type: 'fake', name: 'x', config: {} })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    plain.close();
  });
});
