import type { Store } from '../store';

/**
 * The CMP engine's total-timeout message names the transaction and its state, but not the server:
 * the engine sees the server group as one transport. Every other failure names the server through
 * its transport error, so this adds which CMP server of which group held the transaction.
 */
export function totalTimeoutReason(store: Store, reason: string, cmpProfileId: string, serverName: string | null): string {
  const profile = store.config.cmpProfiles.get(cmpProfileId);
  const group = profile?.serverGroupId ? store.config.serverGroups.get(profile.serverGroupId) : null;
  if (!group) return reason;
  const server = group.serverIds.map((id) => store.config.cmpServers.get(id)).find((candidate) => candidate !== null && candidate.name === serverName);
  return server ? `${reason}; CMP server '${server.name}' (${server.url}) of group '${group.name}'` : `${reason}; server group '${group.name}'`;
}
