import { AppError } from './errors';

const strict = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a file an administrator saved, refusing bytes that are not UTF-8. Buffer#toString would replace them
 * with U+FFFD, so the stored evidence would silently differ from the file whose hash the IPE records (a user name
 * with a stray Latin-1 byte would come out as someone else). `name` names the file in the message.
 */
export function decodeUtf8(bytes: Uint8Array, name: string): string {
  try {
    return strict.decode(bytes);
  } catch {
    throw new AppError(
      'BAD_INPUT',
      `${name} is not valid UTF-8 text (at byte ${firstInvalidByte(bytes)}); save it as UTF-8 and import it again. Nothing was imported.`,
    );
  }
}

/** The offset of the first byte that starts no valid UTF-8 sequence, for the message. */
function firstInvalidByte(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    const len = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > b.length) return i;
    for (let k = 1; k < len; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    if (len > 1 && !strictOk(b.subarray(i, i + len))) return i;
    i += len;
  }
  return b.length;
}

function strictOk(seq: Uint8Array): boolean {
  try {
    strict.decode(seq);
    return true;
  } catch {
    return false;
  }
}
