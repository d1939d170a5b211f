import { createCipheriv, createHash, createHmac, randomBytes, type KeyObject } from 'node:crypto';
import { OctetString } from '@peculiar/asn1-schema';
import { ContentInfo, id_data } from '@peculiar/asn1-cms';
import { AuthenticatedSafe, CertBag, id_certBag, id_pbeWithSHAAnd3_KeyTripleDES_CBC, id_pkcs8ShroudedKeyBag, id_x509Certificate, MacData, PFX, PKCS12Attribute, SafeBag, SafeContents } from '@peculiar/asn1-pfx';
import { EncryptedData, EncryptedPrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { FriendlyName, id_pkcs9_at_friendlyName, id_pkcs9_at_localKeyId, LocalKeyId } from '@peculiar/asn1-pkcs9';
import { DigestInfo } from '@peculiar/asn1-rsa';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import type { ParsedCertificate } from './certificate';
import { Pkcs12Error } from './errors';
import { sameSubjectPublicKey } from './keys';
import { exportPrivateKeyDer } from './private_key_format';
import { pkcs12Kdf } from './pkcs12_kdf';
import { Pkcs12PbeParams } from './pkcs12_pbe_params';
import { serializeDer } from './asn1_codec';

/**
 * PKCS#12 export (RFC 7292) of a certificate, its private key and its chain — the one way a private key
 * leaves cmp-desk, always under a passphrase.
 *
 * modern: key in PBES2 (AES-256-CBC, PBKDF2-HMAC-SHA256, as OpenSSL 3 writes it), HMAC-SHA256 MAC.
 * legacy: key in pbeWithSHAAnd3-KeyTripleDES-CBC, HMAC-SHA1 MAC, for devices that predate PBES2.
 * Certificates are public and travel unencrypted in both.
 */

export interface Pkcs12Contents {
  certificate: ParsedCertificate;
  privateKey: KeyObject;
  /** Issuing CAs, nearest first; the root may be included. */
  chain?: readonly ParsedCertificate[];
}

export interface Pkcs12Options {
  passphrase: string;
  /** Shown by importers (Windows, Keychain); defaults to the certificate subject. */
  friendlyName?: string;
  legacy?: boolean;
  /** PKCS#12 KDF iterations for MAC (and legacy key encryption); default 2048, OpenSSL's default. */
  iterations?: number;
}

const DES_EDE3_KEY_BYTES = 24;
const DES_BLOCK_BYTES = 8;

function dataContentInfo(der: ArrayBuffer): ContentInfo {
  return new ContentInfo({ contentType: id_data, content: serializeDer(new OctetString(der)) });
}

function attribute(attrId: string, value: unknown): PKCS12Attribute {
  // @peculiar/asn1-pfx 2.x's PKCS12Attribute constructor drops its params (Object.assign(params)): set fields directly.
  const result = new PKCS12Attribute();
  result.attrId = attrId;
  result.attrValues = [serializeDer(value)];
  return result;
}

function legacyEncryptedKey(privateKey: KeyObject, passphrase: string, iterations: number): EncryptedPrivateKeyInfo {
  const salt = randomBytes(8);
  const key = pkcs12Kdf('sha1', passphrase, salt, iterations, 'key', DES_EDE3_KEY_BYTES);
  const iv = pkcs12Kdf('sha1', passphrase, salt, iterations, 'iv', DES_BLOCK_BYTES);
  const cipher = createCipheriv('des-ede3-cbc', key, iv);
  const encrypted = Buffer.concat([cipher.update(exportPrivateKeyDer(privateKey)), cipher.final()]);
  return new EncryptedPrivateKeyInfo({
    encryptionAlgorithm: new AlgorithmIdentifier({
      algorithm: id_pbeWithSHAAnd3_KeyTripleDES_CBC,
      parameters: serializeDer(new Pkcs12PbeParams({ salt: Uint8Array.from(salt).buffer, iterations })),
    }),
    encryptedData: new EncryptedData(Uint8Array.from(encrypted)),
  });
}

function shroudedKey(privateKey: KeyObject, options: Pkcs12Options, iterations: number): ArrayBuffer {
  if (options.legacy) return serializeDer(legacyEncryptedKey(privateKey, options.passphrase, iterations));
  return Uint8Array.from(exportPrivateKeyDer(privateKey, options.passphrase)).buffer;
}

function macData(authSafeDer: ArrayBuffer, options: Pkcs12Options, iterations: number): MacData {
  const hash = options.legacy ? 'sha1' : 'sha256';
  const hashBytes = options.legacy ? 20 : 32;
  const salt = randomBytes(16);
  const key = pkcs12Kdf(hash, options.passphrase, salt, iterations, 'mac', hashBytes);
  const mac = createHmac(hash, key).update(new Uint8Array(authSafeDer)).digest();
  const digestOid = options.legacy ? '1.3.14.3.2.26' : '2.16.840.1.101.3.4.2.1';
  return new MacData({
    mac: new DigestInfo({
      digestAlgorithm: new AlgorithmIdentifier({ algorithm: digestOid, parameters: null }),
      digest: new OctetString(Uint8Array.from(mac)),
    }),
    macSalt: new OctetString(Uint8Array.from(salt)),
    iterations,
  });
}

/** Builds the PKCS#12 (PFX) DER. */
export function exportPkcs12(contents: Pkcs12Contents, options: Pkcs12Options): Uint8Array {
  if (options.passphrase.length === 0) throw new Pkcs12Error('A PKCS#12 export needs a non-empty passphrase');
  if (!sameSubjectPublicKey(contents.privateKey, contents.certificate.publicKey)) {
    throw new Pkcs12Error(`The private key does not belong to the certificate "${contents.certificate.subject}"`);
  }
  const iterations = options.iterations ?? 2048;
  if (!Number.isInteger(iterations) || iterations < 1) throw new Pkcs12Error(`Iteration count ${iterations} is invalid`);
  // localKeyID links the key to its certificate for importers; OpenSSL uses the certificate's SHA-1.
  const localKeyId = new LocalKeyId(Uint8Array.from(createHash('sha1').update(contents.certificate.der).digest()));
  const friendlyName = new FriendlyName(options.friendlyName ?? contents.certificate.subject);
  const leafAttributes = [attribute(id_pkcs9_at_friendlyName, friendlyName), attribute(id_pkcs9_at_localKeyId, localKeyId)];

  const certBags = [contents.certificate, ...(contents.chain ?? [])].map(
    (certificate, index) =>
      new SafeBag({
        bagId: id_certBag,
        bagValue: serializeDer(new CertBag({ certId: id_x509Certificate, certValue: serializeDer(new OctetString(certificate.der)) })),
        bagAttributes: index === 0 ? leafAttributes : undefined,
      }),
  );
  const keyBag = new SafeBag({
    bagId: id_pkcs8ShroudedKeyBag,
    bagValue: shroudedKey(contents.privateKey, options, iterations),
    bagAttributes: leafAttributes,
  });
  const authSafe = new AuthenticatedSafe([
    dataContentInfo(serializeDer(new SafeContents(certBags))),
    dataContentInfo(serializeDer(new SafeContents([keyBag]))),
  ]);
  const authSafeDer = serializeDer(authSafe);
  const pfx = new PFX({ version: 3, authSafe: dataContentInfo(authSafeDer), macData: macData(authSafeDer, options, iterations) });
  return new Uint8Array(serializeDer(pfx));
}
