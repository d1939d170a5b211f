import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { CRLReasons } from '@peculiar/asn1-x509';
import { parseCertificate, type ParsedCertificate } from '../pki/certificate';
import { CertificateIssuer, issueCertificate, type SignedCertificate } from '../pki/certificate_builder';
import { formatKeySpec, generateKeyPair, type KeyPair, type KeySpec, parseKeySpec, publicKeyDer } from '../pki/keys';
import { nameToString, parseOpensslName } from '../pki/names';
import { toPem } from '../pki/pem';
import { exportPrivateKeyPem, importPrivateKey } from '../pki/private_key_format';
import { type CaKeyPassphraseSource, resolveCaKeyPassphrase } from './ca_key_passphrase';
import type { CertificateAuthority, IssuedCertificateResult } from './certificate_authority';
import type { CertificateWish } from './certificate_wishes';
import { buildCrl, crlLifetimeSeconds } from './crl';
import { LabCaStoreError } from './errors';
import { IssuedCertificateDatabase, type RevocationReason } from './issued_certificates';
import { SerialNumberAllocator, serialToBytes, serialToHex, writeFileDurably } from './serial_numbers';

/**
 * The lab CA's folder:
 *   labca.json          key algorithm and creation time; written last, so its presence means "complete"
 *   root-ca.pem         the root certificate (what clients trust)
 *   root-ca.key.pem     root key, encrypted PKCS#8
 *   issuing-ca.pem      the issuing CA (signs certificates, CRLs and CMP responses)
 *   issuing-ca.key.pem  issuing key, encrypted PKCS#8
 *   serial-counter      see SerialNumberAllocator
 *   issued.jsonl        see IssuedCertificateDatabase
 */
export const caFiles = {
  settings: 'labca.json',
  rootCertificate: 'root-ca.pem',
  rootKey: 'root-ca.key.pem',
  issuingCertificate: 'issuing-ca.pem',
  issuingKey: 'issuing-ca.key.pem',
  serialCounter: 'serial-counter',
  issued: 'issued.jsonl',
} as const;

export interface CaStoreOptions {
  dir: string;
  /** Key algorithm of new CAs, e.g. "ec:P-256" (default) or "rsa:2048"; ignored when the folder holds a CA. */
  keyAlgorithm?: string;
  passphrase: CaKeyPassphraseSource;
}

const rootLifetimeDays = 3650;
const issuingLifetimeDays = 1825;
/** Issued certificates start a minute early so a client with a slightly slow clock accepts them. */
const backdateSeconds = 60;
const day = 86_400_000;

/** The root and issuing CA of one folder, with the serial counter, the database and the CRL. */
export class CaStore implements CertificateAuthority {
  /** The CRL distribution point written into issued certificates; set once the HTTP listener is up. */
  crlUrl?: string;
  private crlCache?: { der: Uint8Array; producedAt: number };
  private lastCrlNumber = 0;
  /** The issuing CA as signer, prepared once for every certificate it issues. */
  private readonly issuer: CertificateIssuer;

  private constructor(
    readonly dir: string,
    readonly root: ParsedCertificate,
    readonly issuing: ParsedCertificate,
    readonly issuingKey: KeyObject,
    readonly database: IssuedCertificateDatabase,
    private readonly serials: SerialNumberAllocator,
  ) {
    this.issuer = CertificateIssuer.forCertificate(issuing, issuingKey);
  }

  /** Loads the CA from `dir`, creating root and issuing CA on first start. */
  static async open(options: CaStoreOptions): Promise<CaStore> {
    const dir = options.dir;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const passphrase = await resolveCaKeyPassphrase(dir, options.passphrase);
    if (!existsSync(join(dir, caFiles.settings))) await createCa(dir, parseKeySpec(options.keyAlgorithm ?? 'ec:P-256'), passphrase);
    const root = parseCertificate(readFileSync(join(dir, caFiles.rootCertificate), 'utf8'));
    const issuing = parseCertificate(readFileSync(join(dir, caFiles.issuingCertificate), 'utf8'));
    const issuingKeyFile = join(dir, caFiles.issuingKey);
    let issuingKey: KeyPair;
    try {
      issuingKey = importPrivateKey(readFileSync(issuingKeyFile, 'utf8'), passphrase);
    } catch (error) {
      throw new LabCaStoreError(issuingKeyFile, 'the issuing CA key, readable with the configured passphrase', (error as Error).message);
    }
    const database = IssuedCertificateDatabase.open(join(dir, caFiles.issued));
    const serials = SerialNumberAllocator.open(join(dir, caFiles.serialCounter));
    return new CaStore(dir, root, issuing, issuingKey.privateKey, database, serials);
  }

  get rootCertificatePath(): string {
    return join(this.dir, caFiles.rootCertificate);
  }

  chainPem(): string {
    return toPem(this.issuing.der, 'CERTIFICATE') + toPem(this.root.der, 'CERTIFICATE');
  }

  async issue(wish: CertificateWish, validitySeconds: number, transactionIdHex: string): Promise<IssuedCertificateResult> {
    const certificate = this.sign(wish, validitySeconds, { extendedKeyUsage: wish.extendedKeyUsage, keyUsage: wish.keyUsage });
    this.database.recordCreated({
      serialHex: certificate.serialHex,
      subject: nameToString(wish.subject),
      notBefore: certificate.notBefore.toISOString(),
      notAfter: certificate.notAfter.toISOString(),
      certificate: Buffer.from(certificate.der).toString('base64'),
      transactionIdHex,
    });
    return { der: certificate.der, serialHex: certificate.serialHex, signatureAlgorithm: certificate.signatureAlgorithm };
  }

  /**
   * A TLS server certificate for the lab CA's own HTTPS listener (localhost, 127.0.0.1, ::1), with
   * a fresh key held in memory only. Not recorded in the database: it is not a client's certificate.
   */
  async issueTlsServerCertificate(validitySeconds = 30 * 86400): Promise<{ certificate: ParsedCertificate; key: KeyPair }> {
    const key = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
    const signed = this.sign(
      {
        certReqId: 0,
        subject: parseOpensslName('/O=cmp-desk lab/CN=localhost'),
        publicKeyInfo: publicKeyDer(key.publicKey),
        sans: { dns: ['localhost'], ip: ['127.0.0.1', '::1'], uri: [], email: [] },
      },
      validitySeconds,
      { keyUsage: ['digitalSignature', 'keyEncipherment'], extendedKeyUsage: ['serverAuth'] },
    );
    return { certificate: parseCertificate(signed.der), key };
  }

  revoke(serialHex: string, reason: RevocationReason = CRLReasons.unspecified): void {
    this.database.revoke(serialHex, reason);
    this.crlCache = undefined;
  }

  /** The current CRL (DER); rebuilt after each revocation and when half its lifetime has passed. */
  crl(now = Date.now()): Uint8Array {
    if (!this.crlCache || now - this.crlCache.producedAt > (crlLifetimeSeconds * 1000) / 2) {
      this.lastCrlNumber = Math.max(this.lastCrlNumber + 1, Math.floor(now / 1000));
      const issuer = { name: this.issuing.subjectName, keyIdentifier: this.issuing.subjectKeyIdentifier ?? new Uint8Array(), privateKey: this.issuingKey };
      this.crlCache = { der: buildCrl(issuer, this.database.revoked(), this.lastCrlNumber, new Date(now)), producedAt: now };
    }
    return this.crlCache.der;
  }

  close(): void {
    this.database.close();
  }

  private sign(wish: CertificateWish, validitySeconds: number, usage: { keyUsage?: CertificateWish['keyUsage']; extendedKeyUsage?: string[] }): SignedCertificate {
    const now = Date.now();
    const serial = this.serials.allocate();
    const certificate = this.issuer.sign({
      subject: wish.subject,
      serialNumber: serialToBytes(serial),
      notBefore: new Date(now - backdateSeconds * 1000),
      notAfter: new Date(now + validitySeconds * 1000),
      basicConstraints: { ca: false },
      keyUsage: usage.keyUsage,
      extendedKeyUsage: usage.extendedKeyUsage,
      sans: wish.sans,
      crlDistributionPoints: this.crlUrl ? [this.crlUrl] : undefined,
    }, wish.publicKeyInfo);
    if (certificate.serialHex !== serialToHex(serial)) {
      throw new LabCaStoreError(join(this.dir, caFiles.serialCounter), `serial ${serialToHex(serial)}`, certificate.serialHex);
    }
    return certificate;
  }
}

async function createCa(dir: string, keySpec: KeySpec, passphrase: string): Promise<void> {
  const now = Date.now();
  const rootKey = await generateKeyPair(keySpec);
  const root = issueCertificate({
    signer: { selfSigned: true, privateKey: rootKey.privateKey },
    subject: parseOpensslName('/O=cmp-desk lab/CN=cmp-desk Lab Root CA'),
    subjectPublicKey: rootKey.publicKey,
    notBefore: new Date(now - day),
    notAfter: new Date(now + rootLifetimeDays * day),
    basicConstraints: { ca: true },
    keyUsage: ['keyCertSign', 'crlSign'],
  });
  const issuingKey = await generateKeyPair(keySpec);
  const issuing = issueCertificate({
    signer: { certificate: root, privateKey: rootKey.privateKey },
    subject: parseOpensslName('/O=cmp-desk lab/CN=cmp-desk Lab Issuing CA'),
    subjectPublicKey: issuingKey.publicKey,
    notBefore: new Date(now - day),
    notAfter: new Date(now + issuingLifetimeDays * day),
    basicConstraints: { ca: true, pathLength: 0 },
    // digitalSignature: the issuing CA also signs CMP responses (RFC 9483 3.3).
    keyUsage: ['digitalSignature', 'keyCertSign', 'crlSign'],
  });
  writeFileDurably(join(dir, caFiles.rootKey), exportPrivateKeyPem(rootKey.privateKey, passphrase));
  writeFileDurably(join(dir, caFiles.issuingKey), exportPrivateKeyPem(issuingKey.privateKey, passphrase));
  writeFileDurably(join(dir, caFiles.rootCertificate), toPem(root.der, 'CERTIFICATE'), 0o644);
  writeFileDurably(join(dir, caFiles.issuingCertificate), toPem(issuing.der, 'CERTIFICATE'), 0o644);
  const settings = { keyAlgorithm: formatKeySpec(keySpec), createdAt: new Date(now).toISOString() };
  writeFileDurably(join(dir, caFiles.settings), `${JSON.stringify(settings, null, 2)}\n`, 0o644);
}
