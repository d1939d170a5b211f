import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Key algorithm for every key of a test PKI. */
export type TestKeyType = 'ec-p256' | 'rsa-2048';

/** Files of one issued certificate: `chain` is the certificate followed by the intermediate (if any), for TLS servers. */
export interface IssuedFiles {
  cert: string;
  key: string;
  chain: string;
  subject: string;
}

/** A throw-away PKI made with the openssl CLI. All values are absolute paths of PEM files in `dir`. */
export interface TestPki {
  dir: string;
  root: IssuedFiles;
  /** Present when created with `intermediate: true`; then it issues every end certificate below. */
  intermediate?: IssuedFiles;
  /** The CA certificates a relying party trusts: the root only (intermediates come from the peer's chain). */
  trustedCa: string;
  /** Intermediate + root, e.g. for `openssl cmp -rsp_capubs`/`-srv_untrusted` or nginx `ssl_client_certificate`. */
  caBundle: string;
  /** TLS server certificate for DNS:localhost, IP:127.0.0.1 and IP:::1. */
  server: IssuedFiles;
  /** TLS server certificate for `wrongHostName` only: host name mismatch tests, and -tls_host/tlsHost override tests. */
  wrongHost: IssuedFiles;
  wrongHostName: string;
  /** TLS client certificate (extendedKeyUsage clientAuth) for mutual authentication. */
  client: IssuedFiles;
  /** Signs CMP responses (`openssl cmp -srv_cert/-srv_key`). */
  cmpSigner: IssuedFiles;
  /** An end-entity certificate, e.g. what `openssl cmp -port … -rsp_cert` hands out. */
  endEntity: IssuedFiles;
  /** Reads one of the files above as text. */
  read(file: string): Promise<string>;
  /** Deletes the directory. */
  cleanup(): Promise<void>;
}

/** How createTestPki builds the PKI: key algorithm (default EC P-256), an intermediate CA, subject prefix, validity days (30). */
export interface TestPkiOptions {
  keyType?: TestKeyType;
  intermediate?: boolean;
  /** Prefix of every subject CN, so two PKIs in one test are told apart in error messages. */
  name?: string;
  days?: number;
}

const WRONG_HOST_NAME = 'cmp.wrong-host.test';

const EXTENSIONS = `
[req]
distinguished_name = dn
prompt = no
[dn]
CN = placeholder
[root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[intermediate]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[tls_server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[wrong_host]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:${WRONG_HOST_NAME}
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tls_client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[cmp_signer]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[end_entity]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth, serverAuth
subjectAltName = DNS:ee.cmp-desk.test
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

function newKeyArgs(keyType: TestKeyType): string[] {
  return keyType === 'ec-p256' ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', 'rsa:2048'];
}

/** Creates a root CA (and optionally an intermediate) and issues the TLS and CMP certificates tests need. */
export async function createTestPki(options: TestPkiOptions = {}): Promise<TestPki> {
  const keyType = options.keyType ?? 'ec-p256';
  const name = options.name ?? 'cmp-desk test';
  const days = String(options.days ?? 30);
  const dir = await mkdtemp(path.join(tmpdir(), 'cmp-desk-pki-'));
  const config = path.join(dir, 'extensions.cnf');
  await writeFile(config, EXTENSIONS);
  const file = (base: string) => path.join(dir, base);

  const selfSigned = async (base: string, subject: string): Promise<IssuedFiles> => {
    const files = { cert: file(`${base}.crt`), key: file(`${base}.key`), chain: file(`${base}.crt`), subject };
    await run('openssl', ['req', '-x509', '-config', config, '-extensions', base, ...newKeyArgs(keyType), '-nodes', '-keyout', files.key, '-out', files.cert, '-subj', subject, '-days', days, '-sha256']);
    return files;
  };
  const issue = async (base: string, profile: string, subject: string, issuer: IssuedFiles, issuerChain: string[]): Promise<IssuedFiles> => {
    const files = { cert: file(`${base}.crt`), key: file(`${base}.key`), chain: file(`${base}.chain.pem`), subject };
    const csr = file(`${base}.csr`);
    await run('openssl', ['req', '-new', '-config', config, ...newKeyArgs(keyType), '-nodes', '-keyout', files.key, '-out', csr, '-subj', subject]);
    await run('openssl', ['x509', '-req', '-in', csr, '-CA', issuer.cert, '-CAkey', issuer.key, '-set_serial', `0x${randomBytes(12).toString('hex')}`,
      '-days', days, '-sha256', '-extfile', config, '-extensions', profile, '-out', files.cert]);
    const pems = await Promise.all([files.cert, ...issuerChain].map((f) => readFile(f, 'utf8')));
    await writeFile(files.chain, pems.join(''));
    return files;
  };

  try {
    const root = await selfSigned('root', `/O=cmp-desk tests/CN=${name} Root CA`);
    const intermediate = options.intermediate
      ? await issue('intermediate', 'intermediate', `/O=cmp-desk tests/CN=${name} Issuing CA`, root, [])
      : undefined;
    const issuer = intermediate ?? root;
    const chainAbove = intermediate ? [intermediate.cert] : [];
    const [server, wrongHost, client, cmpSigner, endEntity] = await Promise.all([
      issue('server', 'tls_server', `/O=cmp-desk tests/CN=localhost`, issuer, chainAbove),
      issue('wrong-host', 'wrong_host', `/O=cmp-desk tests/CN=${WRONG_HOST_NAME}`, issuer, chainAbove),
      issue('client', 'tls_client', `/O=cmp-desk tests/CN=${name} TLS client`, issuer, chainAbove),
      issue('cmp-signer', 'cmp_signer', `/O=cmp-desk tests/CN=${name} CMP server`, issuer, chainAbove),
      issue('end-entity', 'end_entity', `/O=cmp-desk tests/CN=ee.cmp-desk.test`, issuer, chainAbove),
    ]);
    const caBundle = file('ca-bundle.pem');
    const caPems = await Promise.all([...chainAbove, root.cert].map((f) => readFile(f, 'utf8')));
    await writeFile(caBundle, caPems.join(''));
    return {
      dir, root, intermediate, trustedCa: root.cert, caBundle, server, wrongHost, wrongHostName: WRONG_HOST_NAME, client, cmpSigner, endEntity,
      read: (f) => readFile(f, 'utf8'),
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
