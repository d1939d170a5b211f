import { createHash } from 'node:crypto';
import { digestOfSignatureAlgorithm, id_Ed25519, type ParsedCertificate } from '../../pki';
import { CertConfirmContent, CertStatus } from '../asn1/cert_status';
import { PKIBody } from '../asn1/pki_body';
import { PKIFailureInfo, type PKIFailureInfoName } from '../asn1/pki_failure_info';
import { PKIFreeText } from '../asn1/pki_free_text';
import { PVNO_CMP2021 } from '../asn1/pki_header';
import { PKIMessage } from '../asn1/pki_message';
import { PKIStatus } from '../asn1/pki_status';
import { PKIStatusInfo } from '../asn1/pki_status_info';
import { hashAlgorithm, hashNameByOid, type HashName } from '../protection/algorithms';
import { buildHeader, type HeaderOptions } from './header';

/** How the certHash of a certificate is computed (RFC 9810 5.3.18, RFC 9481 3.3). */
export interface CertHashChoice {
  hash: HashName;
  /** True when hashAlg must be sent explicitly, which makes the certConf CMPv3 (pvno 3). */
  explicit: boolean;
}

export interface CertHashOptions {
  /**
   * For EdDSA certificates: true sends hashAlg (SHA-512) in a pvno 3 certConf, false sends the
   * SHA-512 certHash without hashAlg. Default: follow the transaction's CMP version.
   *
   * Why the default: RFC 9810 5.3.18 makes hashAlg mandatory for EdDSA, but hashAlg and the pvno 3
   * it requires exist only in a cmp2021 transaction. Our transactions run at pvno 2 unless a
   * CMPv3 feature is used (RFC 9810 7: cmp2021 only where its syntax is needed for the request or
   * the expected response), and switching one message of a pvno 2 transaction to pvno 3 breaks
   * CMPv2 servers: OpenSSL 3.0 cannot even parse such a certConf (HTTP 400, verified in
   * test/unit/cmp/ed25519_cert_conf_openssl.test.ts). In a pvno 2 transaction the certHash is
   * therefore SHA-512 without hashAlg, the hash RFC 9481 assigns to Ed25519 and the one OpenSSL
   * (3.0 and later), the lab CA and RFC 9483 CAs compute when hashAlg is absent; in a pvno 3
   * transaction hashAlg is sent as RFC 9810 requires.
   */
  explicitHashAlgForEdDsa?: boolean;
}

/**
 * The hash of the certificate's own signature algorithm; SHA-512 for Ed25519; SHA-256 with
 * explicit hashAlg where the signature algorithm defines no hash we know.
 */
export function certHashChoice(certificate: ParsedCertificate, options: CertHashOptions & { pvno?: number } = {}): CertHashChoice {
  if (certificate.signatureAlgorithm.algorithm === id_Ed25519) {
    return { hash: 'sha512', explicit: options.explicitHashAlgForEdDsa ?? options.pvno === PVNO_CMP2021 };
  }
  try {
    return { hash: digestOfSignatureAlgorithm(certificate.signatureAlgorithm), explicit: false };
  } catch {
    return { hash: 'sha256', explicit: true };
  }
}

export function certHash(certificate: ParsedCertificate, hash: HashName): Uint8Array {
  return new Uint8Array(createHash(hash).update(certificate.der).digest());
}

/**
 * Checks a received CertStatus's certHash against the certificate it confirms: with hashAlg when
 * present, else with the certificate's signature hash (the lab CA uses this).
 */
export function certHashMatches(certificate: ParsedCertificate, status: CertStatus): boolean {
  const hash = status.hashAlg ? hashNameByOid(status.hashAlg.algorithm) : certHashChoice(certificate, { explicitHashAlgForEdDsa: false }).hash;
  if (!hash) return false;
  return Buffer.from(certHash(certificate, hash)).equals(Buffer.from(status.certHash));
}

export interface CertConfOptions extends CertHashOptions {
  header: HeaderOptions;
  certificate: ParsedCertificate;
  certReqId: number;
  /** Present when we refuse the certificate: why, in names and words. */
  rejection?: { failInfo?: PKIFailureInfoName[]; reason?: string };
}

/** Builds an unprotected certConf accepting or rejecting one certificate. */
export function buildCertConf(options: CertConfOptions): PKIMessage {
  const choice = certHashChoice(options.certificate, { ...options, pvno: options.header.pvno });
  const rejection = options.rejection;
  const status = new CertStatus({
    certHash: certHash(options.certificate, choice.hash).slice().buffer,
    certReqId: options.certReqId,
    statusInfo: rejection
      ? new PKIStatusInfo({
          status: PKIStatus.rejection,
          statusString: rejection.reason ? new PKIFreeText([rejection.reason]) : undefined,
          failInfo: rejection.failInfo?.length ? PKIFailureInfo.fromNames(rejection.failInfo) : undefined,
        })
      : new PKIStatusInfo({ status: PKIStatus.accepted }),
    hashAlg: choice.explicit ? hashAlgorithm(choice.hash) : undefined,
  });
  const header = buildHeader({ ...options.header, pvno: choice.explicit ? PVNO_CMP2021 : options.header.pvno });
  return new PKIMessage({ header, body: new PKIBody({ certConf: new CertConfirmContent([status]) }) });
}
