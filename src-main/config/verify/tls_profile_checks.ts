import type { Finding } from '../../../src-shared/ipc/config_verify';
import type { ConfigSnapshot } from '../config_snapshot';
import { about, finding } from './finding';

/** TLS profile checks: reference/000's "empty tls-profile" and the existing tls-profile checks it reuses. */
export function tlsProfileFindings(snapshot: ConfigSnapshot): Finding[] {
  return snapshot.tlsProfiles.flatMap((profile) => {
    const target = about('tls-profile', profile);
    const users = snapshot.cmpServers.filter((s) => s.tlsProfileId === profile.id);
    const findings: Finding[] = [];
    if (profile.trustedCaIds.length === 0) {
      findings.push(
        finding(
          users.length > 0 ? 'error' : 'warning',
          'tls-profile-empty',
          target,
          'The TLS profile trusts no CA certificate; CMP does not work without a secure TLS connection',
          'Import the CA that issued the CMP server\'s HTTPS certificate as a trust anchor and add it to trusted CA certificates',
        ),
      );
    }
    profile.trustedCaIds.forEach((id) => {
      if (!snapshot.trustAnchors.some((a) => a.id === id)) {
        findings.push(finding('error', 'tls-profile-unknown-trust-anchor', target, `Trusted CA certificate ${id} does not exist`, 'Remove it from the list or import the trust anchor again'));
      }
    });
    const recordId = profile.clientCertificateRecordId;
    if (profile.mutualAuthentication && recordId !== null) {
      const record = snapshot.certificateRecords.find((r) => r.id === recordId);
      if (record === undefined) {
        findings.push(finding('error', 'tls-profile-unknown-record', target, `The client certificate record ${recordId} does not exist`, 'Choose an existing certificate record for mutual authentication, or turn mutual authentication off'));
      } else if (!snapshot.currentCertificates.some((c) => c.recordId === recordId)) {
        findings.push(finding('warning', 'tls-profile-record-without-certificate', target, `Mutual authentication presents certificate record "${record.name}", which has no certificate yet`, 'Enroll or import a certificate for that record, or turn mutual authentication off'));
      }
    }
    if (!profile.verifyHostName) {
      findings.push(finding('warning', 'tls-profile-no-host-name-check', target, 'The server certificate is not checked against the host name; any certificate from a trusted CA is accepted', 'Turn host name checking on'));
    }
    if (users.length === 0) {
      findings.push(finding('info', 'tls-profile-unused', target, 'No CMP server uses this TLS profile', 'Assign it to a CMP server or delete it'));
    }
    return findings;
  });
}
