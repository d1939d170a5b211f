import type { CmpProfile } from '../../../src-shared/domain';
import type { Finding } from '../../../src-shared/ipc/config_verify';
import type { ConfigSnapshot } from '../config_snapshot';
import { about, finding, type EnvironmentFacts } from './finding';

/** A profile can reach a server only if its group exists and lists at least one configured server. */
function reachableServerCount(profile: CmpProfile, snapshot: ConfigSnapshot): number {
  const group = snapshot.serverGroups.find((g) => g.id === profile.serverGroupId);
  return group === undefined ? 0 : group.serverIds.filter((id) => snapshot.cmpServers.some((s) => s.id === id)).length;
}

/** CMP profile checks: the group reference, renewal without servers, the IAK, the signing record. */
export function cmpProfileFindings(snapshot: ConfigSnapshot, facts: EnvironmentFacts): Finding[] {
  return snapshot.cmpProfiles.flatMap((profile) => {
    const target = about('cmp-profile', profile);
    const findings: Finding[] = [];
    const usedByRecords = snapshot.certificateRecords.some((r) => r.managedBy === 'cmp' && r.cmpProfileId === profile.id);
    if (profile.serverGroupId === null) {
      findings.push(finding(usedByRecords ? 'error' : 'warning', 'cmp-profile-no-server-group', target, 'The profile names no server group; its records cannot be enrolled', 'Choose the server group of the CA'));
    } else if (!snapshot.serverGroups.some((g) => g.id === profile.serverGroupId)) {
      findings.push(finding('error', 'cmp-profile-unknown-server-group', target, `Server group ${profile.serverGroupId} does not exist`, 'Choose an existing server group'));
    }
    if (profile.renewBeforeExpiryDays > 0 && reachableServerCount(profile, snapshot) === 0) {
      findings.push(finding('error', 'renewal-without-servers', target, `Renewal ${profile.renewBeforeExpiryDays} days before expiry is on, but the profile's server group has no configured CMP server; certificate renewal will not work`, 'Configure a CMP server and add it to the profile\'s server group'));
    }
    const auth = profile.authentication;
    if (auth.method === 'shared-secret') {
      const presence = facts.initialAuthenticationKeys.get(profile.id) ?? 'unknown';
      if (presence === 'missing') {
        findings.push(finding('error', 'iak-missing', target, `Authentication is by shared secret (reference "${auth.reference}") but no initial authentication key is stored`, 'Enter the secret value shared with the CA for this profile'));
      } else if (presence === 'unknown') {
        findings.push(finding('warning', 'iak-unchecked', target, 'Whether the initial authentication key is stored could not be checked (the OS keychain was not reachable)', 'Start the OS keychain (Secret Service) and run verify-config again'));
      }
    } else {
      const record = snapshot.certificateRecords.find((r) => r.id === auth.certificateRecordId);
      if (record === undefined) {
        findings.push(finding('error', 'cmp-profile-unknown-record', target, `The signing certificate record ${auth.certificateRecordId} does not exist`, 'Choose an existing certificate record to sign requests'));
      } else if (!snapshot.currentCertificates.some((c) => c.recordId === record.id)) {
        findings.push(finding('error', 'cmp-profile-signer-without-certificate', target, `Requests are signed with certificate record "${record.name}", which has no certificate`, 'Enroll or import a certificate for that record, or authenticate with a shared secret'));
      }
    }
    if (!snapshot.certificateRecords.some((r) => r.cmpProfileId === profile.id)) {
      findings.push(finding('info', 'cmp-profile-unused', target, 'No certificate record uses this CMP profile', 'Assign it to a certificate record or delete it'));
    }
    return findings;
  });
}
