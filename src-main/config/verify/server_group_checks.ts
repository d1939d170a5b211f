import { maxServersPerGroup } from '../../../src-shared/domain';
import type { Finding } from '../../../src-shared/ipc/config_verify';
import type { ConfigSnapshot } from '../config_snapshot';
import { about, finding } from './finding';

/** Server group checks of reference/000: empty, unknown server names, more than 10 servers. */
export function serverGroupFindings(snapshot: ConfigSnapshot): Finding[] {
  return snapshot.serverGroups.flatMap((group) => {
    const target = about('server-group', group);
    const findings: Finding[] = [];
    if (group.serverIds.length === 0) {
      findings.push(finding('error', 'server-group-empty', target, 'The server group lists no CMP server', 'Add at least one CMP server to the group'));
    }
    if (group.serverIds.length > maxServersPerGroup) {
      findings.push(finding('error', 'server-group-too-many', target, `The server group lists ${group.serverIds.length} CMP servers; at most ${maxServersPerGroup} are allowed`, `Remove servers until at most ${maxServersPerGroup} remain`));
    }
    group.serverIds.forEach((id) => {
      if (!snapshot.cmpServers.some((s) => s.id === id)) findings.push(finding('error', 'server-group-unknown-server', target, `CMP server ${id} is not configured`, 'Remove it from the group or create the CMP server'));
    });
    if (!snapshot.cmpProfiles.some((p) => p.serverGroupId === group.id)) {
      findings.push(finding('info', 'server-group-unused', target, 'No CMP profile uses this server group', 'Assign it to a CMP profile or delete it'));
    }
    return findings;
  });
}
