import type { CmpProfile, CmpServer } from '../../src-shared/domain';
import type { Protector } from '../cmp/protection';
import { CmpTransactionError, EnrollmentTransaction, fromBase64, resumeEnrollment, type CertificateAcceptance, type Clock, type EnrollmentRequest, type EnrollmentResult } from '../cmp/transactions';
import type { CmpTransport } from '../cmp/transport';
import type { ServerTrust } from '../cmp/validation';
import { parseCertificateDer, parseOpensslName, type ParsedCertificate } from '../pki';
import type { InitialAuthenticationKeys } from '../secrets';
import type { Store } from '../store';
import { Name } from '@peculiar/asn1-x509';
import { certificateWish, sanListOf } from './certificate_wish';
import type { Enroller, EnrollmentJob, EnrollmentOutcome } from './enroller';
import type { KeyVault } from './key_vault';
import { AnsweringServerTransport } from './answering_server_transport';
import { cmpServerGroup, cmpServerTransport, CmpConfigurationError, groupMessageTimeoutMs } from './cmp_server_transport';

export interface CmpEnrollerOptions {
  store: Store;
  vault: KeyVault;
  iaks: InitialAuthenticationKeys;
  clock: Clock;
  /** The transport of one CmpServer; default HTTP(S) with the server's TlsProfile. */
  transportFor?: (server: CmpServer) => CmpTransport;
}

const certificateFromBase64 = (b64: string) => parseCertificateDer(new Uint8Array(Buffer.from(b64, 'base64')));

/** Runs IR/KUR through cmp/transactions over the profile's ServerGroup (round-robin failover). */
export class CmpEnroller implements Enroller {
  constructor(private readonly options: CmpEnrollerOptions) {}

  async enroll(job: EnrollmentJob): Promise<EnrollmentOutcome> {
    const { store } = this.options;
    const servers = this.servers(job.profile);
    const first = servers[0];
    const group = cmpServerGroup(
      store.config.serverGroups.get(job.profile.serverGroupId!)!.name,
      servers,
      this.options.transportFor ?? ((server) => cmpServerTransport(store.config, server, (recordId) => this.signer(recordId))),
    );
    const secret = job.profile.authentication.method === 'shared-secret' ? await this.options.iaks.read(job.profile.id) : null;
    const protector = this.protector(job, secret);
    const anchors = store.config.trustAnchors.list().map((a) => certificateFromBase64(a.certificateDer));
    const responseAnchorIds = new Set(servers.flatMap((s) => s.responseTrustAnchorIds));
    const trust: ServerTrust = {
      secret: secret ? new Uint8Array(secret) : undefined,
      acceptUnprotectedErrors: false,
      trustAnchors: store.config.trustAnchors.list().filter((a) => responseAnchorIds.has(a.id)).map((a) => certificateFromBase64(a.certificateDer)),
      expectedSender: servers.every((s) => s.expectedSender === first.expectedSender) && first.expectedSender ? parseOpensslName(first.expectedSender) : undefined,
    };
    const wish = certificateWish(job.parameters, job.keyPair.publicKey);
    // Which server of the group answered last (for the journal and the outcome), with its unprotected-errors switch applied.
    const transport = new AnsweringServerTransport(group, servers, trust);
    const session = {
      transport,
      protector,
      trust,
      sender: wish.subject,
      recipient: new Name(),
      messageTimeoutMs: groupMessageTimeoutMs(servers),
      // The transaction starts at the group's first server, whose total timeout bounds it even after a failover.
      totalTimeoutMs: first.totalTimeoutSeconds * 1000,
      clock: this.options.clock,
      signal: job.signal,
      journal: (snapshot: Parameters<typeof job.journal.checkpoint>[0]) => job.journal.checkpoint(snapshot, transport.lastServerName ?? group.currentServer.name),
    };
    const request: EnrollmentRequest = {
      type: job.type,
      wish,
      privateKey: job.keyPair.privateKey,
      oldCertificate: job.renewing?.certificate,
      trustAnchors: anchors,
      implicitConfirm: job.profile.implicitConfirm,
      // Polling stays with the server that answered, so its count applies.
      pollingRetryCount: () => (servers.find((s) => s.name === transport.lastServerName) ?? first).pollingRetryCount,
      expectedSubject: wish.subject,
      expectedSans: sanListOf(job.parameters),
      accept: longEnoughValidity(job.minimumValidityMs),
    };
    try {
      const result: EnrollmentResult = job.resumeFrom ? await resumeEnrollment(session, request, job.resumeFrom) : await new EnrollmentTransaction(session, request).run();
      return { status: 'issued', certificate: result.certificate, chain: result.chain, snapshot: result.snapshot, serverName: transport.lastServerName };
    } catch (error) {
      if (!(error instanceof CmpTransactionError)) {
        return { status: 'failed', reason: error instanceof Error ? error.message : String(error), snapshot: null, shortValidity: false, serverName: transport.lastServerName, outcome: 'error' };
      }
      if (error.code === 'polling-exhausted') {
        return { status: 'waiting', snapshot: error.snapshot, nextPollAt: Date.parse(error.snapshot.nextPollAt ?? new Date(this.options.clock.now()).toISOString()), serverName: transport.lastServerName };
      }
      if (error.code === 'unconfirmed' && error.snapshot.issued && !error.snapshot.issued.refusal) {
        // The CA acknowledged none of our certConfs (e.g. it had already closed the transaction after
        // confirming before our restart). The certificate passed every check and its key is ours: keep it.
        const issued = error.snapshot.issued;
        const chain = issued.chain.map((der) => parseCertificateDer(fromBase64(der)));
        return { status: 'issued', certificate: parseCertificateDer(fromBase64(issued.certificate)), chain, snapshot: error.snapshot, serverName: transport.lastServerName };
      }
      if (error.snapshot.state === 'confirming' || error.snapshot.state === 'received') {
        return { status: 'paused', snapshot: error.snapshot, reason: error.message, serverName: transport.lastServerName };
      }
      const rejected = error.code === 'rejected';
      return {
        status: rejected ? 'rejected' : 'failed',
        reason: rejected ? transport.rejectionReason(error.message, first.name) : error.message,
        snapshot: error.snapshot,
        // The only certificate the lifecycle itself refuses is one valid shorter than renew-before-expiry.
        shortValidity: error.refusal?.by === 'caller',
        serverName: transport.lastServerName,
        outcome: rejected ? 'rejected' : error.code === 'timeout' ? 'timeout' : 'error',
      };
    } finally {
      group.close();
    }
  }

  private servers(profile: CmpProfile): CmpServer[] {
    const { config } = this.options.store;
    if (profile.serverGroupId === null) throw new CmpConfigurationError(`CMP profile "${profile.name}" has no server group; certificates cannot be requested until one is set`);
    const group = config.serverGroups.get(profile.serverGroupId);
    if (group === null) throw new CmpConfigurationError(`CMP profile "${profile.name}" names a server group that does not exist`);
    return group.serverIds.map((id) => {
      const server = config.cmpServers.get(id);
      if (server === null) throw new CmpConfigurationError(`Server group "${group.name}" lists a CMP server that does not exist (${id})`);
      return server;
    });
  }

  private protector(job: EnrollmentJob, secret: Buffer | null): Protector {
    if (job.type === 'kur') {
      if (!job.renewing) throw new CmpConfigurationError('a KUR needs the certificate being renewed and its key');
      return { kind: 'signature', privateKey: job.renewing.privateKey, certificate: job.renewing.certificate, chain: job.renewing.chain, digest: job.parameters.digest };
    }
    const auth = job.profile.authentication;
    if (auth.method === 'shared-secret') {
      if (secret === null) throw new CmpConfigurationError(`CMP profile "${job.profile.name}" has no initial authentication key in the OS keychain; enter it in the profile`);
      return { kind: 'password-based-mac', reference: new Uint8Array(Buffer.from(auth.reference, 'utf8')), secret: new Uint8Array(secret) };
    }
    const signer = this.signer(auth.certificateRecordId);
    return { kind: 'signature', privateKey: signer.privateKey, certificate: signer.certificate, chain: signer.chain, digest: job.parameters.digest };
  }

  private signer(recordId: string): { certificate: ParsedCertificate; chain: ParsedCertificate[]; privateKey: import('node:crypto').KeyObject } {
    const current = this.options.store.certificates.current(recordId);
    if (current === null || current.privateKeyId === null) throw new CmpConfigurationError(`the signing certificate record ${recordId} has no certificate with a private key`);
    return { certificate: certificateFromBase64(current.certificateDer), chain: current.chainDer.map(certificateFromBase64), privateKey: this.options.vault.load(current.privateKeyId, `record ${recordId}`).privateKey };
  }
}

/**
 * reference/000: a certificate valid shorter than renew-before-expiry is rejected "with a PKI
 * failure". No PKIFailureInfo bit (RFC 9810 5.2.3) names a too short validity; badCertTemplate
 * ("invalid cert. template") is the closest: the certificate does not have the content our request
 * needs, the same bit the engine sends for a certificate whose content is not what we asked for.
 * notAuthorized would claim the transaction itself was not authorized, which it was. Measured from
 * when the certificate arrived; the engine journals the decision, so a resumed transaction keeps it.
 */
function longEnoughValidity(minimumValidityMs: number): CertificateAcceptance {
  return (certificate, { receivedAt }) => {
    const validity = certificate.notAfter.getTime() - Math.max(certificate.notBefore.getTime(), receivedAt.getTime());
    if (validity >= minimumValidityMs) return undefined;
    return { failInfo: 'badCertTemplate', reason: `the certificate is valid until ${certificate.notAfter.toISOString()}, shorter than renew-before-expiry (${Math.round(minimumValidityMs / 86_400_000)} days)` };
  };
}
