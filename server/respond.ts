import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorBody } from '../core/api';
import { SECURITY_HEADERS } from './csp';

export function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string | number> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), { 'Content-Type': 'application/json; charset=utf-8' });
}

/** Every refusal is an envelope too, so the client has one error shape. */
export function sendError(res: ServerResponse, status: number, error: ErrorBody): void {
  sendJson(res, status, { ok: false, error });
}

export class BodyTooLarge extends Error {}

/** Reads a request body up to `limit` bytes; stops reading (and refuses) beyond it. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
