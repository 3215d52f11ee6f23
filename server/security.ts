import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Web mode's gate (desktop-notes §9). The server listens on 127.0.0.1 only, and any web page the user opens can
 * still reach it, so every request must carry the session secret (handed over once in the URL, then kept in an
 * HttpOnly SameSite=Strict cookie), name this server in `Host` (no DNS rebinding) and, when it changes anything,
 * come from this server's own `Origin` (no cross-site calls).
 */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison; hashing first makes the lengths equal without leaking the secret's length. */
export function sameSecret(given: string | undefined | null, secret: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b);
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !(name in out)) out[name] = part.slice(eq + 1).trim();
  }
  return out;
}

/** Cookies are shared by every port of a host, so the name carries the port (two servers never clash). */
export const cookieName = (port: number) => `el_session_${port}`;

export function sessionCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

export type Refusal = { status: number; code: 'FORBIDDEN' | 'BAD_INPUT'; message: string };

export interface Gate {
  port: number;
  token: string;
}

export const originOf = (port: number) => `http://127.0.0.1:${port}`;

/** Host, Origin and fetch-metadata checks that apply before anything else, authenticated or not. */
export function checkSite(req: IncomingMessage, gate: Gate): Refusal | null {
  if (req.headers.host !== `127.0.0.1:${gate.port}`) {
    return { status: 421, code: 'FORBIDDEN', message: `Requests must be addressed to 127.0.0.1:${gate.port}.` };
  }
  const origin = req.headers.origin;
  const reads = req.method === 'GET' || req.method === 'HEAD';
  if (origin !== undefined && origin !== originOf(gate.port)) {
    return { status: 403, code: 'FORBIDDEN', message: 'Cross-origin requests are refused.' };
  }
  if (!reads && origin === undefined) {
    return { status: 403, code: 'FORBIDDEN', message: "Requests that change anything must carry this app's Origin." };
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { status: 403, code: 'FORBIDDEN', message: 'Cross-site requests are refused.' };
  }
  return null;
}

export function hasSession(req: IncomingMessage, gate: Gate): boolean {
  return sameSecret(parseCookies(req.headers.cookie)[cookieName(gate.port)], gate.token);
}
