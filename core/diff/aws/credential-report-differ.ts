import { keyBy, visitKeyed } from '../compare';
import type { Change, Differ } from '../types';

type Row = Record<string, string>;

/** Joiners and leavers, MFA turned off/on, new or deactivated access keys, console access granted, from credential report rows. */
export const credentialReportDiffer: Differ = (before, after) => {
  const rows = (v: unknown) => keyBy(((v ?? {}) as { rows?: Row[] }).rows, (r) => r.user ?? '');
  const out: Change[] = [];
  visitKeyed(rows(before), rows(after), {
    // Joiners and leavers too: an air-gapped team often imports only the credential report, and it lists every
    // IAM user, so without these a leaver would show nowhere. Where aws.iam is collected as well, its diff names
    // the same person from the other listing; both are evidence of the change.
    added: (user, r) => {
      out.push({ type: 'user_added', subject: `user ${user}`, after: { arn: r.arn ?? null, created: r.user_creation_time ?? null } });
      for (const n of [1, 2]) {
        if (r[`access_key_${n}_active`] === 'true')
          out.push({ type: 'access_key_created', subject: `user ${user}`, field: `access_key_${n}`, after: r[`access_key_${n}_last_rotated`] });
      }
    },
    removed: (user, r) => out.push({ type: 'user_removed', subject: `user ${user}`, before: { arn: r.arn ?? null } }),
    both: (user, b, a) => {
      const subject = `user ${user}`;
      if (b.mfa_active === 'true' && a.mfa_active === 'false')
        out.push({ type: 'mfa_disabled', subject, field: 'mfa_active', before: 'true', after: 'false' });
      if (b.mfa_active === 'false' && a.mfa_active === 'true')
        out.push({ type: 'mfa_enabled', subject, field: 'mfa_active', before: 'false', after: 'true' });
      if (b.password_enabled !== 'true' && a.password_enabled === 'true')
        out.push({ type: 'console_access_enabled', subject, field: 'password_enabled', before: b.password_enabled, after: 'true' });
      for (const n of [1, 2]) {
        const active = `access_key_${n}_active`;
        const rotated = `access_key_${n}_last_rotated`;
        if (a[active] === 'true' && (b[active] !== 'true' || b[rotated] !== a[rotated])) {
          out.push({ type: 'access_key_created', subject, field: `access_key_${n}`, before: b[rotated], after: a[rotated] });
        } else if (b[active] === 'true' && a[active] !== 'true') {
          out.push({ type: 'access_key_deactivated', subject, field: `access_key_${n}`, before: 'true', after: a[active] });
        }
      }
    },
  });
  return out;
};
