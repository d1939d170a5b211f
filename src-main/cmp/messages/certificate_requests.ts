import type { KeyObject } from 'node:crypto';
import { parseCsr, signatureAlgorithmFor, signWithAlgorithm, type ParsedCertificate, type SigningDigest } from '../../pki';
import { CertificationRequest } from '@peculiar/asn1-csr';
import { CertId } from '../asn1/cert_id';
import { CertReqMessages, CertReqMsg } from '../asn1/cert_req_messages';
import { CertRequest } from '../asn1/cert_request';
import { Controls, CrmfAttributeTypeAndValue } from '../asn1/controls';
import { encodeDer } from '../asn1/decode';
import { id_regCtrl_oldCertID } from '../asn1/object_identifiers';
import { PKIBody } from '../asn1/pki_body';
import { PKIMessage } from '../asn1/pki_message';
import { POPOSigningKey, ProofOfPossession } from '../asn1/proof_of_possession';
import { buildCertTemplate, type CertificateWish } from './cert_template';
import { buildHeader, directoryName, type HeaderOptions } from './header';
import { parseDer, serializeDer } from '../../pki/asn1_codec';

export type CertificateRequestType = 'ir' | 'cr' | 'kur';

export interface CertificateRequestOptions {
  header: HeaderOptions;
  wish: CertificateWish;
  /** The new key; signs the proof of possession. */
  privateKey: KeyObject;
  /** Digest of the POP signature; default per key. */
  popoDigest?: SigningDigest;
  /** kur only: the certificate being renewed, named in the oldCertID control. */
  oldCertificate?: ParsedCertificate;
  /** 0 unless the profile says otherwise. */
  certReqId?: number;
}

/**
 * POP by signature (RFC 4211 4.1): the template carries subject and publicKey, so poposkInput is
 * omitted and the signature covers the DER of CertRequest.
 */
export function signaturePopo(certRequest: CertRequest, privateKey: KeyObject, digest?: SigningDigest): ProofOfPossession {
  const algorithm = signatureAlgorithmFor(privateKey, { digest });
  const signature = signWithAlgorithm(encodeDer(certRequest), privateKey, algorithm);
  return new ProofOfPossession({
    signature: new POPOSigningKey({ algorithmIdentifier: algorithm, signature: signature.slice().buffer }),
  });
}

/** The CertId naming a certificate by issuer and serial number (KUR oldCertID, RFC 4211 6.5). */
export function certIdOf(certificate: ParsedCertificate): CertId {
  const tbs = certificate.asn.tbsCertificate;
  return new CertId({ issuer: directoryName(tbs.issuer), serialNumber: tbs.serialNumber });
}

/** Builds an unprotected ir, cr or kur with one CertReqMsg. */
export function buildCertificateRequest(type: CertificateRequestType, options: CertificateRequestOptions): PKIMessage {
  const controls =
    type === 'kur' && options.oldCertificate
      ? new Controls([new CrmfAttributeTypeAndValue({ type: id_regCtrl_oldCertID, value: serializeDer(certIdOf(options.oldCertificate)) })])
      : undefined;
  const certReq = new CertRequest({ certReqId: options.certReqId ?? 0, certTemplate: buildCertTemplate(options.wish), controls });
  const request = new CertReqMessages([new CertReqMsg({ certReq, popo: signaturePopo(certReq, options.privateKey, options.popoDigest) })]);
  return new PKIMessage({ header: buildHeader(options.header), body: new PKIBody({ [type]: request }) });
}

/** Builds an unprotected p10cr around a DER PKCS#10 CSR (checked to parse first). */
export function buildP10cr(header: HeaderOptions, csrDer: Uint8Array): PKIMessage {
  parseCsr(csrDer);
  const request = parseDer(csrDer, CertificationRequest);
  return new PKIMessage({ header: buildHeader(header), body: new PKIBody({ p10cr: request }) });
}
