import { Certificate } from '@peculiar/asn1-x509';
import { id_PasswordBasedMac, type PKIMessage } from '../cmp/asn1';
import { CmpProtectionError, isMacProtection, protectParts, verifyProtection, type ProtectedParts } from '../cmp/protection';
import { serializeDer } from '../pki/asn1_codec';
import { parseCertificateDer, type ParsedCertificate, verifyCertificateSignature } from '../pki/certificate';
import { namesEqual } from '../pki/names';
import type { CertificateAuthority } from './certificate_authority';
import type { ProtectionPolicy, ResponseProtection, VerifiedSender } from './cmp_protection_policy';
import { CmpRequestRefused } from './cmp_refusal';
import { preEncoded } from './pre_encoded';
import { receivedHeaderFields } from './received_header';

/**
 * The lab CA's protection rules over src-main/cmp/protection: a request is MAC-protected with the
 * secret of a configured reference, or signed with a certificate this CA issued and that was
 * confirmed, is within its validity and is not revoked. Unprotected requests are refused.
 * Responses are signed with the issuing CA's key, chain in extraCerts, unless the request was MACed.
 */
export class LabCaProtectionPolicy implements ProtectionPolicy {
  constructor(private readonly ca: CertificateAuthority) {}

  verifyRequest(message: PKIMessage, sharedSecrets: ReadonlyMap<string, Uint8Array>, acceptSignatures: boolean): VerifiedSender {
    const algorithm = message.header.protectionAlg;
    if (!algorithm || !message.protection) throw new CmpRequestRefused('badMessageCheck', 'the lab CA accepts protected requests only');
    if (isMacProtection(algorithm.algorithm)) return this.verifyMac(message, sharedSecrets, algorithm.algorithm);
    if (!acceptSignatures) throw new CmpRequestRefused('notAuthorized', 'this CMP path accepts shared-secret (MAC) protection only');
    const signer = this.trustedSigner(message);
    this.verify(message, { signerCertificate: signer });
    return { kind: 'signature', signer };
  }

  protectResponse(message: PKIMessage, protection: ResponseProtection): ProtectedParts {
    if (protection.kind === 'mac') {
      const kind = protection.algorithm === 'pbm' ? 'password-based-mac' : 'pbmac1';
      return protectParts(message, { kind, reference: protection.reference, secret: protection.secret, protectionAlg: protection.protectionAlg });
    }
    return protectParts(message, { kind: 'signature', privateKey: this.ca.issuingKey, certificate: this.ca.issuing, chain: [this.ca.root] });
  }

  private verifyMac(message: PKIMessage, sharedSecrets: ReadonlyMap<string, Uint8Array>, algorithmOid: string): VerifiedSender {
    const senderKID = message.header.senderKID;
    if (!senderKID) throw new CmpRequestRefused('badMessageCheck', 'a MAC-protected request must name its reference in senderKID');
    const reference = new Uint8Array(senderKID);
    const secret = sharedSecrets.get(Buffer.from(reference).toString('utf8'));
    if (!secret) throw new CmpRequestRefused('signerNotTrusted', `no shared secret is configured for reference "${Buffer.from(reference).toString('utf8')}"`);
    this.verify(message, { secret });
    // The answer reuses the algorithm and its parameters (salt, iterations), written as received.
    const receivedAlgorithm = receivedHeaderFields(message.headerRaw)?.protectionAlg;
    const protectionAlg = message.header.protectionAlg && receivedAlgorithm ? preEncoded(message.header.protectionAlg, receivedAlgorithm) : message.header.protectionAlg;
    return { kind: 'mac', reference, secret, algorithm: algorithmOid === id_PasswordBasedMac ? 'pbm' : 'pbmac1', protectionAlg };
  }

  private verify(message: PKIMessage, verifier: Parameters<typeof verifyProtection>[1]): void {
    try {
      verifyProtection(message, verifier);
    } catch (error) {
      if (error instanceof CmpProtectionError) throw new CmpRequestRefused('badMessageCheck', error.message);
      throw error;
    }
  }

  /** extraCerts[0] is the protection certificate (RFC 9483 3.3); it must be ours and in good standing. */
  private trustedSigner(message: PKIMessage): ParsedCertificate {
    const first = message.extraCerts?.[0]?.x509v3PKCert;
    if (!first) throw new CmpRequestRefused('signerNotTrusted', 'a signed request must carry its certificate first in extraCerts');
    let signer: ParsedCertificate;
    try {
      signer = parseCertificateDer(new Uint8Array(serializeDer(first as Certificate)));
    } catch (error) {
      throw new CmpRequestRefused('badDataFormat', `the protection certificate cannot be read: ${(error as Error).message}`);
    }
    if (!namesEqual(signer.issuerName, this.ca.issuing.subjectName) || !verifyCertificateSignature(signer, this.ca.issuing.publicKey)) {
      throw new CmpRequestRefused('signerNotTrusted', `the protection certificate "${signer.subject}" was not issued by this CA`);
    }
    const now = Date.now();
    if (signer.notBefore.getTime() > now || signer.notAfter.getTime() < now) {
      throw new CmpRequestRefused('signerNotTrusted', `the protection certificate ${signer.serialHex} is outside its validity`);
    }
    const entry = this.ca.database.get(signer.serialHex);
    if (entry?.state === 'revoked') throw new CmpRequestRefused('certRevoked', `the protection certificate ${signer.serialHex} is revoked`);
    if (entry?.state !== 'issued') throw new CmpRequestRefused('signerNotTrusted', `the protection certificate ${signer.serialHex} was never confirmed`);
    return signer;
  }
}
