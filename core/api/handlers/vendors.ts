import { dueFlags } from '../../vendors/due';
import { addVendor, listVendors, removeVendor, seedVendors, updateVendor, vendorSuggestions } from '../../vendors/register';
import type { vendorContract } from '../contract/vendors';
import type { Handlers } from './handler';

const URGENCY = { overdue: 0, soon: 1 } as const;

export const vendorHandlers: Handlers<keyof typeof vendorContract> = {
  'vendor.list'(ctx, input) {
    const store = ctx.readStore();
    return { vendors: listVendors(store, ctx.clock(), input.includeRemoved), suggestions: vendorSuggestions(store) };
  },
  'vendor.add'(ctx, input) {
    return addVendor(ctx, input);
  },
  'vendor.seed'(ctx, input) {
    return seedVendors(ctx, input.names);
  },
  'vendor.update'(ctx, input) {
    return updateVendor(ctx, input.vendor, input.changes);
  },
  'vendor.remove'(ctx, input) {
    return removeVendor(ctx, input.vendor, input.reason);
  },
  'vendor.due'(ctx, input) {
    const now = ctx.clock();
    const vendors = listVendors(ctx.readStore(), now)
      .map((v) => ({ ...v, flags: dueFlags(v.fields, now, input.windowDays) }))
      .filter((v) => v.flags.length > 0);
    const rank = (v: (typeof vendors)[number]) => Math.min(...v.flags.map((f) => URGENCY[f.severity] * 100_000 + (f.days ?? -99_999)));
    vendors.sort((a, b) => rank(a) - rank(b) || a.fields.name.localeCompare(b.fields.name));
    const flags = vendors.flatMap((v) => v.flags);
    return {
      asOf: now.toISOString().slice(0, 10),
      windowDays: input.windowDays,
      vendors,
      counts: { overdue: flags.filter((f) => f.severity === 'overdue').length, soon: flags.filter((f) => f.severity === 'soon').length },
    };
  },
};
