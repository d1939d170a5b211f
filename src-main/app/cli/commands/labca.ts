import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CaKeyPassphraseSource, LabCa, LabCaConfigError, parseValidity, wellKnownCmpPath } from '../../../labca';
import { KeychainUnavailableError, openOsKeychain } from '../../../secrets/keychain';
import { CliUsageError, type CliCommand, type CliOutput } from '../command';

/** The keychain namespace of lab CAs started from the command line (one entry per CA folder). */
const labCaKeychainNamespace = 'cmp-desk-labca';

/**
 * Runs the lab CA in the foreground: a local CMP CA for trying cmp-desk, for the demo and for
 * tests against a real peer. Prints its URLs, the root CA file and its SHA-256 fingerprint.
 */
export const labCaCommand: CliCommand = {
  name: 'labca',
  summary: 'Run the local lab CMP certification authority until stopped (Ctrl+C)',
  usage: '[--dir <dir>] [--port <port>] [--https] [--https-port <port>] [--ref <reference> --secret env:<VAR>|file:<path>] [--validity 90d] [--transaction-lifetime 10m] [--key-algorithm ec:P-256|rsa:2048] [--key-passphrase env:<VAR>]',
  options: {
    dir: { type: 'string' },
    port: { type: 'string' },
    https: { type: 'boolean' },
    'https-port': { type: 'string' },
    ref: { type: 'string' },
    secret: { type: 'string' },
    validity: { type: 'string' },
    'transaction-lifetime': { type: 'string' },
    'key-algorithm': { type: 'string' },
    'key-passphrase': { type: 'string' },
  },
  help: [
    'Options:',
    '  --dir <dir>                  the CA folder; a new root and issuing CA are made when it is empty (default <data dir>/labca)',
    '  --port <port>                HTTP port on 127.0.0.1 (default: a free port)',
    '  --https, --https-port <port> also serve HTTPS with a TLS certificate from the lab CA',
    '  --ref <reference> --secret env:<VAR>|file:<path>',
    '                               the shared secret (initial authentication key) of MAC-protected requests',
    '  --validity <duration>        validity of issued certificates, e.g. 90d, 12h, 15m, 30s (default 90d)',
    '  --transaction-lifetime <duration>',
    '                               how long an open transaction waits, from the request that opened it, for its',
    '                               certConf or next pollReq before the CA forgets it, e.g. 10m, 30s (default 10m)',
    '  --key-algorithm ec:P-256|rsa:2048   key algorithm of a new CA (default ec:P-256)',
    '  --key-passphrase env:<VAR>   passphrase of the CA keys (default: a random one in the OS keychain)',
  ],
  async run({ values, context }) {
    const out = context.output;
    const dir = (values.dir as string | undefined) ?? join(context.dataPaths.dataDir, 'labca');
    const ref = values.ref as string | undefined;
    const secretSpec = values.secret as string | undefined;
    if (Boolean(ref) !== Boolean(secretSpec)) throw new CliUsageError('--ref and --secret go together', 'labca');
    const sharedSecrets = ref && secretSpec ? { [ref]: readSecret(secretSpec, '--secret') } : {};
    const validitySeconds = parseDuration(values.validity as string | undefined, '--validity');
    const transactionLifetimeSeconds = parseDuration(values['transaction-lifetime'] as string | undefined, '--transaction-lifetime');
    const passphrase = await passphraseSource(dir, values['key-passphrase'] as string | undefined, out);
    const labCa = await LabCa.start({
      dir,
      keyAlgorithm: values['key-algorithm'] as string | undefined,
      passphrase,
      http: { port: parsePort(values.port as string | undefined, '--port') },
      https: values.https ? { port: parsePort(values['https-port'] as string | undefined, '--https-port') } : false,
      paths: [{ path: wellKnownCmpPath, sharedSecrets, validitySeconds }],
      transactionLifetimeSeconds,
    });
    for (const url of labCa.cmpUrls()) out.out(`CMP:         ${url}`);
    out.out(`CRL:         ${labCa.crlUrl}`);
    out.out(`root CA:     ${labCa.rootCaPath}`);
    out.out(`SHA-256:     ${labCa.rootFingerprintSha256}`);
    if (ref) out.out(`reference:   ${ref} (shared secret from ${secretSpec?.split(':')[0]})`);
    out.out('lab CA running; stop with Ctrl+C');
    await stopSignal();
    await labCa.stop();
    out.out('lab CA stopped');
    return 0;
  },
};

/** `env:VAR` or `file:path`; secrets never appear on the command line itself. */
function readSecret(spec: string, option: string): string {
  const [kind, ...rest] = spec.split(':');
  const target = rest.join(':');
  let value: string | undefined;
  if (kind === 'env') value = process.env[target];
  else if (kind === 'file') value = readFileSync(target, 'utf8').replace(/\r?\n$/, '');
  else throw new CliUsageError(`${option} must be env:<VAR> or file:<path>`, 'labca');
  if (!value) throw new CliUsageError(`${option} ${spec} is empty or not set`, 'labca');
  return value;
}

/** A duration such as 90d or 30s; a malformed one is a usage error (exit 2), found before the CA starts. */
function parseDuration(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  try {
    return parseValidity(text, option);
  } catch (error) {
    if (error instanceof LabCaConfigError) throw new CliUsageError(error.message, 'labca');
    throw error;
  }
}

function parsePort(text: string | undefined, option: string): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliUsageError(`${option} must be a port number 0-65535`, 'labca');
  return port;
}

/**
 * The CA keys' passphrase: given, else a random secret in the OS keychain, else (no keychain, e.g.
 * CI) a random secret in the CA folder — said out loud, because then it protects nothing.
 */
async function passphraseSource(dir: string, spec: string | undefined, out: CliOutput): Promise<CaKeyPassphraseSource> {
  if (spec) return { kind: 'given', passphrase: readSecret(spec, '--key-passphrase') };
  try {
    const keychain = await openOsKeychain(labCaKeychainNamespace);
    return {
      kind: 'keychain',
      keychain: {
        getSecret: async (account) => (await keychain.get(account))?.toString('utf8'),
        setSecret: (account, secret) => keychain.set(account, Buffer.from(secret, 'utf8')),
      },
    };
  } catch (error) {
    if (!(error instanceof KeychainUnavailableError)) throw error;
    out.err(`note: no OS keychain (${error.detail}); the CA key passphrase is kept in ${dir} next to the keys, which then protects nothing`);
    return { kind: 'folder-file' };
  }
}

function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
