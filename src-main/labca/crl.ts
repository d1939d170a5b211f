import type { KeyObject } from 'node:crypto';
import { OctetString } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier, CertificateList, CRLNumber, CRLReason, Extension, id_ce_authorityKeyIdentifier,
  id_ce_cRLNumber, id_ce_cRLReasons, KeyIdentifier, type Name, RevokedCertificate, TBSCertList, Time, Version,
} from '@peculiar/asn1-x509';
import { serializeDer } from '../pki/asn1_codec';
import { signatureAlgorithmFor, signWithAlgorithm } from '../pki/signature_algorithms';
import type { IssuedCertificate } from './issued_certificates';

/** How long a CRL stays current; clients fetch again after nextUpdate. Short: this is a lab. */
export const crlLifetimeSeconds = 3600;

export interface CrlIssuer {
  name: Name;
  /** The issuing CA's subjectKeyIdentifier, repeated as the CRL's authorityKeyIdentifier. */
  keyIdentifier: Uint8Array;
  privateKey: KeyObject;
}

/**
 * Builds the issuing CA's X.509 v2 CRL (RFC 5280 5) from the revoked entries of the database,
 * with CRL number and AKID, each entry with its reason code.
 */
export function buildCrl(issuer: CrlIssuer, revoked: readonly IssuedCertificate[], crlNumber: number, now = new Date()): Uint8Array {
  const signature = signatureAlgorithmFor(issuer.privateKey);
  const tbsCertList = new TBSCertList({
    version: Version.v2,
    signature,
    issuer: issuer.name,
    thisUpdate: new Time(now),
    nextUpdate: new Time(new Date(now.getTime() + crlLifetimeSeconds * 1000)),
    revokedCertificates: revoked.length ? revoked.map(revokedEntry) : undefined,
    crlExtensions: [
      new Extension({
        extnID: id_ce_authorityKeyIdentifier,
        critical: false,
        extnValue: new OctetString(serializeDer(new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(issuer.keyIdentifier) }))),
      }),
      new Extension({ extnID: id_ce_cRLNumber, critical: false, extnValue: new OctetString(serializeDer(new CRLNumber(crlNumber))) }),
    ],
  });
  const tbs = new Uint8Array(serializeDer(tbsCertList));
  const list = new CertificateList({
    tbsCertList,
    signatureAlgorithm: signature,
    signature: toArrayBuffer(signWithAlgorithm(tbs, issuer.privateKey, signature)),
  });
  return new Uint8Array(serializeDer(list));
}

function revokedEntry(entry: IssuedCertificate): RevokedCertificate {
  const serial = Buffer.from(entry.serialHex.length % 2 ? `0${entry.serialHex}` : entry.serialHex, 'hex');
  const positive = serial[0] & 0x80 ? Buffer.concat([Buffer.from([0]), serial]) : serial;
  return new RevokedCertificate({
    userCertificate: toArrayBuffer(positive),
    revocationDate: new Time(new Date(entry.revokedAt ?? Date.now())),
    crlEntryExtensions: entry.revocationReason
      ? [new Extension({ extnID: id_ce_cRLReasons, critical: false, extnValue: new OctetString(serializeDer(new CRLReason(entry.revocationReason))) })]
      : undefined,
  });
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
