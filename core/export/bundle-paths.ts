import { AppError } from '../util/errors';

/**
 * Names inside a bundle (docs/bundle-format.md §2). Every path is limited to [A-Za-z0-9._/-] so that
 * SHA256SUMS lines need no escaping and `cut -c67-` recovers the path exactly.
 */
export const SAFE_PATH = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
export const SUMS = 'SHA256SUMS';
export const SUMS_SIG = 'SHA256SUMS.sig';
export const PUBLIC_KEY = 'signing-key.pub.pem';
export const MANIFEST = 'manifest.json';
export const README = 'README.txt';
export const CHECKPOINT = 'log/checkpoint.txt';
export const PROOFS = 'log/proofs.json';
export const VERIFY_SH = 'tools/verify.sh';
export const VERIFY_LOG = 'tools/verify-log.mjs';
/** Files that every bundle has besides the report and the evidence. */
export const REQUIRED_FILES = [README, SUMS, SUMS_SIG, PUBLIC_KEY, MANIFEST, CHECKPOINT, PROOFS, VERIFY_SH, VERIFY_LOG] as const;
/** The only files SHA256SUMS does not list. */
export const UNLISTED_ALLOWED = new Set([SUMS, SUMS_SIG]);

export function isSafePath(path: string): boolean {
  return SAFE_PATH.test(path) && !path.split('/').some((seg) => seg === '.' || seg === '..');
}

/** Latin letters that NFKD does not split into a base letter and a mark. */
const LETTERS: Record<string, string> = {
  ø: 'o',
  Ø: 'O',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ß: 'ss',
  ẞ: 'SS',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  ł: 'l',
  Ł: 'L',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
  ħ: 'h',
  Ħ: 'H',
};

/**
 * One path segment from free text (org names, kinds): accents dropped (Ü → U), a few letters spelled out (ø → o),
 * anything else outside the safe set becomes '-'. Only names are ASCII; the manifest and the PDF keep the text as
 * given.
 */
export function sanitizeSegment(text: string, fallback = 'x'): string {
  const cleaned = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u0080-\uffff]/g, (c) => LETTERS[c] ?? c)
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+|-+$/g, '')
    .slice(0, 64);
  return cleaned === '' ? fallback : cleaned;
}

export function reportPath(criterion: string): string {
  return `report/${sanitizeSegment(criterion)}.pdf`;
}

/** evidence/<kind>/<seq, zero-padded so byte order is sequence order>.json and .ipe.json */
export function evidencePaths(kind: string, seq: number): { content: string; ipe: string } {
  const base = `evidence/${sanitizeSegment(kind)}/${String(seq).padStart(10, '0')}`;
  return { content: `${base}.json`, ipe: `${base}.ipe.json` };
}

export function bundleFileName(org: string, criterion: string, from: string, to: string, bundleId: string): string {
  return `${sanitizeSegment(org, 'org')}_${sanitizeSegment(criterion)}_${from}_${to}_${bundleId.slice(0, 8)}.zip`;
}

/** Matches only files this exporter leaves behind when killed, so cleanup never touches anything else. */
export const PARTIAL_NAME = /_[0-9a-f]{8}\.zip\.partial(\.d|\.cd)?$/;

export function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export interface SumsLine {
  sha256: string;
  path: string;
}

/** sha256sum text format: "<64 lowercase hex><space><space><path>\n", byte-sorted, no duplicates. */
export function formatSums(lines: SumsLine[]): Buffer {
  const sorted = [...lines].sort((a, b) => byteCompare(a.path, b.path));
  for (let i = 0; i < sorted.length; i++) {
    const l = sorted[i]!;
    if (!isSafePath(l.path)) throw new AppError('INTERNAL', `unsafe bundle path ${JSON.stringify(l.path)}`);
    if (!/^[0-9a-f]{64}$/.test(l.sha256)) throw new AppError('INTERNAL', `bad hash for ${l.path}`);
    if (i > 0 && sorted[i - 1]!.path === l.path) throw new AppError('INTERNAL', `duplicate bundle path ${l.path}`);
  }
  return Buffer.from(sorted.map((l) => `${l.sha256}  ${l.path}\n`).join(''), 'utf8');
}

/** Strict parse of SHA256SUMS; throws a reason naming the line. */
export function parseSums(text: string): SumsLine[] {
  if (text.length === 0) throw new Error('is empty');
  if (!text.endsWith('\n')) throw new Error('does not end with a newline');
  const lines = text.slice(0, -1).split('\n');
  const out: SumsLine[] = [];
  lines.forEach((line, i) => {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (!m) throw new Error(`line ${i + 1} is not "<64 hex>  <path>"`);
    const path = m[2]!;
    if (!isSafePath(path)) throw new Error(`line ${i + 1}: path ${JSON.stringify(path)} has characters outside [A-Za-z0-9._/-]`);
    if (UNLISTED_ALLOWED.has(path)) throw new Error(`line ${i + 1} lists ${path}, which must not be listed`);
    const prev = out[out.length - 1];
    // Paths are ASCII here (isSafePath), where string order is byte order: no Buffer pair per line (20,000 lines).
    if (prev && prev.path >= path) throw new Error(`line ${i + 1}: paths are not strictly byte-sorted (${path})`);
    out.push({ sha256: m[1]!, path });
  });
  return out;
}
