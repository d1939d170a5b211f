import { randomUUID } from 'node:crypto';
import type { CertificateOrigin } from '../../src-shared/domain';
import type { ParsedCertificate } from '../pki';
import type { Store } from '../store';
import { parametersJson, requestFingerprint, type RequestParameters } from './request_parameters';

export interface InstallRequest {
  recordId: string;
  transactionRowId: string | null;
  certificate: ParsedCertificate;
  chainDer: readonly Uint8Array[];
  privateKeyId: string;
  origin: CertificateOrigin;
  parameters: RequestParameters;
}

const lowerHex = (colonHex: string) => colonHex.replace(/:/g, '').toLowerCase();

/**
 * Puts a certificate into use in one SQLite transaction: the new version becomes current, the old
 * one is deleted (reference/004: replace, then delete the old), the transaction completes and the
 * record's retry state is cleared. TLS profiles refer to the record, so each of them presents the
 * new certificate from this commit on; their names go into the audit event.
 */
export function installCertificate(store: Store, request: InstallRequest, now: Date): { certificateId: string; replacedSerial: string | null; tlsProfiles: string[] } {
  return store.atomically(() => {
    const previous = store.certificates.current(request.recordId);
    const id = randomUUID();
    const c = request.certificate;
    store.certificates.putIntoUse({
      id,
      recordId: request.recordId,
      status: 'current',
      origin: request.origin,
      serialNumber: c.serialHex.toLowerCase(),
      subject: c.subject,
      issuer: c.issuer,
      notBefore: c.notBefore.toISOString(),
      notAfter: c.notAfter.toISOString(),
      sha256Fingerprint: lowerHex(c.sha256Fingerprint),
      certificateDer: Buffer.from(c.der).toString('base64'),
      chainDer: request.chainDer.map((der) => Buffer.from(der).toString('base64')),
      privateKeyId: request.privateKeyId,
      obtainedAt: now.toISOString(),
    });
    store.lifecycle.setCertificateParameters(id, parametersJson(request.parameters), requestFingerprint(request.parameters));
    if (previous !== null) store.certificates.markDeleted(previous.id, `replaced by ${c.serialHex.toLowerCase()}`);
    if (request.transactionRowId !== null) store.transactions.update(request.transactionRowId, { state: 'completed', nextPollAt: null, pendingPrivateKeyId: null, lastError: null });
    store.lifecycle.setRetry(request.recordId, { retryAt: null, failures: 0, lastError: null });
    store.lifecycle.setLastWarningAt(request.recordId, null);
    const tlsProfiles = store.config.tlsProfiles.listUsingCertificateRecord(request.recordId).map((p) => p.name);
    if (tlsProfiles.length > 0) {
      store.audit.record({ type: 'renewed', objectKind: 'certificate-record', objectId: request.recordId, message: `TLS profiles ${tlsProfiles.map((n) => `"${n}"`).join(', ')} now present certificate ${c.serialHex.toLowerCase()}` });
    }
    return { certificateId: id, replacedSerial: previous?.serialNumber ?? null, tlsProfiles };
  });
}

/**
 * reference/000: a CMP-managed certificate that expired after every renewal failed is deleted, and
 * the TLS profiles that presented it stop doing so (mutual authentication off). Returns their names.
 */
export function deleteExpiredCertificate(store: Store, recordId: string, certificateId: string): string[] {
  return store.atomically(() => {
    store.certificates.markDeleted(certificateId, 'expired after every renewal attempt failed');
    const profiles = store.config.tlsProfiles.listUsingCertificateRecord(recordId);
    for (const profile of profiles) store.config.tlsProfiles.save({ ...profile, mutualAuthentication: false, clientCertificateRecordId: null });
    return profiles.map((p) => p.name);
  });
}
