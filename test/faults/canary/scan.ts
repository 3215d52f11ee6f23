import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One secret to look for, by name; `value` is the whole secret (a PEM body is searched by its lines). */
export interface Canary {
  name: string;
  value: string;
}

/** Where a canary was found, in which encoding. */
export interface Leak {
  canary: string;
  where: string;
  form: string;
}

/**
 * The byte strings that give a secret away: the value itself, JSON-escaped, URL-encoded, and base64 (standard and
 * URL-safe) at each of the three alignments it can take inside a longer encoded text. A PEM key is searched by
 * each of its base64 body lines, since any encoder may re-wrap or escape the newlines between them.
 */
export function needles(c: Canary): { form: string; bytes: Buffer }[] {
  const parts = c.value.includes('-----BEGIN') ? c.value.split('\n').filter((l) => l.length >= 40 && !l.startsWith('-----')) : [c.value];
  const out: { form: string; bytes: Buffer }[] = [];
  for (const v of parts) {
    out.push({ form: 'raw', bytes: Buffer.from(v) });
    const json = JSON.stringify(v).slice(1, -1);
    if (json !== v) out.push({ form: 'json-escaped', bytes: Buffer.from(json) });
    const url = encodeURIComponent(v);
    if (url !== v) out.push({ form: 'url-encoded', bytes: Buffer.from(url) });
    const raw = Buffer.from(v);
    for (let shift = 0; shift < 3; shift++) {
      const body = raw.subarray(shift, shift + Math.floor((raw.length - shift) / 3) * 3);
      if (body.length < 9) continue;
      out.push({ form: `base64+${shift}`, bytes: Buffer.from(body.toString('base64')) });
      out.push({ form: `base64url+${shift}`, bytes: Buffer.from(body.toString('base64url')) });
    }
  }
  return out;
}

export function scanBytes(bytes: Buffer, where: string, canaries: Canary[]): Leak[] {
  const leaks: Leak[] = [];
  for (const c of canaries) {
    const hit = needles(c).find((n) => bytes.includes(n.bytes));
    if (hit) leaks.push({ canary: c.name, where, form: hit.form });
  }
  return leaks;
}

/** Every file under `dir` (database, WAL, shm, checkpoint, logs, exports …) except the paths `skip` accepts. */
export function scanTree(dir: string, canaries: Canary[], skip: (rel: string) => boolean = () => false): { leaks: Leak[]; files: number } {
  const leaks: Leak[] = [];
  let files = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const rel = relative(dir, path);
      if (skip(rel)) continue;
      if (statSync(path).isDirectory()) walk(path);
      else {
        files += 1;
        const bytes = readFileSync(path);
        leaks.push(...scanBytes(bytes, rel, canaries));
        if (name.endsWith('.zip')) leaks.push(...scanZip(path, rel, canaries));
        if (name.endsWith('.pdf')) leaks.push(...scanBytes(pdfText(path), `${rel} (pdftotext)`, canaries));
      }
    }
  };
  walk(dir);
  return { leaks, files };
}

/** Every entry of a ZIP inflated (unzip -p) and searched; a PDF inside also as its extracted text. */
export function scanZip(path: string, where: string, canaries: Canary[]): Leak[] {
  const names = execFileSync('unzip', ['-Z1', path], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const leaks: Leak[] = [];
  for (const name of names) {
    const bytes = execFileSync('unzip', ['-p', path, name], { maxBuffer: 512 * 1024 * 1024 });
    leaks.push(...scanBytes(bytes, `${where}!${name}`, canaries));
    if (name.endsWith('.pdf'))
      leaks.push(
        ...scanBytes(execFileSync('pdftotext', ['-', '-'], { input: bytes, maxBuffer: 256 * 1024 * 1024 }), `${where}!${name} (pdftotext)`, canaries),
      );
  }
  return leaks;
}

export function pdfText(path: string): Buffer {
  return execFileSync('pdftotext', [path, '-'], { maxBuffer: 256 * 1024 * 1024 });
}
