import { Name } from '@peculiar/asn1-x509';
import type { ConnectionStage, ConnectionTestRequest, ConnectionTestResult, TypedSecret } from '../../../src-shared/ipc';
import { InfoTypeAndValue } from '../../cmp/asn1/info_type_and_value';
import { id_it_caCerts } from '../../cmp/asn1/object_identifiers';
import { CmpTransactionError, GeneralMessageTransaction } from '../../cmp/transactions';
import { HttpTransport, TransportError } from '../../cmp/transport';
import { CmpProtocolError } from '../../cmp/validation';
import { parseOpensslName, parsePemBundle, type ParsedCertificate } from '../../pki';
import type { UiContext } from './ui_context';

/** The IAK as bytes: UTF-8 text, or hex digits (spaces and colons allowed). */
export function secretBytes(secret: TypedSecret): Uint8Array {
  if (secret.encoding === 'text') return new Uint8Array(Buffer.from(secret.value, 'utf8'));
  const digits = secret.value.replace(/[\s:]/g, '');
  if (!/^([0-9a-fA-F]{2})+$/.test(digits)) throw new RangeError('the hex secret must be pairs of hex digits (0-9, a-f)');
  return new Uint8Array(Buffer.from(digits, 'hex'));
}

class InputProblem extends Error {}

function certificates(pems: readonly string[], what: string): ParsedCertificate[] {
  try {
    return pems.flatMap((pem) => parsePemBundle(pem));
  } catch (error) {
    throw new InputProblem(`${what}: ${(error as Error).message}`);
  }
}

type Verdict = Omit<ConnectionTestResult, 'elapsedMs'>;
const verdict = (stage: ConnectionStage, message: string, advice: string, detail: string | null = null): Verdict => ({ ok: stage === 'ok', stage, message, advice, detail });

/** Translates what went wrong into the part of the path to look at and what to do. */
function explain(error: unknown, url: string): Verdict {
  const transport = error instanceof TransportError ? error : error instanceof CmpTransactionError && error.cause instanceof TransportError ? error.cause : undefined;
  if (transport) {
    switch (transport.code) {
      case 'tls-untrusted':
        return verdict('tls', 'The HTTPS certificate of the server is not signed by a CA of the TLS profile.', 'Add the CA that issued the server’s TLS certificate to the trusted CAs in step 3.', transport.message);
      case 'tls-hostname-mismatch':
        return verdict('tls', 'The server’s HTTPS certificate does not name the host in the URL.', 'Use the host name the certificate was issued for, or ask the operator for a matching certificate.', transport.message);
      case 'tls-other':
        return verdict('tls', 'The TLS handshake failed.', 'Check the minimum TLS version and whether the server asks for a client certificate.', transport.message);
      case 'connection-refused':
        return verdict('network', `Nothing accepts connections at ${url}.`, 'Check the URL and port, and that the CMP server is running.', transport.message);
      case 'source-address':
        return verdict('network', 'This computer cannot send from the source address.', 'Choose an address of one of this computer’s network interfaces, of the same IP version as the server, or leave the source address empty.', transport.message);
      case 'dns':
        return verdict('network', 'The host name of the URL cannot be resolved.', 'Check the spelling of the host, or the DNS settings of this computer.', transport.message);
      case 'timeout':
        return verdict('network', 'The server did not answer in time.', 'Check that the server is reachable from here, or raise the message timeout in step 2.', transport.message);
      case 'http-status':
      case 'content-type':
        return verdict('http', `The web server answered, but not as a CMP server (${transport.status ?? transport.contentType ?? transport.code}).`, 'Check the path of the URL, e.g. /.well-known/cmp or /.well-known/cmp/p/<label>.', transport.message);
      default:
        return verdict('network', 'The exchange with the server broke off.', 'Try again; if it keeps failing, check the network path to the server.', transport.message);
    }
  }
  const protocol = error instanceof CmpProtocolError ? error : error instanceof CmpTransactionError && error.cause instanceof CmpProtocolError ? error.cause : undefined;
  if (protocol) {
    const said = protocol.details.peerText?.length ? ` The server says: “${protocol.details.peerText.join(' / ')}”.` : '';
    switch (protocol.code) {
      case 'error-message':
      case 'rejected':
        return verdict('server', `The CMP server rejected the request.${said}`, 'Check the reference value and the secret in step 4 with the CA operator; a wrong secret is the usual reason.', protocol.message);
      case 'bad-protection':
      case 'unprotected':
        return verdict('protection', 'The server’s answer is not protected with this secret.', 'Check the secret in step 4: the server and cmp-desk must share the same one.', protocol.message);
      case 'untrusted-protection-certificate':
      case 'unexpected-sender':
        return verdict('protection', 'The server’s answer is signed by a certificate we do not trust, or by a different sender.', 'Check the certificate that signs CMP responses and the expected sender in step 2.', protocol.message);
      default:
        return verdict('server', `The server’s answer breaks the CMP rules (${protocol.code}).`, 'Show the detail below to the CA operator.', protocol.message);
    }
  }
  if (error instanceof CmpTransactionError) {
    return verdict(error.code === 'protection' ? 'protection' : 'server', `The exchange failed: ${error.message}`, 'Check the server settings and the secret, then test again.', error.message);
  }
  return verdict('server', `The test failed: ${error instanceof Error ? error.message : String(error)}`, 'Check the settings and test again.', null);
}

/**
 * Sends a genm (caCerts) protected with the entered key, the way every later request will be. For
 * this diagnosis only, unprotected error answers are read so the server's own words can be shown.
 */
export async function testConnection(context: UiContext, request: ConnectionTestRequest): Promise<ConnectionTestResult> {
  const started = Date.now();
  const done = (v: Verdict): ConnectionTestResult => ({ ...v, elapsedMs: Date.now() - started });
  let secret: Uint8Array;
  let anchors: ParsedCertificate[];
  let expectedSender: Name | undefined;
  try {
    if ('typed' in request.secret) secret = secretBytes(request.secret.typed);
    else {
      const stored = await (await context.config.initialAuthenticationKeys()).read(request.secret.storedFor);
      if (stored === null) throw new InputProblem('No initial authentication key is stored for this CMP profile yet; enter it in step 4');
      secret = new Uint8Array(stored);
    }
    anchors = certificates(request.responseCaPem, 'The certificate that signs CMP responses');
    certificates(request.tls.trustedCaPem, 'The trusted CAs for HTTPS');
    expectedSender = request.expectedSender?.trim() ? parseOpensslName(request.expectedSender.trim()) : undefined;
  } catch (error) {
    return done(verdict('input', `The settings cannot be used yet: ${(error as Error).message}.`, 'Correct the field named above and test again.'));
  }
  const https = request.url.startsWith('https:');
  const transport = new HttpTransport({
    url: request.url,
    tls: https ? { trustedCaPem: request.tls.trustedCaPem, minVersion: request.tls.minimumTlsVersion } : undefined,
    messageTimeoutMs: request.messageTimeoutSeconds * 1000,
    ...(request.sourceAddress ? { localAddress: request.sourceAddress } : {}),
  });
  try {
    const { answers } = await new GeneralMessageTransaction({
      transport,
      protector: { kind: 'password-based-mac', reference: new Uint8Array(Buffer.from(request.reference, 'utf8')), secret },
      trust: { secret, trustAnchors: anchors, expectedSender, acceptUnprotectedErrors: true },
      sender: new Name(),
      recipient: expectedSender ?? new Name(),
      messageTimeoutMs: request.messageTimeoutSeconds * 1000,
      totalTimeoutMs: request.messageTimeoutSeconds * 1000 * 2,
    }).run([new InfoTypeAndValue({ infoType: id_it_caCerts })]);
    const via = https ? 'over HTTPS (TLS verified), ' : 'over plain HTTP, ';
    return done(verdict('ok', `The CMP server answered ${via}the answer is protected with this secret and ${answers.length} item(s) came back.`, https ? 'Everything needed for enrollment works.' : 'Plain HTTP is only acceptable on this computer or in a lab; use HTTPS in production.'));
  } catch (error) {
    context.logger.info('connection', `connection test to ${request.url} failed: ${error instanceof Error ? error.message : String(error)}`);
    return done(explain(error, request.url));
  } finally {
    transport.close?.();
    secret.fill(0);
  }
}

export function connectionHandlers(context: UiContext) {
  return { 'connection.test': (request: ConnectionTestRequest) => testConnection(context, request) };
}
