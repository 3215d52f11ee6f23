import { AppError } from '../util/errors';
import type { EvidenceStore } from './evidence-store';
import { dbOf } from './handle';
import * as periods from './repos/periods';

/** An audit period as the rest of core sees it (criteria parsed, not-applicable marks attached). */
export interface StoredPeriod {
  id: number;
  name: string;
  type: 'type1' | 'type2';
  from: string;
  to: string;
  criteria: string[];
  notApplicable: { criterion: string; justification: string; at: string; by: string; logIdx: number }[];
  createdAt: string;
  updatedAt: string;
  logIdx: number;
}

export interface PeriodFields {
  name: string;
  type: 'type1' | 'type2';
  from: string;
  to: string;
  criteria: string[];
}

function toStored(store: EvidenceStore, row: periods.PeriodRow): StoredPeriod {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    from: row.period_from,
    to: row.period_to,
    criteria: JSON.parse(row.criteria) as string[],
    notApplicable: periods.notApplicableFor(dbOf(store), row.id).map((n) => ({
      criterion: n.criterion,
      justification: n.justification,
      at: n.at,
      by: n.by_user,
      logIdx: n.log_idx,
    })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    logIdx: row.log_idx,
  };
}

export function listPeriods(store: EvidenceStore): StoredPeriod[] {
  return periods.activePeriods(dbOf(store)).map((r) => toStored(store, r));
}

export function getPeriod(store: EvidenceStore, name: string): StoredPeriod {
  const row = periods.activePeriodByName(dbOf(store), name);
  if (!row) {
    const names = periods.activePeriods(dbOf(store)).map((p) => p.name);
    throw new AppError(
      'NOT_FOUND',
      `No audit period named "${name}" (periods: ${names.length ? names.join(', ') : 'none yet; add one with `period add`'}).`,
    );
  }
  return toStored(store, row);
}

const logged = (f: PeriodFields) => ({ name: f.name, type: f.type, from: f.from, to: f.to, criteria: f.criteria });

/** A new period, logged as period_set (no `before`). */
export function addPeriod(store: EvidenceStore, f: PeriodFields): StoredPeriod {
  store.assertWritable();
  store.tx(() => {
    if (periods.activePeriodByName(dbOf(store), f.name)) throw new AppError('CONFLICT', `An audit period named "${f.name}" already exists.`);
    const at = store.now();
    const entry = store.appendLog('period_set', { period: logged(f) });
    periods.insertPeriod(dbOf(store), {
      name: f.name,
      type: f.type,
      period_from: f.from,
      period_to: f.to,
      criteria: JSON.stringify(f.criteria),
      created_at: at,
      updated_at: at,
      log_idx: entry.idx,
    });
  });
  store.checkpoint();
  return getPeriod(store, f.name);
}

/** A changed period, logged as period_set with the values before and after. */
export function changePeriod(store: EvidenceStore, name: string, f: PeriodFields): StoredPeriod {
  store.assertWritable();
  store.tx(() => {
    const before = getPeriod(store, name);
    if (f.name !== name && periods.activePeriodByName(dbOf(store), f.name))
      throw new AppError('CONFLICT', `An audit period named "${f.name}" already exists.`);
    const entry = store.appendLog('period_set', { period: logged(f), before: logged(before) });
    periods.updatePeriod(dbOf(store), {
      id: before.id,
      name: f.name,
      type: f.type,
      period_from: f.from,
      period_to: f.to,
      criteria: JSON.stringify(f.criteria),
      updated_at: store.now(),
      log_idx: entry.idx,
    });
  });
  store.checkpoint();
  return getPeriod(store, f.name);
}

export function removePeriod(store: EvidenceStore, name: string): { name: string; logIdx: number } {
  store.assertWritable();
  const idx = store.tx(() => {
    const p = getPeriod(store, name);
    const entry = store.appendLog('period_removed', { period: logged(p) });
    periods.markPeriodRemoved(dbOf(store), p.id, store.now(), entry.idx);
    return entry.idx;
  });
  store.checkpoint();
  return { name, logIdx: idx };
}

/** Marks (justification) or unmarks (null) a criterion not applicable for a period; either way logged. */
export function markNotApplicable(store: EvidenceStore, periodName: string, criterion: string, justification: string | null): StoredPeriod {
  store.assertWritable();
  store.tx(() => {
    const p = getPeriod(store, periodName);
    const entry = store.appendLog('criterion_not_applicable', { period: p.name, criterion, justification });
    if (justification === null) {
      if (!periods.clearNotApplicable(dbOf(store), p.id, criterion))
        throw new AppError('NOT_FOUND', `${criterion} is not marked not applicable in "${p.name}".`);
    } else {
      periods.setNotApplicable(dbOf(store), {
        period_id: p.id,
        criterion,
        justification,
        at: store.now(),
        by_user: store.opts.actor.osUser,
        log_idx: entry.idx,
      });
    }
  });
  store.checkpoint();
  return getPeriod(store, periodName);
}
