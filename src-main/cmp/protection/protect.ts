import { signatureAlgorithmFor, signWithAlgorithm } from '../../pki';
import { CMPCertificate } from '../asn1/cmp_certificate';
import { encodeDer } from '../asn1/decode';
import { id_PasswordBasedMac, id_PBMAC1 } from '../asn1/object_identifiers';
import { PKIMessage } from '../asn1/pki_message';
import { derTlv } from '../../pki/der';
import { encodeMessageFromParts } from '../asn1/protected_message_der';
import { passwordBasedMacAlgorithm, computePasswordBasedMac, DEFAULT_PASSWORD_BASED_MAC, readPasswordBasedMacParameters, toArrayBuffer } from './password_based_mac';
import { computePbmac1, DEFAULT_PBMAC1, pbmac1Algorithm, readPbmac1Parameters } from './pbmac1';
import type { Protector } from './protectors';
import { CmpProtectionError } from './protection_error';

/** Header and body DER exactly as protected, for encodeProtectedMessage. */
export interface ProtectedParts {
  headerDer: Uint8Array;
  bodyDer: Uint8Array;
}

/**
 * Sets protectionAlg and senderKID, computes the protection over header and body, and (for
 * signatures) puts the protection certificate and its chain first in extraCerts.
 * Returns the same message object.
 */
export function protect(message: PKIMessage, protector: Protector): PKIMessage {
  protectParts(message, protector);
  return message;
}

/**
 * protect(), then the message's DER built from the very header and body bytes the protection
 * covers: each is serialised once instead of twice.
 */
export function protectAndEncode(message: PKIMessage, protector: Protector): Uint8Array {
  return encodeProtectedMessage(message, protectParts(message, protector));
}

/**
 * The DER of a message protected by protectParts, with its protection and extraCerts as they are
 * now (a caller may add extraCerts after protecting). Header and body must not have changed since.
 */
export function encodeProtectedMessage(message: PKIMessage, parts: ProtectedParts): Uint8Array {
  return encodeMessageFromParts(parts.headerDer, parts.bodyDer, message);
}

/** protect() that also returns the header and body DER it protected. */
export function protectParts(message: PKIMessage, protector: Protector): ProtectedParts {
  delete message.headerRaw;
  delete message.bodyRaw;
  const header = message.header;
  switch (protector.kind) {
    case 'password-based-mac': {
      header.protectionAlg = protector.protectionAlg ?? passwordBasedMacAlgorithm({ ...DEFAULT_PASSWORD_BASED_MAC, ...protector.settings });
      checkReusedAlgorithm(header.protectionAlg.algorithm, id_PasswordBasedMac, protector.kind);
      header.senderKID = toArrayBuffer(protector.reference);
      const parameters = readPasswordBasedMacParameters(header.protectionAlg, Number.MAX_SAFE_INTEGER);
      const parts = encodeParts(message);
      message.protection = toArrayBuffer(computePasswordBasedMac(parameters, protector.secret, protectedPart(parts)));
      return parts;
    }
    case 'pbmac1': {
      header.protectionAlg = protector.protectionAlg ?? pbmac1Algorithm({ ...DEFAULT_PBMAC1, ...protector.settings });
      checkReusedAlgorithm(header.protectionAlg.algorithm, id_PBMAC1, protector.kind);
      header.senderKID = toArrayBuffer(protector.reference);
      const computation = readPbmac1Parameters(header.protectionAlg, Number.MAX_SAFE_INTEGER);
      const parts = encodeParts(message);
      message.protection = toArrayBuffer(computePbmac1(computation, protector.secret, protectedPart(parts)));
      return parts;
    }
    case 'signature': {
      const { certificate } = protector;
      header.protectionAlg = signatureAlgorithmFor(protector.privateKey, { digest: protector.digest, rsaScheme: protector.rsaScheme });
      if (certificate.subjectKeyIdentifier) header.senderKID = toArrayBuffer(certificate.subjectKeyIdentifier);
      else delete header.senderKID;
      const chain = [certificate, ...(protector.chain ?? [])];
      message.extraCerts = chain.map((cert) => new CMPCertificate({ x509v3PKCert: cert.asn, x509v3PKCertRaw: cert.der }));
      const parts = encodeParts(message);
      try {
        message.protection = toArrayBuffer(signWithAlgorithm(protectedPart(parts), protector.privateKey, header.protectionAlg));
      } catch (error) {
        throw new CmpProtectionError('unsupported-algorithm', `cannot sign with the protection key: ${(error as Error).message}`, { cause: error });
      }
      return parts;
    }
  }
}

function encodeParts(message: PKIMessage): ProtectedParts {
  return { headerDer: encodeDer(message.header), bodyDer: encodeDer(message.body) };
}

/** ProtectedPart ::= SEQUENCE { header PKIHeader, body PKIBody } */
function protectedPart(parts: ProtectedParts): Uint8Array {
  return derTlv(0x30, [parts.headerDer, parts.bodyDer]);
}

function checkReusedAlgorithm(actual: string, expected: string, kind: Protector['kind']): void {
  if (actual !== expected) throw new TypeError(`a ${kind} protector cannot reuse protectionAlg ${actual}`);
}
