import type { IpcClient } from '../../../src-shared/ipc/index';
import { certificateRecord, cmpProfile, cmpServer, serverGroup } from '../store/objects';
import { freePort } from '../../support/ports';

/** A CMP-managed record (IAK in the keychain) whose only server is unreachable: saving it starts an IR that fails. */
export async function saveFailingRecord(client: IpcClient): Promise<string> {
  const server = await client.invoke('cmpServers.save', { value: cmpServer(null, { url: `http://127.0.0.1:${await freePort()}/.well-known/cmp`, expectedSender: '/CN=CMP RA/O=Example', messageTimeoutSeconds: 2, totalTimeoutSeconds: 4 }) });
  const group = await client.invoke('serverGroups.save', { value: serverGroup([server.id]) });
  const profile = await client.invoke('cmpProfiles.save', { value: cmpProfile(group.id) });
  await client.invoke('cmpProfiles.setSecret', { cmpProfileId: profile.id, secret: 'initial-authentication-key' });
  const record = certificateRecord({ managedBy: 'cmp', cmpProfileId: profile.id, subjectAltNames: [{ type: 'dns', value: 'sbc1.example.net' }], deployHooks: [] });
  await client.invoke('records.save', { record });
  return record.id;
}

