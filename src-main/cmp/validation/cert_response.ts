import type { KeyObject } from 'node:crypto';
import type { Name } from '@peculiar/asn1-x509';
import { namesEqual, nameToString, sameSubjectPublicKey, sanListsEqual, validateChain, type ParsedCertificate, type SanList } from '../../pki';
import { PKIMessage } from '../asn1/pki_message';
import { PKIStatus, pkiStatusName } from '../asn1/pki_status';
import { hasImplicitConfirm } from '../messages/header';
import { certificateOf } from '../messages/general_messages';
import { CmpProtocolError } from './cmp_protocol_error';
import { describePeerFailure } from './peer_status';

export type CertificateRequestKind = 'ir' | 'cr' | 'kur' | 'p10cr';

/** What the issued certificate must be, beyond the header checks of validateResponse. */
export interface CertResponseExpectation {
  requestType: CertificateRequestKind;
  certReqId: number;
  requestedPublicKey: KeyObject;
  /** The certificate must chain to one of these (caPubs and extraCerts may supply intermediates). */
  trustAnchors: readonly ParsedCertificate[];
  /** When given, the issued subject must be this name. */
  expectedSubject?: Name;
  /** When given, the issued SANs must be exactly these. */
  expectedSans?: SanList;
  now?: Date;
}

export type CertResponseOutcome =
  | {
      status: 'issued';
      certReqId: number;
      certificate: ParsedCertificate;
      /** Leaf first, trust anchor last. */
      chain: ParsedCertificate[];
      caPubs: ParsedCertificate[];
      /** grantedWithMods, keyUpdateWarning: accepted, but the administrator should know. */
      warnings: string[];
      implicitConfirmGranted: boolean;
    }
  | { status: 'waiting'; certReqId: number; text: string[] };

/**
 * Reads the one CertResponse of an ip/cp/kup and decides: issued (with every check passed),
 * waiting (poll), or a typed CmpProtocolError.
 */
export function readCertResponse(message: PKIMessage, expectation: CertResponseExpectation): CertResponseOutcome {
  const content = message.body.ip ?? message.body.cp ?? message.body.kup;
  if (!content) throw new CmpProtocolError('unexpected-body', 'expected a certificate response', { expected: 'ip, cp or kup' });
  // RFC 9810 5.2.8: the answer to a p10cr carries certReqId -1; older CAs write 0.
  const acceptedIds = expectation.requestType === 'p10cr' ? [-1, 0] : [expectation.certReqId];
  if (content.response.length !== 1 || !acceptedIds.includes(content.response[0].certReqId)) {
    throw new CmpProtocolError('certreqid-mismatch', 'the response does not hold exactly one answer to our request', {
      expected: `one CertResponse with certReqId ${acceptedIds.join(' or ')}`,
      received: `certReqIds [${content.response.map((r) => r.certReqId).join(', ')}]`,
    });
  }
  const response = content.response[0];
  const peer = describePeerFailure(response.status);
  const warnings: string[] = [];
  const status = response.status.status;
  if (status === PKIStatus.waiting) return { status: 'waiting', certReqId: response.certReqId, text: peer.text };
  if (status === PKIStatus.rejection) {
    throw new CmpProtocolError('rejected', 'the CA rejected the request', { failInfo: peer.failInfo, peerText: peer.text });
  }
  if (status === PKIStatus.grantedWithMods) {
    warnings.push(`the CA changed the request (grantedWithMods)${peer.text.length ? `: ${peer.text.join(' / ')}` : ''}`);
  } else if (status === PKIStatus.keyUpdateWarning && expectation.requestType === 'kur') {
    warnings.push('the CA warns that the key update was not fully processed (keyUpdateWarning)');
  } else if (status !== PKIStatus.accepted) {
    // keyUpdateWarning is only meaningful for kur; revocation statuses never for enrolment
    throw new CmpProtocolError('unexpected-status', 'the certificate response has a status that does not fit the request', {
      expected: expectation.requestType === 'kur' ? 'accepted, grantedWithMods, keyUpdateWarning or waiting' : 'accepted, grantedWithMods or waiting',
      received: pkiStatusName(status),
    });
  }
  const cmpCertificate = response.certifiedKeyPair?.certOrEncCert.certificate;
  if (!cmpCertificate) {
    throw new CmpProtocolError('no-certificate', 'the CA reported success but sent no certificate in clear', {
      expected: 'certifiedKeyPair with certificate',
      received: response.certifiedKeyPair ? 'an encrypted certificate' : 'no certifiedKeyPair',
    });
  }
  const certificate = certificateOf(cmpCertificate, 'issued certificate');
  try {
    checkIssuedCertificate(certificate, expectation);
  } catch (error) {
    if (error instanceof CmpProtocolError) throw error.refusing(certificate);
    throw error;
  }
  const caPubs = (content.caPubs ?? []).map((cert) => certificateOf(cert, 'caPubs certificate'));
  const extraCerts = (message.extraCerts ?? []).map((cert) => certificateOf(cert, 'extraCerts certificate'));
  const result = validateChain(certificate, { trustAnchors: expectation.trustAnchors, intermediates: [...caPubs, ...extraCerts], at: expectation.now });
  if (!result.ok) {
    throw new CmpProtocolError('untrusted-certificate', `the issued certificate "${certificate.subject}" does not chain to a trust anchor: ${result.message}`, {
      refusedCertificate: certificate,
    });
  }
  return {
    status: 'issued',
    certReqId: response.certReqId,
    certificate,
    chain: result.path,
    caPubs,
    warnings,
    implicitConfirmGranted: hasImplicitConfirm(message.header),
  };
}

function checkIssuedCertificate(certificate: ParsedCertificate, expectation: CertResponseExpectation): void {
  if (!sameSubjectPublicKey(certificate.publicKey, expectation.requestedPublicKey)) {
    throw new CmpProtocolError('public-key-mismatch', `the issued certificate "${certificate.subject}" certifies another key than the one we requested`, {
      expected: 'the requested public key',
      received: `a certificate with SHA-256 fingerprint ${certificate.sha256Fingerprint}`,
    });
  }
  if (expectation.expectedSubject && !namesEqual(certificate.subjectName, expectation.expectedSubject)) {
    throw new CmpProtocolError('bad-content', 'the issued certificate has another subject than requested', {
      expected: `"${nameToString(expectation.expectedSubject)}"`,
      received: `"${certificate.subject}"`,
    });
  }
  if (expectation.expectedSans && !sanListsEqual(certificate.sans, expectation.expectedSans)) {
    throw new CmpProtocolError('bad-content', 'the issued certificate has other subject alternative names than requested', {
      expected: JSON.stringify(expectation.expectedSans),
      received: JSON.stringify(certificate.sans),
    });
  }
}
