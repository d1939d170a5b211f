import type { KeyObject } from 'node:crypto';
import type { CmpServer } from '../../src-shared/domain';
import { HttpTransport, ServerGroupTransport, type CmpTransport } from '../cmp/transport';
import { toPem, type ParsedCertificate } from '../pki';
import type { ConfigRepository } from '../store';

/** The configuration chain of reference/000 is broken: the record's profile cannot reach a CMP server. */
export class CmpConfigurationError extends Error {
  readonly name = 'CmpConfigurationError';
}

/** A record's current certificate, its chain and its key: the TLS client certificate of a TLS profile. */
export type ClientCredentialsOf = (recordId: string, tlsProfileName: string) => { certificate: ParsedCertificate; chain: ParsedCertificate[]; privateKey: KeyObject };

/**
 * The transport to one CmpServer, for enrollments and revocations alike: HTTP, or HTTPS verified with
 * the server's TLS profile (never without one, and with its client certificate when it asks for
 * one), leaving from the server's source address, waiting at most its message timeout.
 */
export function cmpServerTransport(config: ConfigRepository, server: CmpServer, credentialsOf: ClientCredentialsOf): CmpTransport {
  const connection = { url: server.url, messageTimeoutMs: server.messageTimeoutSeconds * 1000, localAddress: server.sourceAddress ?? undefined };
  if (!server.url.startsWith('https:')) return new HttpTransport(connection);
  const profile = server.tlsProfileId === null ? null : config.tlsProfiles.get(server.tlsProfileId);
  if (profile === null) throw new CmpConfigurationError(`CMP server "${server.name}" uses HTTPS but has no TLS profile; choose one under Servers & profiles (CMP does not work without a secure TLS connection)`);
  const trustedCaPem = profile.trustedCaIds.map((id) => config.trustAnchors.get(id)).filter((a) => a !== null).map((a) => toPem(Buffer.from(a.certificateDer, 'base64'), 'CERTIFICATE'));
  let client: { clientCertPem?: string; clientKey?: KeyObject } = {};
  if (profile.mutualAuthentication && profile.clientCertificateRecordId !== null) {
    const credentials = credentialsOf(profile.clientCertificateRecordId, profile.name);
    client = { clientCertPem: [credentials.certificate, ...credentials.chain].map((c) => toPem(c.der, 'CERTIFICATE')).join(''), clientKey: credentials.privateKey };
  }
  return new HttpTransport({ ...connection, tls: { trustedCaPem, minVersion: profile.minimumTlsVersion, ...client } });
}

/**
 * A ServerGroup's CmpServers as one failover transport. Each exchange waits at most the message
 * timeout of the server it goes to (GroupServer.messageTimeoutMs); the transaction's own
 * messageTimeoutMs is then groupMessageTimeoutMs(), so it never cuts a slower server short.
 */
export function cmpServerGroup(name: string, servers: readonly CmpServer[], transportFor: (server: CmpServer) => CmpTransport): ServerGroupTransport {
  return new ServerGroupTransport(name, servers.map((server) => ({ name: server.name, transport: transportFor(server), messageTimeoutMs: server.messageTimeoutSeconds * 1000 })));
}

/** The longest message timeout of the group: what a transaction over cmpServerGroup() allows per exchange. */
export function groupMessageTimeoutMs(servers: readonly CmpServer[]): number {
  return Math.max(...servers.map((s) => s.messageTimeoutSeconds)) * 1000;
}
