import init from './0001_init';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered, append-only. The list index + 1 must equal the version. */
export const MIGRATIONS: readonly Migration[] = [{ version: 1, name: 'init', sql: init }];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
