import { createHash } from 'node:crypto';
import { signBytes, verifyBytes, type SigningKey } from './keys';

/**
 * A C2SP tlog-checkpoint signed as a C2SP signed note (docs/store-format.md §5):
 *   <origin>\n<size>\n<base64 root>\n\n— <key name> <base64(4-byte key id || 64-byte signature)>\n
 * The signature covers the three body lines, each with its newline.
 */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
}

const EM_DASH = '\u2014';

export function checkpointBody(cp: Checkpoint): string {
  if (!/^[\x21-\x7e]+$/.test(cp.origin)) throw new Error('checkpoint origin must be printable ASCII without spaces');
  return `${cp.origin}\n${cp.size}\n${cp.root.toString('base64')}\n`;
}

export function keyId(keyName: string, publicKeyRaw: Buffer): Buffer {
  // 0x01 is the C2SP signature-type byte for Ed25519.
  return createHash('sha256')
    .update(keyName)
    .update(Buffer.from([0x0a, 0x01]))
    .update(publicKeyRaw)
    .digest()
    .subarray(0, 4);
}

export function signCheckpoint(cp: Checkpoint, key: SigningKey, keyName = cp.origin): string {
  const body = checkpointBody(cp);
  const sig = signBytes(key, Buffer.from(body, 'utf8'));
  const blob = Buffer.concat([keyId(keyName, key.publicKeyRaw), sig]).toString('base64');
  return `${body}\n${EM_DASH} ${keyName} ${blob}\n`;
}

export interface ParsedNote {
  checkpoint: Checkpoint;
  body: string;
  signatures: { keyName: string; keyId: Buffer; signature: Buffer }[];
}

export function parseCheckpointNote(note: string): ParsedNote {
  const split = note.indexOf('\n\n');
  if (split < 0) throw new Error('checkpoint note has no blank line before its signatures');
  const body = note.slice(0, split + 1);
  const lines = body.split('\n');
  if (lines.length !== 4 || lines[3] !== '') throw new Error('checkpoint body must have exactly three lines');
  const [origin, sizeText, rootText] = lines as [string, string, string];
  if (!/^\d+$/.test(sizeText)) throw new Error('checkpoint size is not a decimal number');
  const root = Buffer.from(rootText, 'base64');
  if (root.length !== 32 || root.toString('base64') !== rootText) throw new Error('checkpoint root is not base64 of 32 bytes');
  const signatures = note
    .slice(split + 2)
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => {
      const m = /^\u2014 (\S+) (\S+)$/.exec(line);
      if (!m) throw new Error(`bad signature line: ${line}`);
      const raw = Buffer.from(m[2]!, 'base64');
      if (raw.length !== 68) throw new Error('signature must be 4-byte key id + 64-byte Ed25519 signature');
      return { keyName: m[1]!, keyId: raw.subarray(0, 4), signature: raw.subarray(4) };
    });
  return { checkpoint: { origin, size: Number(sizeText), root }, body, signatures };
}

/** True when some signature line on the note verifies under this public key. */
export function verifyCheckpointNote(note: string, publicKeyRaw: Buffer): ParsedNote | null {
  let parsed: ParsedNote;
  try {
    parsed = parseCheckpointNote(note);
  } catch {
    return null;
  }
  const ok = parsed.signatures.some(
    (s) => s.keyId.equals(keyId(s.keyName, publicKeyRaw)) && verifyBytes(publicKeyRaw, Buffer.from(parsed.body, 'utf8'), s.signature),
  );
  return ok ? parsed : null;
}
