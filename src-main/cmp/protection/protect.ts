import { signatureAlgorithmFor, signWithAlgorithm } from '../../pki';
import { CMPCertificate } from '../asn1/cmp_certificate';
import { PKIMessage } from '../asn1/pki_message';
import { passwordBasedMacAlgorithm, computePasswordBasedMac, DEFAULT_PASSWORD_BASED_MAC, readPasswordBasedMacParameters, toArrayBuffer } from './password_based_mac';
import { computePbmac1, DEFAULT_PBMAC1, pbmac1Algorithm, readPbmac1Parameters } from './pbmac1';
import { protectedPartDer } from './protected_part';
import type { Protector } from './protectors';
import { CmpProtectionError } from './protection_error';

/**
 * Sets protectionAlg and senderKID, computes the protection over header and body, and (for
 * signatures) puts the protection certificate and its chain first in extraCerts.
 * Returns the same message object.
 */
export function protect(message: PKIMessage, protector: Protector): PKIMessage {
  delete message.headerRaw;
  delete message.bodyRaw;
  const header = message.header;
  switch (protector.kind) {
    case 'password-based-mac': {
      header.protectionAlg = passwordBasedMacAlgorithm({ ...DEFAULT_PASSWORD_BASED_MAC, ...protector.settings });
      header.senderKID = toArrayBuffer(protector.reference);
      const parameters = readPasswordBasedMacParameters(header.protectionAlg, Number.MAX_SAFE_INTEGER);
      message.protection = toArrayBuffer(computePasswordBasedMac(parameters, protector.secret, protectedPartDer(message)));
      return message;
    }
    case 'pbmac1': {
      header.protectionAlg = pbmac1Algorithm({ ...DEFAULT_PBMAC1, ...protector.settings });
      header.senderKID = toArrayBuffer(protector.reference);
      const computation = readPbmac1Parameters(header.protectionAlg, Number.MAX_SAFE_INTEGER);
      message.protection = toArrayBuffer(computePbmac1(computation, protector.secret, protectedPartDer(message)));
      return message;
    }
    case 'signature': {
      const { certificate } = protector;
      header.protectionAlg = signatureAlgorithmFor(protector.privateKey, { digest: protector.digest, rsaScheme: protector.rsaScheme });
      if (certificate.subjectKeyIdentifier) header.senderKID = toArrayBuffer(certificate.subjectKeyIdentifier);
      else delete header.senderKID;
      const chain = [certificate, ...(protector.chain ?? [])];
      message.extraCerts = chain.map((cert) => new CMPCertificate({ x509v3PKCert: cert.asn }));
      try {
        message.protection = toArrayBuffer(signWithAlgorithm(protectedPartDer(message), protector.privateKey, header.protectionAlg));
      } catch (error) {
        throw new CmpProtectionError('unsupported-algorithm', `cannot sign with the protection key: ${(error as Error).message}`, { cause: error });
      }
      return message;
    }
  }
}
