import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { describeCause, KeyFormatError } from './errors';
import type { KeyPair } from './keys';
import { MAX_KEY_BYTES } from './limits';
import { inputSize, looksLikePem, pemText, readPemBlocks, toPem } from './pem';

/**
 * Private key import and export. Reads what OpenSSL and other tools write: PKCS#8 (plain or encrypted),
 * SEC1 "EC PRIVATE KEY" and PKCS#1 "RSA PRIVATE KEY", PEM or DER. Writes PKCS#8 only.
 */

const PEM_LABELS = ['PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'EC PRIVATE KEY', 'RSA PRIVATE KEY'];
const DER_TYPES = ['pkcs8', 'sec1', 'pkcs1'] as const;

/** Reads a private key (PEM or DER) and returns it with its public half. `passphrase` opens encrypted keys. */
export function importPrivateKey(input: string | Uint8Array, passphrase?: string): KeyPair {
  if (inputSize(input) > MAX_KEY_BYTES) {
    throw new KeyFormatError(`Private key input is ${inputSize(input)} bytes; at most ${MAX_KEY_BYTES} are accepted`);
  }
  const privateKey = looksLikePem(input) ? importPem(pemText(input), passphrase) : importDer(toBuffer(input), passphrase);
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

function importPem(text: string, passphrase: string | undefined): KeyObject {
  const labels = [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----/g)].map((m) => m[1]);
  const keyLabels = labels.filter((label) => PEM_LABELS.includes(label));
  if (keyLabels.length === 0) {
    throw new KeyFormatError(
      `No private key found in PEM (found ${labels.join(', ') || 'no PEM blocks'}); expected one of ${PEM_LABELS.join(', ')}`,
    );
  }
  if (keyLabels.length > 1) throw new KeyFormatError(`PEM holds ${keyLabels.length} private keys; expected exactly one`);
  const encrypted = keyLabels[0] === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(text);
  if (encrypted && passphrase === undefined) {
    throw new KeyFormatError('The private key is encrypted; a passphrase is required');
  }
  const block = new RegExp(`-----BEGIN ${keyLabels[0]}-----[\\s\\S]*?-----END ${keyLabels[0]}-----`).exec(text)?.[0] ?? '';
  if (!encrypted && !readPemBlocks(block)[0]?.ok) throw new KeyFormatError(`The ${keyLabels[0]} PEM block is not valid base64`);
  try {
    return createPrivateKey({ key: block, format: 'pem', passphrase: encrypted ? passphrase : undefined });
  } catch (cause) {
    throw new KeyFormatError(
      encrypted
        ? `Cannot decrypt the ${keyLabels[0]}: wrong passphrase or unsupported encryption (${describeCause(cause)})`
        : `The ${keyLabels[0]} could not be read: ${describeCause(cause)}`,
      { cause },
    );
  }
}

function importDer(der: Buffer, passphrase: string | undefined): KeyObject {
  if (passphrase !== undefined) {
    try {
      return createPrivateKey({ key: der, format: 'der', type: 'pkcs8', passphrase });
    } catch (cause) {
      // Might be an unencrypted key given with a needless passphrase: fall through to the plain forms.
      if (!DER_TYPES.some((type) => canRead(der, type))) {
        throw new KeyFormatError(`Cannot read the DER private key with the given passphrase: ${describeCause(cause)}`, { cause });
      }
    }
  }
  for (const type of DER_TYPES) {
    if (canRead(der, type)) return createPrivateKey({ key: der, format: 'der', type });
  }
  throw new KeyFormatError(
    passphrase === undefined
      ? 'DER bytes are not a PKCS#8, SEC1 or PKCS#1 private key (an encrypted PKCS#8 key needs a passphrase)'
      : 'DER bytes are not a private key',
  );
}

function canRead(der: Buffer, type: (typeof DER_TYPES)[number]): boolean {
  try {
    createPrivateKey({ key: der, format: 'der', type });
    return true;
  } catch {
    return false;
  }
}

function toBuffer(input: string | Uint8Array): Buffer {
  return typeof input === 'string' ? Buffer.from(input, 'latin1') : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
}

/**
 * PKCS#8 PEM of a private key. With a passphrase the key is encrypted with PBES2
 * (AES-256-CBC, PBKDF2-HMAC-SHA256), what OpenSSL 3 writes by default.
 */
export function exportPrivateKeyPem(privateKey: KeyObject, passphrase?: string): string {
  assertPrivate(privateKey);
  if (passphrase === undefined) return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  if (passphrase.length === 0) throw new KeyFormatError('An empty passphrase does not protect a private key');
  return privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }).toString();
}

/** PKCS#8 DER of a private key (PrivateKeyInfo; EncryptedPrivateKeyInfo when a passphrase is given). */
export function exportPrivateKeyDer(privateKey: KeyObject, passphrase?: string): Uint8Array {
  assertPrivate(privateKey);
  if (passphrase === undefined) return new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }));
  if (passphrase.length === 0) throw new KeyFormatError('An empty passphrase does not protect a private key');
  return new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase }));
}

/** SubjectPublicKeyInfo PEM ("PUBLIC KEY") of a key. */
export function exportPublicKeyPem(key: KeyObject): string {
  const publicKey = key.type === 'public' ? key : createPublicKey(key);
  return toPem(new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })), 'PUBLIC KEY');
}

function assertPrivate(key: KeyObject): void {
  if (key.type !== 'private') throw new KeyFormatError(`Expected a private key, got a ${key.type} key`);
}
