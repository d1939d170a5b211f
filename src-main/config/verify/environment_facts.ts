import { isIP } from 'node:net';
import type { InitialAuthenticationKeys } from '../../secrets';
import type { ConfigSnapshot } from '../config_snapshot';
import { urlHost } from '../secure_certificate_mode';
import type { EnvironmentFacts, HostResolution, SecretPresence } from './finding';
import { resolveHost } from './host_resolution';
import { localAddresses, type NetworkInterfaceList } from './local_addresses';

export interface FactSources {
  /** null when the OS keychain cannot be reached: every IAK is then "unknown". */
  initialAuthenticationKeys: InitialAuthenticationKeys | null;
  resolveHost?: (host: string) => Promise<HostResolution>;
  /** os.networkInterfaces() unless a test gives its own list. */
  networkInterfaces?: () => NetworkInterfaceList;
}

/** The thin impure layer of verify-config: asks the keychain and the resolver in parallel, and lists the local addresses. */
export async function gatherEnvironmentFacts(snapshot: ConfigSnapshot, sources: FactSources): Promise<EnvironmentFacts> {
  const resolve = sources.resolveHost ?? ((host: string) => resolveHost(host));
  const hosts = [...new Set(snapshot.cmpServers.map((s) => urlHost(s.url)).filter((h): h is string => h !== null && isIP(h) === 0))];
  const profiles = snapshot.cmpProfiles.filter((p) => p.authentication.method === 'shared-secret');
  const keys = sources.initialAuthenticationKeys;
  const [resolutions, presences] = await Promise.all([
    Promise.all(hosts.map(async (host) => [host, await resolve(host)] as const)),
    Promise.all(profiles.map(async (p) => [p.id, keys === null ? 'unknown' : await secretPresence(keys, p.id)] as const)),
  ]);
  return { hostResolution: new Map(resolutions), initialAuthenticationKeys: new Map<string, SecretPresence>(presences), localAddresses: localAddresses(sources.networkInterfaces) };
}

async function secretPresence(keys: InitialAuthenticationKeys, profileId: string): Promise<SecretPresence> {
  try {
    return (await keys.describe(profileId)).isSet ? 'present' : 'missing';
  } catch {
    return 'unknown';
  }
}
