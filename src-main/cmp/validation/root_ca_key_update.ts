import { isSelfIssued, sameSubjectPublicKey, verifyCertificateSignature, type ParsedCertificate } from '../../pki';
import type { RootCaKeyUpdate } from '../messages/general_messages';
import { CmpProtocolError } from './cmp_protocol_error';

/**
 * Checks a root CA key update against the root we trust (RFC 9810 4.4, RFC 9483 4.3.2): the new
 * root is self-signed, newWithOld proves the old root vouches for the new key, and oldWithNew (if
 * present) links back. Only then may the new root become a trust anchor.
 */
export function validateRootCaKeyUpdate(update: RootCaKeyUpdate, currentRoot: ParsedCertificate): ParsedCertificate {
  const { newWithNew, newWithOld, oldWithNew } = update;
  const fail = (message: string) => new CmpProtocolError('bad-content', `root CA key update for "${currentRoot.subject}": ${message}`);
  if (!isSelfIssued(newWithNew) || !verifyCertificateSignature(newWithNew, newWithNew.publicKey)) throw fail('newWithNew is not a self-signed certificate');
  if (!newWithOld) throw fail('newWithOld is missing, so nothing ties the new root to the one we trust');
  if (!verifyCertificateSignature(newWithOld, currentRoot.publicKey)) throw fail('newWithOld is not signed by the current root key');
  if (!sameSubjectPublicKey(newWithOld.publicKey, newWithNew.publicKey)) throw fail('newWithOld certifies another key than newWithNew');
  if (oldWithNew) {
    if (!verifyCertificateSignature(oldWithNew, newWithNew.publicKey)) throw fail('oldWithNew is not signed by the new root key');
    if (!sameSubjectPublicKey(oldWithNew.publicKey, currentRoot.publicKey)) throw fail('oldWithNew certifies another key than the current root');
  }
  return newWithNew;
}
