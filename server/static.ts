import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { send } from './respond';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** A file of the renderer build, or null; never anything outside `root`. */
export function staticFile(root: string, urlPath: string): { body: Buffer; type: string } | null {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const file = normalize(join(root, rel));
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  if (!existsSync(file) || !statSync(file).isFile()) return null;
  const type = TYPES[extname(file)];
  if (!type) return null;
  return { body: readFileSync(file), type };
}

export function serveStatic(res: ServerResponse, root: string, urlPath: string): boolean {
  const found = staticFile(root, urlPath);
  if (!found) return false;
  // Built asset names carry a content hash; index.html must always be fresh.
  const cache = urlPath.startsWith('/assets/') ? 'private, max-age=31536000, immutable' : 'no-store';
  send(res, 200, found.body, { 'Content-Type': found.type, 'Cache-Control': cache });
  return true;
}

const SIGN_IN_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Evidence Locker</title></head>
<body><h1>Evidence Locker</h1><p>This page needs the one-time address printed in the terminal where the app was
started (it ends in <code>?token=…</code>). Open that address in this browser.</p></body></html>`;

export function sendSignIn(res: ServerResponse): void {
  send(res, 401, SIGN_IN_PAGE, { 'Content-Type': 'text/html; charset=utf-8' });
}
