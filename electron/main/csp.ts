/**
 * The renderer's policy on the desktop, sent as a response header by the app:// handler (a <meta> tag cannot carry
 * frame-ancestors). No network at all from the page: every call goes through the preload's bridge to main.
 */
export const DESKTOP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
