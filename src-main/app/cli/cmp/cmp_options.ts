import { sourceAddressSchema } from '../../../../src-shared/domain';
import { CliUsageError, type CliOptions } from '../command';

/** The one-shot CMP commands, named as `openssl cmp -cmd` names them. */
export const CMP_COMMANDS = ['ir', 'cr', 'kur', 'p10cr', 'rr', 'genm'] as const;
export type CmpCommandName = (typeof CMP_COMMANDS)[number];

/** Options of `cmp-desk cmp`, spelled like their `openssl cmp` counterparts (with dashes). */
export const cmpOptionSpec = {
  cmd: { type: 'string' },
  server: { type: 'string' },
  'source-address': { type: 'string' },
  ref: { type: 'string' },
  secret: { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  subject: { type: 'string' },
  sans: { type: 'string' },
  newkey: { type: 'string' },
  newkeyout: { type: 'string' },
  csr: { type: 'string' },
  oldcert: { type: 'string' },
  revreason: { type: 'string' },
  infotype: { type: 'string' },
  certout: { type: 'string' },
  chainout: { type: 'string' },
  cacertsout: { type: 'string' },
  extracertsout: { type: 'string' },
  trusted: { type: 'string' },
  srvcert: { type: 'string' },
  'expect-sender': { type: 'string' },
  recipient: { type: 'string' },
  'out-trusted': { type: 'string' },
  'tls-trusted': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'tls-host': { type: 'string' },
  'implicit-confirm': { type: 'boolean' },
  'unprotected-errors': { type: 'boolean' },
  mac: { type: 'string' },
  digest: { type: 'string' },
  'msg-timeout': { type: 'string' },
  'total-timeout': { type: 'string' },
  reqout: { type: 'string' },
  rspout: { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
} as const satisfies CliOptions;

export const cmpUsage = `--cmd ir|cr|kur|p10cr|rr|genm --server URL [options]

  Connection     --server URL (http:// or https://, path included)  --msg-timeout S  --total-timeout S
                 [--source-address IP (this computer's address to send from, like curl --interface)]
  TLS            --tls-trusted FILE  [--tls-cert FILE --tls-key FILE]  [--tls-host NAME]
  Our identity   --ref REF --secret pass:X|env:VAR|file:PATH  [--mac pbm|pbmac1]
                 or --cert FILE --key FILE  [--digest sha256|sha384|sha512]
  Server checks  --trusted FILE | --srvcert FILE  [--expect-sender DN]  [--recipient DN]  [--unprotected-errors]
  Enrollment     --newkey ec:P-256|rsa:2048|ed25519|FILE [--newkeyout FILE]  --subject /CN=a/O=b  [--sans LIST]
                 [--csr FILE (p10cr)]  [--oldcert FILE (kur, rr)]  [--implicit-confirm]  [--out-trusted FILE]
  Other          --revreason N (rr)  --infotype caCerts|rootCaCert|certReqTemplate|signKeyPairTypes|NAME (genm)
  Output         --certout --chainout --cacertsout --extracertsout FILE  [--reqout F1,F2 --rspout F1,F2]  [--verbose]`;

/** How the request is protected. */
export type CmpAuthentication =
  | { kind: 'secret'; reference: string; secretSource: string; mac: 'pbm' | 'pbmac1' }
  | { kind: 'signature'; certFile: string; keyFile: string };

/** Where the new key comes from: generated with a spec, or read from a file (like `openssl cmp -newkey FILE`). */
export type NewKeySource = { kind: 'generate'; spec: string } | { kind: 'file'; path: string };

/** The validated command line, still as file names and texts; reading happens in cmp_inputs.ts. */
export interface CmpCommandLine {
  command: CmpCommandName;
  server: string;
  /** The local IP address to send from (CmpServer.sourceAddress); absent: the system chooses. */
  sourceAddress?: string;
  authentication: CmpAuthentication;
  digest?: 'sha256' | 'sha384' | 'sha512';
  subject?: string;
  sans?: string;
  newKey?: NewKeySource;
  newKeyOut?: string;
  csr?: string;
  oldCert?: string;
  revocationReason?: number;
  infoType?: string;
  trusted?: string;
  serverCert?: string;
  expectSender?: string;
  recipient?: string;
  outTrusted?: string;
  tls: { trusted?: string; cert?: string; key?: string; host?: string };
  implicitConfirm: boolean;
  unprotectedErrors: boolean;
  messageTimeoutMs: number;
  totalTimeoutMs: number;
  outputs: { cert?: string; chain?: string; caCerts?: string; extraCerts?: string; requests: string[]; responses: string[] };
  verbose: boolean;
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** OpenSSL's default message timeout is 120 s; ours is shorter because the CLI is interactive. */
export const DEFAULT_MESSAGE_TIMEOUT_S = 60;
export const DEFAULT_TOTAL_TIMEOUT_S = 300;

function text(values: Values, name: string): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0) throw new CliUsageError(`--${name} needs a value`);
  return value;
}

function seconds(values: Values, name: string, fallback: number): number {
  const value = text(values, name);
  if (value === undefined) return fallback * 1000;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0 || parsed > 86_400) throw new CliUsageError(`--${name} must be a number of seconds between 0 and 86400, got "${value}"`);
  return Math.round(parsed * 1000);
}

/** openssl cmp takes "-reqout f1,f2" (also space separated): the n-th message goes to the n-th file. */
function fileList(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(/[,\s]+/).filter((f) => f.length > 0);
}

function oneOf<T extends string>(values: Values, name: string, allowed: readonly T[]): T | undefined {
  const value = text(values, name);
  if (value === undefined) return undefined;
  if (!allowed.includes(value.toLowerCase() as T)) throw new CliUsageError(`--${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value.toLowerCase() as T;
}

function authentication(values: Values): CmpAuthentication {
  const ref = text(values, 'ref');
  const secret = text(values, 'secret');
  const cert = text(values, 'cert');
  const key = text(values, 'key');
  const mac = oneOf(values, 'mac', ['pbm', 'pbmac1'] as const) ?? 'pbm';
  if ((cert === undefined) !== (key === undefined)) throw new CliUsageError('--cert and --key go together');
  if (cert !== undefined && key !== undefined) {
    if (secret !== undefined) throw new CliUsageError('use either --secret or --cert/--key to protect requests, not both');
    return { kind: 'signature', certFile: cert, keyFile: key };
  }
  if (secret === undefined) throw new CliUsageError('requests must be protected: give --ref and --secret, or --cert and --key');
  if (ref === undefined) throw new CliUsageError('--secret needs --ref (the reference the CA knows the secret by)');
  return { kind: 'secret', reference: ref, secretSource: secret, mac };
}

function newKey(values: Values): NewKeySource | undefined {
  const value = text(values, 'newkey');
  if (value === undefined) return undefined;
  return /^(rsa|ec|ecdsa):|^ed25519$/i.test(value) ? { kind: 'generate', spec: value } : { kind: 'file', path: value };
}

/** Checks what each command requires and forbids, before anything is read or sent. */
function checkCommandNeeds(line: CmpCommandLine): void {
  const { command } = line;
  const enrolling = command === 'ir' || command === 'cr' || command === 'kur';
  if (enrolling && !line.newKey) throw new CliUsageError(`--cmd ${command} needs --newkey (a key spec such as ec:P-256, or a key file)`);
  if (enrolling && command !== 'kur' && !line.subject) throw new CliUsageError(`--cmd ${command} needs --subject`);
  if (command === 'p10cr' && !line.csr) throw new CliUsageError('--cmd p10cr needs --csr FILE');
  if (command !== 'p10cr' && line.csr) throw new CliUsageError('--csr is used only with --cmd p10cr');
  if (command === 'kur' && line.authentication.kind !== 'signature') throw new CliUsageError('--cmd kur is protected with the certificate being renewed: give --cert and --key');
  if (command === 'rr' && !line.oldCert && line.authentication.kind !== 'signature') throw new CliUsageError('--cmd rr needs --oldcert (or --cert) naming the certificate to revoke');
  if (command !== 'rr' && line.revocationReason !== undefined) throw new CliUsageError('--revreason is used only with --cmd rr');
  if (command !== 'genm' && line.infoType !== undefined) throw new CliUsageError('--infotype is used only with --cmd genm');
  if (!enrolling && (line.newKey || line.newKeyOut)) throw new CliUsageError(`--newkey and --newkeyout are not used with --cmd ${command}`);
  if (line.newKeyOut && line.newKey?.kind !== 'generate') throw new CliUsageError('--newkeyout writes a generated key: give --newkey as a key spec such as ec:P-256');
  if (line.trusted && line.serverCert) throw new CliUsageError('give either --trusted or --srvcert, not both');
  if ((line.tls.cert === undefined) !== (line.tls.key === undefined)) throw new CliUsageError('--tls-cert and --tls-key go together');
  if (line.messageTimeoutMs > line.totalTimeoutMs) throw new CliUsageError('--msg-timeout must not exceed --total-timeout');
}

function serverUrl(values: Values): string {
  const server = text(values, 'server');
  if (server === undefined) throw new CliUsageError('--server URL is required, e.g. --server https://ca.example/.well-known/cmp');
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new CliUsageError(`--server "${server}" is not a URL (expected http://host[:port]/path or https://…)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliUsageError(`--server must start with http:// or https://, got "${server}"`);
  return url.toString();
}

/** --source-address, checked as CmpServer.sourceAddress is. */
function sourceAddress(values: Values): string | undefined {
  const value = text(values, 'source-address');
  if (value === undefined) return undefined;
  const parsed = sourceAddressSchema.safeParse(value);
  if (!parsed.success) throw new CliUsageError(`--source-address ${parsed.error.issues[0]?.message ?? 'is not an IP address'}, got "${value}"`);
  return parsed.data;
}

/** Turns parsed arguments into a CmpCommandLine, or throws CliUsageError naming the first mistake. */
export function readCmpCommandLine(values: Values): CmpCommandLine {
  const command = oneOf(values, 'cmd', CMP_COMMANDS);
  if (!command) throw new CliUsageError(`--cmd is required: one of ${CMP_COMMANDS.join(', ')}`);
  const revReason = text(values, 'revreason');
  let revocationReason: number | undefined;
  if (revReason !== undefined) {
    revocationReason = Number(revReason);
    if (!Number.isInteger(revocationReason) || revocationReason < 0 || revocationReason > 10 || revocationReason === 7) {
      throw new CliUsageError(`--revreason must be a CRLReason 0..10 except 7, got "${revReason}"`);
    }
  }
  const server = serverUrl(values);
  const tls = { trusted: text(values, 'tls-trusted'), cert: text(values, 'tls-cert'), key: text(values, 'tls-key'), host: text(values, 'tls-host') };
  if (server.startsWith('https:') && !tls.trusted) throw new CliUsageError('an https:// server needs --tls-trusted FILE (the CAs that issue its TLS certificate)');
  if (server.startsWith('http:') && (tls.trusted || tls.cert || tls.host)) throw new CliUsageError('--tls-* options need an https:// server');
  const line: CmpCommandLine = {
    command,
    server,
    sourceAddress: sourceAddress(values),
    authentication: authentication(values),
    digest: oneOf(values, 'digest', ['sha256', 'sha384', 'sha512'] as const),
    subject: text(values, 'subject'),
    sans: text(values, 'sans'),
    newKey: newKey(values),
    newKeyOut: text(values, 'newkeyout'),
    csr: text(values, 'csr'),
    oldCert: text(values, 'oldcert'),
    revocationReason,
    infoType: text(values, 'infotype'),
    trusted: text(values, 'trusted'),
    serverCert: text(values, 'srvcert'),
    expectSender: text(values, 'expect-sender'),
    recipient: text(values, 'recipient'),
    outTrusted: text(values, 'out-trusted'),
    tls,
    implicitConfirm: values['implicit-confirm'] === true,
    unprotectedErrors: values['unprotected-errors'] === true,
    messageTimeoutMs: seconds(values, 'msg-timeout', DEFAULT_MESSAGE_TIMEOUT_S),
    totalTimeoutMs: seconds(values, 'total-timeout', DEFAULT_TOTAL_TIMEOUT_S),
    outputs: {
      cert: text(values, 'certout'),
      chain: text(values, 'chainout'),
      caCerts: text(values, 'cacertsout'),
      extraCerts: text(values, 'extracertsout'),
      requests: fileList(text(values, 'reqout')),
      responses: fileList(text(values, 'rspout')),
    },
    verbose: values.verbose === true,
  };
  checkCommandNeeds(line);
  return line;
}
