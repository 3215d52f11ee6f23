import { canonicalBytes } from '../util/canonical';
import { generateSigningKey, signBytes, verifyBytes } from '../sign/keys';
import type { EvidenceStore } from './evidence-store';
import * as keys from './repos/keys';
import { dbOf } from './handle';

export interface RotationStatement {
  statement: 'evidence-locker key rotation';
  origin: string;
  oldFingerprint: string;
  newFingerprint: string;
  newPublicKey: string; // base64 raw Ed25519
  at: string;
}

/**
 * Replaces the signing key. The rotation entry carries a statement signed by both keys, so a reader holding
 * only the old fingerprint can follow the chain of trust to the new one.
 */
export function rotateKey(store: EvidenceStore): { oldFingerprint: string; newFingerprint: string } {
  store.assertWritable();
  const oldKey = store.signingKey();
  const { key: newKey, privatePem } = generateSigningKey();
  store.opts.secrets.put(newKey.fingerprint, privatePem);
  const statement: RotationStatement = {
    statement: 'evidence-locker key rotation',
    origin: store.origin,
    oldFingerprint: oldKey.fingerprint,
    newFingerprint: newKey.fingerprint,
    newPublicKey: newKey.publicKeyRaw.toString('base64'),
    at: store.now(),
  };
  const bytes = canonicalBytes(statement);
  store.tx(() => {
    const entry = store.appendLog('key_rotated', {
      rotation: statement,
      oldSignature: signBytes(oldKey, bytes).toString('base64'),
      newSignature: signBytes(newKey, bytes).toString('base64'),
    });
    keys.retireKey(dbOf(store), oldKey.fingerprint, store.now());
    keys.insertKey(dbOf(store), newKey.fingerprint, newKey.publicKeyRaw, store.now(), entry.idx);
  });
  store.checkpoint();
  return { oldFingerprint: oldKey.fingerprint, newFingerprint: newKey.fingerprint };
}

export function verifyRotation(body: { rotation: RotationStatement; oldSignature: string; newSignature: string }, oldPublicKey: Buffer): boolean {
  const bytes = canonicalBytes(body.rotation);
  const newPublicKey = Buffer.from(body.rotation.newPublicKey, 'base64');
  return (
    verifyBytes(oldPublicKey, bytes, Buffer.from(body.oldSignature, 'base64')) &&
    verifyBytes(newPublicKey, bytes, Buffer.from(body.newSignature, 'base64'))
  );
}
