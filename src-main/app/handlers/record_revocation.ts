import { randomUUID, type KeyObject } from 'node:crypto';
import { Name } from '@peculiar/asn1-x509';
import type { CmpServer } from '../../../src-shared/domain';
import type { RevocationReasonName } from '../../../src-shared/ipc';
import { CmpTransactionError, RevocationTransaction, systemClock } from '../../cmp/transactions';
import type { ServerTrust } from '../../cmp/validation';
import { AnsweringServerTransport, cmpServerGroup, cmpServerTransport, groupMessageTimeoutMs, type KeyVault } from '../../lifecycle';
import { parseCertificateDer, parseOpensslName, type ParsedCertificate } from '../../pki';
import type { InitialAuthenticationKeys } from '../../secrets';
import type { Store } from '../../store';
import { UiActionError } from './user_errors';

export interface RevocationContext {
  store: Store;
  vault: KeyVault;
  iaks: InitialAuthenticationKeys;
}

const certificateFromBase64 = (b64: string) => parseCertificateDer(new Uint8Array(Buffer.from(b64, 'base64')));
const hex = (base64: string | undefined) => (base64 === undefined ? null : Buffer.from(base64, 'base64').toString('hex'));

/** A record's current certificate with the key we hold for it (an rr is signed with it, RFC 9483 4.2). */
function currentWithKey(context: RevocationContext, recordId: string, what: string): { certificate: ParsedCertificate; chain: ParsedCertificate[]; privateKey: KeyObject; id: string } {
  const current = context.store.certificates.current(recordId);
  if (current === null) throw new UiActionError(`${what} has no current certificate`);
  if (current.privateKeyId === null) throw new UiActionError(`${what}: cmp-desk does not hold the private key of certificate ${current.serialNumber}, so it cannot sign the request; revoke it at the CA`);
  return { id: current.id, certificate: certificateFromBase64(current.certificateDer), chain: current.chainDer.map(certificateFromBase64), privateKey: context.vault.load(current.privateKeyId, `record ${recordId}`).privateKey };
}

/**
 * Revokes a record's current certificate with an rr over the record's CMP profile's server group,
 * signed with the certificate's own key. The exchange is journaled as an rr transaction (the
 * timeline shows it), and its outcome lands in the log. The certificate stays the record's
 * current one: what replaces it is the administrator's next step (Re-enroll).
 */
export async function revokeCurrentCertificate(context: RevocationContext, recordId: string, reason: RevocationReasonName): Promise<{ serialNumber: string; transactionId: string }> {
  const { store } = context;
  const record = store.certificateRecords.get(recordId);
  if (record === null) throw new UiActionError('The record is not in the store (was it deleted?)');
  if (record.cmpProfileId === null) throw new UiActionError(`Record "${record.name}" has no CMP profile, so there is no CMP server to send the revocation to; revoke the certificate at the CA`);
  const profile = store.config.cmpProfiles.get(record.cmpProfileId);
  const group = profile?.serverGroupId ? store.config.serverGroups.get(profile.serverGroupId) : null;
  if (profile === null || group === null || group === undefined) throw new UiActionError(`The CMP profile of record "${record.name}" has no server group`);
  const servers = group.serverIds.map((id) => store.config.cmpServers.get(id)).filter((s): s is CmpServer => s !== null);
  if (servers.length === 0) throw new UiActionError(`Server group "${group.name}" lists no CMP server`);
  const open = store.transactions.openForRecord(recordId);
  if (open !== null) throw new UiActionError(`Record "${record.name}" has a ${open.type.toUpperCase()} in progress (${open.state}); wait for it or cancel it first`);
  const signer = currentWithKey(context, recordId, `Record "${record.name}"`);
  const secret = profile.authentication.method === 'shared-secret' ? await context.iaks.read(profile.id) : null;
  const responseAnchorIds = new Set(servers.flatMap((s) => s.responseTrustAnchorIds));
  const first = servers[0];
  const clientCredentials = (id: string, tlsProfileName: string) => currentWithKey(context, id, `The client certificate record of TLS profile "${tlsProfileName}"`);
  const serverGroup = cmpServerGroup(group.name, servers, (server) => cmpServerTransport(store.config, server, clientCredentials));
  const trust: ServerTrust = {
    secret: secret ? new Uint8Array(secret) : undefined,
    trustAnchors: store.config.trustAnchors.list().filter((a) => responseAnchorIds.has(a.id)).map((a) => certificateFromBase64(a.certificateDer)),
    expectedSender: first.expectedSender ? parseOpensslName(first.expectedSender) : undefined,
  };
  // The answering server's "accept unprotected error answers" applies to its rp or error, as for enrollments.
  const transport = new AnsweringServerTransport(serverGroup, servers, trust);
  const digest = record.digest;
  const session = {
    transport,
    protector: { kind: 'signature' as const, privateKey: signer.privateKey, certificate: signer.certificate, chain: signer.chain, digest },
    trust,
    sender: signer.certificate.subjectName,
    recipient: new Name(),
    messageTimeoutMs: groupMessageTimeoutMs(servers),
    totalTimeoutMs: first.totalTimeoutSeconds * 1000,
    clock: systemClock,
  };
  const startedAt = new Date().toISOString();
  const journal = (state: 'completed' | 'failed', transactionIdB64: string | undefined, senderNonce: string | undefined, recipNonce: string | undefined, lastError: string | null) => {
    const id = randomUUID();
    store.transactions.begin({
      id,
      recordId,
      type: 'rr',
      trigger: 'revocation',
      state,
      transactionId: hex(transactionIdB64) ?? randomUUID().replaceAll('-', ''),
      senderNonce: hex(senderNonce) ?? '00',
      recipNonce: hex(recipNonce),
      serverId: servers.find((s) => s.name === serverGroup.currentServer.name)?.id ?? null,
      nextPollAt: null,
      attempts: 1,
      lastError,
      pendingPrivateKeyId: null,
      requestDer: null,
      startedAt,
      updatedAt: new Date().toISOString(),
    });
    return id;
  };
  try {
    const result = await new RevocationTransaction(session).run(signer.certificate, reason);
    const id = journal('completed', result.snapshot.transactionId, result.snapshot.lastSenderNonce, result.snapshot.lastRecipNonce, null);
    return { serialNumber: signer.certificate.serialHex.toLowerCase(), transactionId: id };
  } catch (error) {
    const engineMessage = error instanceof Error ? error.message : String(error);
    const message = error instanceof CmpTransactionError && error.code === 'rejected' ? transport.rejectionReason(engineMessage, first.name) : engineMessage;
    journal('failed', undefined, undefined, undefined, message);
    throw new UiActionError(`The CA did not revoke certificate ${signer.certificate.serialHex.toLowerCase()}: ${message}`);
  }
}
