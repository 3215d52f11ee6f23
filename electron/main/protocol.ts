import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { DESKTOP_CSP } from './csp';

/** The UI is served from app://evidence-locker/, never file:// (desktop-notes §2). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'evidence-locker';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** For protocol.registerSchemesAsPrivileged, before app.whenReady(): standard and secure, nothing else. */
export const PRIVILEGED_SCHEMES = Object.freeze([
  Object.freeze({
    scheme: APP_SCHEME,
    privileges: Object.freeze({ standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false }),
  }),
]);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

const HEADERS = { 'Content-Security-Policy': DESKTOP_CSP, 'X-Content-Type-Options': 'nosniff', 'Cross-Origin-Opener-Policy': 'same-origin' };

/** Resolves an app:// URL to a file of the renderer build; anything else (other host, traversal, unknown type) is 404. */
export function resolveAppFile(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(parsed.pathname === '/' ? '/index.html' : parsed.pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const file = normalize(join(root, rel));
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  if (!TYPES[extname(file)] || !existsSync(file) || !statSync(file).isFile()) return null;
  return file;
}

/** The handler for protocol.handle('app', …): files with the CSP header, nothing from outside `root`. */
export function createAppProtocolHandler(root: string): (request: { url: string }) => Response {
  return (request) => {
    const file = resolveAppFile(root, request.url);
    if (!file) return new Response('Not found', { status: 404, headers: { ...HEADERS, 'Content-Type': 'text/plain' } });
    return new Response(readFileSync(file), { status: 200, headers: { ...HEADERS, 'Content-Type': TYPES[extname(file)]! } });
  };
}
