import { timingSafeEqual } from 'node:crypto';
import { signatureAlgorithmLabel, verifyWithAlgorithm } from '../../pki';
import { id_PasswordBasedMac, id_PBMAC1 } from '../asn1/object_identifiers';
import { PKIMessage } from '../asn1/pki_message';
import { computePasswordBasedMac, DEFAULT_MAX_ITERATION_COUNT, readPasswordBasedMacParameters } from './password_based_mac';
import { computePbmac1, readPbmac1Parameters } from './pbmac1';
import { protectedPartDer } from './protected_part';
import type { ProtectionVerifier, VerifiedProtection } from './protectors';
import { CmpProtectionError } from './protection_error';

/** Whether a protectionAlg is a shared-secret MAC (as opposed to a signature). */
export function isMacProtection(algorithmOid: string): boolean {
  return algorithmOid === id_PasswordBasedMac || algorithmOid === id_PBMAC1;
}

/**
 * Verifies the protection of a received message; throws CmpProtectionError naming what failed.
 * The caller decides which certificate may sign (extraCerts[0] after its own checks, or a pinned
 * server certificate); this function checks senderKID against its SKID and the signature itself.
 */
export function verifyProtection(message: PKIMessage, verifier: ProtectionVerifier): VerifiedProtection {
  const algorithm = message.header.protectionAlg;
  if (!algorithm || !message.protection) {
    throw new CmpProtectionError('missing-protection', 'the message carries no protection (protectionAlg and protection are required)');
  }
  const protection = new Uint8Array(message.protection);
  const maxIterationCount = verifier.maxIterationCount ?? DEFAULT_MAX_ITERATION_COUNT;
  if (isMacProtection(algorithm.algorithm)) {
    if (!verifier.secret) {
      throw new CmpProtectionError('no-secret', 'the message is MAC-protected but no shared secret is configured for this server');
    }
    const expected =
      algorithm.algorithm === id_PasswordBasedMac
        ? computePasswordBasedMac(readPasswordBasedMacParameters(algorithm, maxIterationCount), verifier.secret, protectedPartDer(message))
        : computePbmac1(readPbmac1Parameters(algorithm, maxIterationCount), verifier.secret, protectedPartDer(message));
    if (expected.length !== protection.length || !timingSafeEqual(expected, protection)) {
      throw new CmpProtectionError('mac-mismatch', 'the MAC does not verify with the configured shared secret (wrong secret or altered message)');
    }
    return { kind: 'mac', algorithm: algorithm.algorithm };
  }
  const signer = verifier.signerCertificate;
  if (!signer) {
    throw new CmpProtectionError('no-signer-certificate', `the message is signed (${signatureAlgorithmLabel(algorithm)}) but no certificate to verify it with is available`);
  }
  const senderKID = message.header.senderKID;
  if (senderKID && signer.subjectKeyIdentifier && !Buffer.from(senderKID).equals(Buffer.from(signer.subjectKeyIdentifier))) {
    throw new CmpProtectionError(
      'sender-kid-mismatch',
      `senderKID ${Buffer.from(senderKID).toString('hex')} does not match the subject key identifier ${Buffer.from(signer.subjectKeyIdentifier).toString('hex')} of "${signer.subject}"`,
    );
  }
  let valid: boolean;
  try {
    valid = verifyWithAlgorithm(protectedPartDer(message), protection, signer.publicKey, algorithm);
  } catch (error) {
    throw new CmpProtectionError('unsupported-algorithm', `cannot verify the signature: ${(error as Error).message}`, { cause: error });
  }
  if (!valid) {
    throw new CmpProtectionError('signature-invalid', `the ${signatureAlgorithmLabel(algorithm)} signature does not verify with the key of "${signer.subject}"`);
  }
  return { kind: 'signature', algorithm: algorithm.algorithm };
}
