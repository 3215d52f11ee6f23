import { createCore, type Core } from '../../core/api';
import type { SourceFamily } from '../../core/families/types';

export interface StoreCheck {
  /** Why the store counts as corrupt (does not open, warns, or verify-store finds problems); empty when sound. */
  corrupt: string[];
  /** Reported-committed items that are missing or whose content hash changed. */
  lost: string[];
  /** Runs the kill left `running`, now marked interrupted by runs.recover. */
  interrupted: number[];
  /** Runs still `running` after recovery, or recovered runs not shown as interrupted. */
  runProblems: string[];
  logSize: number;
}

async function value<T>(core: Core, name: string, input: unknown = {}): Promise<T> {
  const r = await core.callUntyped(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** Every item in the store as seq → content hash (items.list pages, metadata only). */
async function allItems(core: Core): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let offset = 0; ; offset += 5000) {
    const page = await value<{ total: number; rows: { seq: number; contentSha256: string }[] }>(core, 'items.list', { offset, limit: 5000 });
    for (const r of page.rows) out.set(r.seq, r.contentSha256);
    if (page.rows.length < 5000) return out;
  }
}

/**
 * What a fault test asks of a store after a child was killed, through the same core a host uses: it opens without a
 * warning, store.verify passes, every item the child reported committed is there with the same content hash, and
 * the runs the kill left running are shown as interrupted once recovered (as the next collection does first).
 */
export async function checkStore(home: string, families: readonly SourceFamily[], reported: ReadonlyMap<number, string>): Promise<StoreCheck> {
  const result: StoreCheck = { corrupt: [], lost: [], interrupted: [], runProblems: [], logSize: 0 };
  let core: Core | undefined;
  try {
    core = createCore({ home, families });
    const status = await value<{ warning: { code: string; message: string } | null }>(core, 'store.status');
    if (status.warning) result.corrupt.push(`store.status warns ${status.warning.code}: ${status.warning.message}`);
    const v = await value<{ ok: boolean; logSize: number; problems: unknown[] }>(core, 'store.verify');
    result.logSize = v.logSize;
    if (!v.ok || v.problems.length) result.corrupt.push(`store.verify: ${JSON.stringify(v.problems).slice(0, 500)}`);
    const items = await allItems(core);
    for (const [seq, sha] of reported) {
      const found = items.get(seq);
      if (found !== sha) result.lost.push(`item ${seq}: ${found ? `hash ${found} instead of ${sha}` : 'missing'}`);
    }
    result.interrupted = (await value<{ interrupted: number[] }>(core, 'runs.recover')).interrupted;
    const runs = await value<{ rows: { id: number; status: string }[] }>(core, 'runs.list', { limit: 500 });
    for (const r of runs.rows) if (r.status === 'running') result.runProblems.push(`run ${r.id} still running after recovery`);
    for (const id of result.interrupted) {
      const row = runs.rows.find((r) => r.id === id);
      if (row && row.status !== 'interrupted') result.runProblems.push(`run ${id} recovered but shown as ${row.status}`);
    }
  } catch (err) {
    result.corrupt.push(`the store could not be checked: ${(err as Error).message}`);
  } finally {
    core?.close();
  }
  return result;
}
