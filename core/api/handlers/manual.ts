import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { contentPath } from '../../manual/content-store';
import { addManual, findManual, listManual, manualView, withdrawManual } from '../../manual/manual';
import { listManualRows } from '../../store/manual-store';
import type { manualContract } from '../contract/manual';
import type { Handlers } from './handler';

export const manualHandlers: Handlers<keyof typeof manualContract> = {
  'manual.add'(ctx, input) {
    return addManual(ctx, input);
  },
  'manual.list'(ctx, input) {
    return listManual(ctx.readStore(), ctx.clock(), input);
  },
  'manual.show'(ctx, input) {
    const store = ctx.readStore();
    const row = findManual(store, input.id);
    const path = contentPath(store.paths.home, row.sha256);
    const present = existsSync(path);
    const matches = present && createHash('sha256').update(readFileSync(path)).digest('hex') === row.sha256;
    // The chain of uploads this one belongs to: the ones it replaced (backwards) and the ones that replaced it.
    const rows = listManualRows(store);
    const chain = new Set([row.id]);
    for (let at: number | null = row.superseded_by; at !== null && !chain.has(at); at = rows.find((r) => r.id === at)?.superseded_by ?? null)
      chain.add(at);
    for (let at = rows.find((r) => r.superseded_by === row.id); at && !chain.has(at.id); at = rows.find((r) => r.superseded_by === at!.id))
      chain.add(at.id);
    const history = rows
      .filter((r) => chain.has(r.id) && r.id !== row.id)
      .map((r) => ({ id: r.id, status: r.status, evidenceFor: r.evidence_for, uploadedAt: r.uploaded_at }));
    return { ...manualView(store, row, ctx.clock()), stored: { present, matches }, history };
  },
  'manual.remove'(ctx, input) {
    return withdrawManual(ctx, input.id, input.reason);
  },
};
