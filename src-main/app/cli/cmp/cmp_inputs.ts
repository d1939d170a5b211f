import { readFile } from 'node:fs/promises';
import type { Name } from '@peculiar/asn1-x509';
import type { Protector } from '../../../cmp/protection';
import type { TlsSettings } from '../../../cmp/transport';
import type { ServerTrust } from '../../../cmp/validation';
import {
  generateKeyPair,
  importPrivateKey,
  parseCertificate,
  parseKeySpec,
  parseOpensslName,
  parsePemBundle,
  parseSanText,
  sameSubjectPublicKey,
  type KeyPair,
  type ParsedCertificate,
  type SanList,
} from '../../../pki';
import { CliUsageError } from '../command';
import type { CmpCommandLine } from './cmp_options';
import { CmpInputError } from './cmp_input_error';
import { readSecret } from './secret_source';

/** Everything the command line names, read from files and parsed; nothing here talks to the server. */
export interface CmpInputs {
  protector: Protector;
  /** The certificate that protects our requests (signature protection only). */
  ownCertificate?: ParsedCertificate;
  serverTrust: ServerTrust;
  /** Trust anchors for the enrolled certificate (--out-trusted, else --trusted). */
  enrolledCertificateAnchors: ParsedCertificate[];
  tls?: TlsSettings;
  recipient?: Name;
  subject?: Name;
  sans?: SanList;
  newKey?: KeyPair;
  /** True when the new key was generated here (and so may be written with --newkeyout). */
  newKeyGenerated: boolean;
  csrDer?: Uint8Array;
  oldCertificate?: ParsedCertificate;
}

async function readInput(option: string, file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new CmpInputError(`${option} ${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** Runs a parser and puts the option and file in front of its message. */
function parsed<T>(option: string, file: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new CmpInputError(`${option} ${file}: ${(error as Error).message}`);
  }
}

async function certificate(option: string, file: string): Promise<ParsedCertificate> {
  const bytes = await readInput(option, file);
  return parsed(option, file, () => parseCertificate(new Uint8Array(bytes)));
}

async function certificates(option: string, file: string): Promise<ParsedCertificate[]> {
  const bytes = await readInput(option, file);
  const list = parsed(option, file, () => (bytes.includes('-----BEGIN') ? parsePemBundle(bytes.toString('utf8')) : [parseCertificate(new Uint8Array(bytes))]));
  if (list.length === 0) throw new CmpInputError(`${option} ${file}: the file holds no certificate`);
  return list;
}

async function privateKey(option: string, file: string): Promise<KeyPair> {
  const bytes = await readInput(option, file);
  return parsed(option, file, () => importPrivateKey(new Uint8Array(bytes)));
}

function name(option: string, text: string): Name {
  try {
    return parseOpensslName(text);
  } catch (error) {
    throw new CliUsageError(`${option} "${text}": ${(error as Error).message}`);
  }
}

async function protection(line: CmpCommandLine, env: Record<string, string | undefined>): Promise<{ protector: Protector; ownCertificate?: ParsedCertificate; secret?: Uint8Array }> {
  const auth = line.authentication;
  if (auth.kind === 'secret') {
    const secret = await readSecret(auth.secretSource, env);
    const reference = new Uint8Array(Buffer.from(auth.reference, 'utf8'));
    return { protector: { kind: auth.mac === 'pbm' ? 'password-based-mac' : 'pbmac1', reference, secret }, secret };
  }
  const [chain, keys] = await Promise.all([certificates('--cert', auth.certFile), privateKey('--key', auth.keyFile)]);
  const [own, ...rest] = chain;
  if (!sameSubjectPublicKey(own.publicKey, keys.publicKey)) throw new CmpInputError(`--key ${auth.keyFile} is not the key of the certificate in --cert ${auth.certFile}`);
  return { protector: { kind: 'signature', privateKey: keys.privateKey, certificate: own, chain: rest, digest: line.digest }, ownCertificate: own };
}

async function newKey(line: CmpCommandLine): Promise<KeyPair | undefined> {
  const source = line.newKey;
  if (!source) return undefined;
  if (source.kind === 'file') return privateKey('--newkey', source.path);
  const spec = (() => {
    try {
      return parseKeySpec(source.spec);
    } catch (error) {
      throw new CliUsageError(`--newkey ${source.spec}: ${(error as Error).message}`);
    }
  })();
  return generateKeyPair(spec);
}

async function tlsSettings(line: CmpCommandLine): Promise<TlsSettings | undefined> {
  const { trusted, cert, key, host } = line.tls;
  if (!trusted) return undefined;
  await certificates('--tls-trusted', trusted);
  const settings: TlsSettings = { trustedCaPem: [(await readInput('--tls-trusted', trusted)).toString('utf8')], tlsHost: host };
  if (cert && key) {
    const [client, keys] = await Promise.all([certificates('--tls-cert', cert), privateKey('--tls-key', key)]);
    if (!sameSubjectPublicKey(client[0].publicKey, keys.publicKey)) throw new CmpInputError(`--tls-key ${key} is not the key of the certificate in --tls-cert ${cert}`);
    settings.clientCertPem = (await readInput('--tls-cert', cert)).toString('utf8');
    settings.clientKey = keys.privateKey;
  }
  return settings;
}

/** Reads every file and value the command line names; an unreadable one is a CmpInputError, a missing one a CliUsageError. */
export async function readCmpInputs(line: CmpCommandLine, env: Record<string, string | undefined>): Promise<CmpInputs> {
  const [auth, key, tls, trusted, serverCert, outTrusted, oldCert, csr] = await Promise.all([
    protection(line, env),
    newKey(line),
    tlsSettings(line),
    line.trusted ? certificates('--trusted', line.trusted) : undefined,
    line.serverCert ? certificate('--srvcert', line.serverCert) : undefined,
    line.outTrusted ? certificates('--out-trusted', line.outTrusted) : undefined,
    line.oldCert ? certificate('--oldcert', line.oldCert) : undefined,
    line.csr ? readInput('--csr', line.csr) : undefined,
  ]);
  if (auth.protector.kind === 'signature' && !trusted && !serverCert) {
    throw new CliUsageError('signed requests get signed responses: give --trusted FILE or --srvcert FILE to verify them');
  }
  const enrolledCertificateAnchors = outTrusted ?? trusted ?? [];
  if (['ir', 'cr', 'kur', 'p10cr'].includes(line.command) && enrolledCertificateAnchors.length === 0) {
    throw new CliUsageError('give --out-trusted FILE (or --trusted FILE): the CA certificates the new certificate must chain to');
  }
  const sans = line.sans === undefined ? undefined : parsed('--sans', line.sans, () => parseSanText(line.sans as string));
  return {
    protector: auth.protector,
    ownCertificate: auth.ownCertificate,
    serverTrust: {
      secret: auth.secret,
      pinnedServerCertificate: serverCert,
      trustAnchors: trusted,
      expectedSender: line.expectSender === undefined ? undefined : name('--expect-sender', line.expectSender),
      acceptUnprotectedErrors: line.unprotectedErrors,
    },
    enrolledCertificateAnchors,
    tls,
    recipient: line.recipient === undefined ? undefined : name('--recipient', line.recipient),
    subject: line.subject === undefined ? undefined : name('--subject', line.subject),
    sans,
    newKey: key,
    newKeyGenerated: line.newKey?.kind === 'generate',
    csrDer: csr ? csrDer(csr) : undefined,
    oldCertificate: oldCert ?? (line.command === 'kur' || line.command === 'rr' ? auth.ownCertificate : undefined),
  };
}

/** --csr accepts PEM or DER, like `openssl cmp -csr`. */
function csrDer(bytes: Buffer): Uint8Array {
  const text = bytes.toString('latin1');
  const match = /-----BEGIN (?:NEW )?CERTIFICATE REQUEST-----([\s\S]*?)-----END (?:NEW )?CERTIFICATE REQUEST-----/.exec(text);
  return new Uint8Array(match ? Buffer.from(match[1].replace(/\s+/g, ''), 'base64') : bytes);
}
