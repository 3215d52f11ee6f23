import init from './0001_init';
import evidenceFor from './0002_evidence_for';
import auditPeriod from './0003_audit_period';
import reviews from './0004_reviews';
import vendorsManual from './0005_vendors_manual';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered, append-only. The list index + 1 must equal the version. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', sql: init },
  { version: 2, name: 'evidence_for', sql: evidenceFor },
  { version: 3, name: 'audit_period', sql: auditPeriod },
  { version: 4, name: 'reviews', sql: reviews },
  { version: 5, name: 'vendors_manual', sql: vendorsManual },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
