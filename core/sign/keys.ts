import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { sha256Hex } from '../util/canonical';

// An Ed25519 SPKI DER is always this 12-byte prefix followed by the 32-byte public key.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface SigningKey {
  fingerprint: string; // SHA-256 of the DER SPKI, lowercase hex (same as `openssl pkey -pubin -outform DER | sha256sum`)
  publicKeyRaw: Buffer; // 32 bytes
  privateKey: KeyObject;
}

export function generateSigningKey(): { key: SigningKey; privatePem: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { key: signingKeyFromPem(privatePem), privatePem };
}

export function signingKeyFromPem(privatePem: string): SigningKey {
  const privateKey = createPrivateKey(privatePem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('Signing key is not Ed25519');
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return { fingerprint: sha256Hex(spki), publicKeyRaw: spki.subarray(ED25519_SPKI_PREFIX.length), privateKey };
}

export function spkiDer(publicKeyRaw: Buffer): Buffer {
  if (publicKeyRaw.length !== 32) throw new Error('Ed25519 public key must be 32 bytes');
  return Buffer.concat([ED25519_SPKI_PREFIX, publicKeyRaw]);
}

export function fingerprintOf(publicKeyRaw: Buffer): string {
  return sha256Hex(spkiDer(publicKeyRaw));
}

export function publicKeyPem(publicKeyRaw: Buffer): string {
  return createPublicKey({ key: spkiDer(publicKeyRaw), format: 'der', type: 'spki' })
    .export({ type: 'spki', format: 'pem' })
    .toString();
}

export function signBytes(key: SigningKey, data: Buffer): Buffer {
  return sign(null, data, key.privateKey);
}

export function verifyBytes(publicKeyRaw: Buffer, data: Buffer, signature: Buffer): boolean {
  try {
    const pub = createPublicKey({ key: spkiDer(publicKeyRaw), format: 'der', type: 'spki' });
    return verify(null, data, pub, signature);
  } catch {
    return false;
  }
}
