import type { Finding } from '../../../src-shared/ipc/config_verify';
import type { ConfigSnapshot } from '../config_snapshot';
import { secureModeRecordProblems } from '../secure_certificate_mode';
import { about, finding } from './finding';

/** Certificate record checks: the profile reference and secure certificate mode. */
export function certificateRecordFindings(snapshot: ConfigSnapshot): Finding[] {
  return snapshot.certificateRecords.flatMap((record) => {
    const target = about('certificate-record', record);
    const findings: Finding[] = [];
    if (record.cmpProfileId !== null && !snapshot.cmpProfiles.some((p) => p.id === record.cmpProfileId)) {
      findings.push(finding('error', 'record-unknown-cmp-profile', target, `CMP profile ${record.cmpProfileId} does not exist; the record cannot be managed by CMP`, 'Choose an existing CMP profile or switch the record to manual management'));
    } else if (record.managedBy === 'cmp' && record.cmpProfileId === null) {
      findings.push(finding('error', 'record-without-cmp-profile', target, 'The record is managed by CMP but names no CMP profile', 'Choose a CMP profile or switch the record to manual management'));
    }
    if (snapshot.globalConfig.secureCertificateMode) {
      for (const problem of secureModeRecordProblems(record)) {
        findings.push(finding('error', 'secure-mode-record-ip', target, `${problem.field} ${problem.message}`, 'Replace the IP address by a host name, or turn secure certificate mode off'));
      }
    }
    return findings;
  });
}
