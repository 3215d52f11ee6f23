import type { Bounds } from './window';

/** Window bounds and UI preferences only (electron-store); evidence, sources and secrets never go here. */
export interface Prefs {
  bounds?: Bounds;
  exportFolder?: string;
  backupFolder?: string;
}

export interface PrefsLike {
  get<K extends keyof Prefs>(key: K): Prefs[K] | undefined;
  set<K extends keyof Prefs>(key: K, value: Prefs[K]): void;
}

/** A folder preference is only ever set from the native dialog; a missing or odd value means the default. */
export function folderPref(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.length > 0 && value.length < 4096 && !value.includes('\0') ? value : fallback;
}
