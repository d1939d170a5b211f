import { CertRepMessage, decodePkiMessage, encodePkiMessage, PKIFreeText, PKIFailureInfo, PKIStatus, PKIStatusInfo, pkiBodyType, type PKIMessage } from '../cmp/asn1';
import { protect, type Protector } from '../cmp/protection';
import type { CmpSendOptions, CmpTransport, ServerGroupTransport } from '../cmp/transport';
import { parseCertificateDer, type ParsedCertificate } from '../pki';
import { AsnConvert } from '@peculiar/asn1-schema';

/** What the enroller decides at the moment a certConf is about to go out. */
export interface CertConfVerdict {
  /** Why the received certificate is refused; undefined accepts it. */
  rejectReason?: string;
}

export interface AcceptanceHooks {
  /** Before a certConf that accepts a certificate goes out: our own verdict on it. */
  certConf(certificate: ParsedCertificate): CertConfVerdict;
}

/**
 * Sits between a CMP transaction and its server group. It tells which server answered, remembers
 * the certificate of the last ip/cp/kup, and turns an accepting certConf into a rejection when the
 * lifecycle's own acceptance rule refuses the certificate (validity shorter than renew-before-
 * expiry, reference/000), re-protected with the transaction's protection, so the CA receives an
 * ordinary certConf with status rejection. The verdict is a pure function of the certificate, so a
 * certConf retransmitted after a restart is turned into the same rejection.
 */
export class AcceptanceTransport implements CmpTransport {
  private delivered: { certificate: ParsedCertificate; chain: ParsedCertificate[] } | null;
  /** Set when we turned the certConf into a rejection. */
  rejectedReason: string | null = null;
  /** A certConf that accepts a certificate has been handed to the network. */
  acceptingCertConfSent = false;
  lastServerName: string | null = null;

  constructor(
    private readonly group: ServerGroupTransport,
    private readonly protector: Protector,
    private readonly hooks: AcceptanceHooks,
    /** The certificate a resumed transaction already received (from its snapshot). */
    alreadyDelivered?: ParsedCertificate,
  ) {
    this.delivered = alreadyDelivered ? { certificate: alreadyDelivered, chain: [] } : null;
  }

  async send(request: Uint8Array, options?: CmpSendOptions): Promise<Uint8Array> {
    const message = decodePkiMessage(request);
    const type = pkiBodyType(message.body);
    let bytes = request;
    if (type === 'certConf' && this.delivered) {
      const accepting = (message.body.certConf ?? []).every((s) => !s.statusInfo || s.statusInfo.status !== PKIStatus.rejection);
      if (accepting) {
        const verdict = this.hooks.certConf(this.delivered.certificate);
        if (verdict.rejectReason !== undefined) {
          bytes = this.rejection(message, verdict.rejectReason);
          this.rejectedReason = verdict.rejectReason;
        } else {
          this.acceptingCertConfSent = true;
        }
      }
    }
    const { response, server } = await this.group.sendWithServer(bytes, options);
    this.lastServerName = server.name;
    this.remember(response);
    return response;
  }

  close(): void {
    this.group.close();
  }

  private rejection(message: PKIMessage, reason: string): Uint8Array {
    for (const status of message.body.certConf ?? []) {
      status.statusInfo = new PKIStatusInfo({ status: PKIStatus.rejection, statusString: new PKIFreeText([reason]), failInfo: PKIFailureInfo.fromNames(['badCertTemplate']) });
    }
    return encodePkiMessage(protect(message, this.protector));
  }

  /** Keeps the certificate of an ip/cp/kup for the certConf that follows; anything unreadable is left to the validator. */
  private remember(response: Uint8Array): void {
    try {
      const message = decodePkiMessage(response);
      const body = message.body;
      const content: CertRepMessage | undefined = body.ip ?? body.cp ?? body.kup;
      const certificate = content?.response[0]?.certifiedKeyPair?.certOrEncCert.certificate?.x509v3PKCert;
      if (!certificate) return;
      const extra = [...(content?.caPubs ?? []), ...(message.extraCerts ?? [])].flatMap((c) => (c.x509v3PKCert ? [parseCertificateDer(new Uint8Array(AsnConvert.serialize(c.x509v3PKCert)))] : []));
      this.delivered = { certificate: parseCertificateDer(new Uint8Array(AsnConvert.serialize(certificate))), chain: extra };
    } catch {
      this.delivered = null;
    }
  }
}
