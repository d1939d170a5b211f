import { CRLReason, CRLReasons, id_ce_cRLReasons } from '@peculiar/asn1-x509';
import { type PKIBody, PKIStatus, type PKIStatusInfo, type RevDetails } from '../cmp/asn1';
import { parseDer } from '../pki/asn1_codec';
import { namesEqual } from '../pki/names';
import type { CertificateAuthority } from './certificate_authority';
import { CmpRequestRefused } from './cmp_refusal';
import { revocationResponseBody, statusInfo } from './cmp_response_bodies';
import type { CmpRequest } from './cmp_service';

/**
 * rr (RFC 9810 5.3.9, RFC 9483 4.2): revokes certificates this CA issued. A signed rr must be
 * signed with the certificate it revokes; a MAC-protected one is trusted like an administrator's.
 * The CRL served over HTTP reflects the revocation at once.
 */
export function handleRevocationRequest(request: CmpRequest, ca: CertificateAuthority): PKIBody {
  if (request.knobs.reject) throw new CmpRequestRefused(request.knobs.reject.failInfo[0], request.knobs.reject.text ?? 'rejected by test knob');
  const details = request.message.body.rr ?? [];
  if (details.length !== 1) throw new CmpRequestRefused('badRequest', 'the lab CA accepts exactly one RevDetails per rr (RFC 9483 4.2)');
  return revocationResponseBody([revokeOne(details[0], request, ca)]);
}

function revokeOne(details: RevDetails, request: CmpRequest, ca: CertificateAuthority): PKIStatusInfo {
  const template = details.certDetails;
  if (!template.serialNumber) return statusInfo(PKIStatus.rejection, 'badCertId', 'certDetails carries no serialNumber');
  if (template.issuer && !namesEqual(template.issuer, ca.issuing.subjectName)) {
    return statusInfo(PKIStatus.rejection, 'badCertId', 'the certificate was not issued by this CA');
  }
  const serialHex = Buffer.from(template.serialNumber).toString('hex').replace(/^(00)+(?=.)/, '').toUpperCase();
  const entry = ca.database.get(serialHex);
  if (!entry || entry.state === 'awaiting-confirmation') return statusInfo(PKIStatus.rejection, 'badCertId', `no issued certificate with serial ${serialHex}`);
  if (entry.state === 'revoked') return statusInfo(PKIStatus.rejection, 'certRevoked', `certificate ${serialHex} is already revoked`);
  if (request.sender.kind === 'signature' && request.sender.signer.serialHex !== serialHex) {
    return statusInfo(PKIStatus.rejection, 'notAuthorized', 'a signed rr must be signed with the certificate it revokes');
  }
  ca.revoke(serialHex, requestedReason(details));
  return statusInfo(PKIStatus.accepted);
}

function requestedReason(details: RevDetails): CRLReasons {
  const extension = (details.crlEntryDetails ?? []).find((e) => e.extnID === id_ce_cRLReasons);
  if (!extension) return CRLReasons.unspecified;
  try {
    return parseDer(extension.extnValue.buffer, CRLReason).reason;
  } catch {
    throw new CmpRequestRefused('badDataFormat', 'the reasonCode in crlEntryDetails is malformed');
  }
}
