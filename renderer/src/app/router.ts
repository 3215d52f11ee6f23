import { useEffect, useState } from 'react';

export type Screen =
  | 'overview'
  | 'sources'
  | 'collect'
  | 'evidence'
  | 'coverage'
  | 'timeline'
  | 'changes'
  | 'reviews'
  | 'periods'
  | 'vendors'
  | 'manual'
  | 'export'
  | 'verify'
  | 'settings';
export const SCREENS: Screen[] = [
  'overview',
  'sources',
  'collect',
  'evidence',
  'coverage',
  'timeline',
  'changes',
  'reviews',
  'periods',
  'vendors',
  'manual',
  'export',
  'verify',
  'settings',
];

export interface Route {
  screen: Screen;
  /** e.g. the item sequence number on Evidence (#/evidence/42). */
  param: string | null;
}

export function parseHash(hash: string): Route {
  const [screen = '', param = null] = hash.replace(/^#\/?/, '').split('/');
  return SCREENS.includes(screen as Screen) ? { screen: screen as Screen, param: param || null } : { screen: 'overview', param: null };
}

export function href(screen: Screen, param?: string | number): string {
  return `#/${screen}${param !== undefined ? `/${param}` : ''}`;
}

export function navigate(screen: Screen, param?: string | number): void {
  window.location.hash = href(screen, param);
}

/** Hash routing: works the same under app:// and http://127.0.0.1, needs no server routes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
