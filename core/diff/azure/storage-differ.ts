import { diffField, keyBy, sameJson, visitKeyed } from '../compare';
import type { Change, Differ } from '../types';

type Obj = Record<string, unknown>;
type Setting = { status: string; config?: unknown; code?: string };
interface Account {
  name: string;
  allowBlobPublicAccess: boolean | null;
  lifecycle: Setting;
  blobService: Setting;
  containers: Setting;
}

/** Only two recorded facts compare: a setting not provided by an import, or one that errored, says nothing. */
const comparable = (b: Setting, a: Setting) =>
  ['configured', 'not_configured'].includes(b.status) && ['configured', 'not_configured'].includes(a.status);
const rulesOf = (s: Setting) => (s.status === 'configured' ? ((s.config as { rules?: Obj[] }).rules ?? []) : []);

const o = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});

/** "training/raw/ · baseBlob tierToCool after 7 d, delete after 30 d · version delete after 90 d" (disabled rules say so). */
export function ruleSummary(rule: Obj): string {
  const def = o(rule.definition);
  const prefixes = Array.isArray(o(def.filters).prefixMatch) ? (o(def.filters).prefixMatch as string[]).join(', ') : 'all blobs';
  const actions = Object.entries(o(def.actions)).map(([target, acts]) => {
    const steps = Object.entries(o(acts)).map(([action, cond]) => {
      const days = Object.entries(o(cond)).map(
        ([k, d]) => `${d} d${k.includes('LastAccess') ? ' unread' : k.includes('Creation') ? ' from creation' : ''}`,
      );
      return `${action} after ${days.join('/') || '?'}`;
    });
    return `${target} ${steps.join(', ')}`;
  });
  return `${rule.enabled === false ? 'DISABLED · ' : ''}${prefixes} · ${actions.join(' · ')}`;
}

const immutability = (v: Obj | null) => (v ? `${v.state ?? '?'}, ${v.immutabilityPeriodSinceCreationInDays ?? '?'} d` : null);
const holdTags = (v: unknown) => (Array.isArray(o(v).tags) ? (o(v).tags as Obj[]).map((t) => String(t.tag)) : null);

function lifecycle(subject: string, b: Setting, a: Setting): Change[] {
  if (b.status !== a.status)
    return [
      {
        type: a.status === 'configured' ? 'lifecycle_policy_added' : 'lifecycle_policy_removed',
        subject,
        field: 'lifecycle policy',
        before: b.status,
        after: a.status,
      },
    ];
  const out: Change[] = [];
  visitKeyed(
    keyBy(rulesOf(b), (r) => String(r.name)),
    keyBy(rulesOf(a), (r) => String(r.name)),
    {
      added: (n, r) => out.push({ type: 'lifecycle_rule_added', subject, field: `lifecycle rule ${n}`, after: r }),
      removed: (n, r) => out.push({ type: 'lifecycle_rule_removed', subject, field: `lifecycle rule ${n}`, before: r }),
      both: (n, rb, ra) => {
        if (sameJson(rb, ra)) return;
        // A sentence per side reads in a table; the full rules stay in both snapshots (and here when the sentence is the same).
        const [sb, sa] = [ruleSummary(rb), ruleSummary(ra)];
        out.push({ type: 'lifecycle_rule_changed', subject, field: `lifecycle rule ${n}`, before: sb === sa ? rb : sb, after: sb === sa ? ra : sa });
      },
    },
  );
  return out;
}

const BLOB_FIELDS: [string, string][] = [
  ['deleteRetentionPolicy', 'soft_delete_changed'],
  ['containerDeleteRetentionPolicy', 'container_soft_delete_changed'],
  ['isVersioningEnabled', 'versioning_changed'],
  ['restorePolicy', 'restore_policy_changed'],
  ['changeFeed', 'change_feed_changed'],
];

function containers(account: string, b: Setting, a: Setting): Change[] {
  const out: Change[] = [];
  const list = (s: Setting) => keyBy((s.config as Obj[]) ?? [], (c) => String(c.name));
  const conf = (s: unknown) => ((s as Setting | null)?.status === 'configured' ? ((s as Setting).config as Obj) : null);
  visitKeyed(list(b), list(a), {
    added: (n, c) => out.push({ type: 'container_added', subject: `container ${account}/${n}`, after: { publicAccess: c.publicAccess ?? null } }),
    removed: (n) => out.push({ type: 'container_removed', subject: `container ${account}/${n}` }),
    both: (n, cb, ca) => {
      const subject = `container ${account}/${n}`;
      out.push(...diffField(subject, 'container_public_access_changed', 'publicAccess', cb.publicAccess, ca.publicAccess));
      const [ib, ia] = [conf(cb.immutabilityPolicy), conf(ca.immutabilityPolicy)];
      const field = 'immutability policy (state, period)';
      if (!ib && ia) out.push({ type: 'immutability_policy_added', subject, field, after: immutability(ia) });
      else if (ib && !ia) out.push({ type: 'immutability_policy_removed', subject, field, before: immutability(ib) });
      else if (ib && ia && ib.state !== 'Locked' && ia.state === 'Locked')
        out.push({ type: 'immutability_locked', subject, field, before: immutability(ib), after: immutability(ia) });
      else if (ib && ia && !sameJson(ib, ia))
        out.push({
          type: 'immutability_policy_changed',
          subject,
          field,
          before: sameJson(immutability(ib), immutability(ia)) ? ib : immutability(ib),
          after: sameJson(immutability(ib), immutability(ia)) ? ia : immutability(ia),
        });
      const holdType =
        cb.hasLegalHold && !ca.hasLegalHold ? 'legal_hold_removed' : !cb.hasLegalHold && ca.hasLegalHold ? 'legal_hold_added' : 'legal_hold_changed';
      out.push(...diffField(subject, holdType, 'legal hold tags', holdTags(conf(cb.legalHold)), holdTags(conf(ca.legalHold))));
    },
  });
  return out;
}

/** azure.storage.retention: lifecycle policy and rules, soft delete, versioning, public access, containers, locks, holds. */
export const storageDiffer: Differ = (beforeRaw, afterRaw) => {
  const b = (beforeRaw ?? {}) as { coverage?: string; accounts?: Account[] };
  const a = (afterRaw ?? {}) as { coverage?: string; accounts?: Account[] };
  // An import of one account's policy says nothing about the other accounts: no "account removed" for them.
  const whole = b.coverage !== 'accounts-in-file' && a.coverage !== 'accounts-in-file';
  const out: Change[] = [];
  visitKeyed(
    keyBy(b.accounts, (x) => x.name),
    keyBy(a.accounts, (x) => x.name),
    {
      added: (n) => whole && out.push({ type: 'storage_account_added', subject: `storage account ${n}` }),
      removed: (n) => whole && out.push({ type: 'storage_account_removed', subject: `storage account ${n}` }),
      both: (n, xb, xa) => {
        const subject = `storage account ${n}`;
        if (xb.allowBlobPublicAccess !== null && xa.allowBlobPublicAccess !== null)
          out.push(
            ...diffField(subject, 'public_access_setting_changed', 'allowBlobPublicAccess', xb.allowBlobPublicAccess, xa.allowBlobPublicAccess),
          );
        if (comparable(xb.lifecycle, xa.lifecycle)) out.push(...lifecycle(subject, xb.lifecycle, xa.lifecycle));
        if (xb.blobService.status === 'configured' && xa.blobService.status === 'configured') {
          for (const [f, type] of BLOB_FIELDS)
            out.push(...diffField(subject, type, f, (xb.blobService.config as Obj)[f], (xa.blobService.config as Obj)[f]));
        }
        if (xb.containers.status === 'configured' && xa.containers.status === 'configured') out.push(...containers(n, xb.containers, xa.containers));
      },
    },
  );
  return out;
};
