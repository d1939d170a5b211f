import { describe, expect, it } from 'vitest';
import { gatherEnvironmentFacts, resolveHost } from '../../../src-main/config';
import { InitialAuthenticationKeys } from '../../../src-main/secrets';
import { cmpServer } from '../store/objects';
import { healthySnapshot } from './snapshot_fixture';
import { MemorySecretStore } from './service_fixture';

describe('verify-config environment facts', () => {
  it('asks the keychain per shared-secret profile and resolves each host name once, never IP literals', async () => {
    const snapshot = healthySnapshot();
    snapshot.cmpServers.push(cmpServer(null, { url: 'https://ca.example.net:8443/other' }), cmpServer(null, { url: 'https://192.0.2.1/cmp' }), cmpServer(null, { url: 'https://[2001:db8::1]/cmp' }));
    const keys = new InitialAuthenticationKeys(new MemorySecretStore('unit-facts'));
    const asked: string[] = [];
    const facts = await gatherEnvironmentFacts(snapshot, {
      initialAuthenticationKeys: keys,
      resolveHost: async (host) => (asked.push(host), { resolvable: false, reason: 'ENOTFOUND' }),
    });
    expect(asked).toEqual(['ca.example.net']);
    expect(facts.initialAuthenticationKeys.get(snapshot.cmpProfiles[0].id)).toBe('missing');
    await keys.set(snapshot.cmpProfiles[0].id, Buffer.from('s'));
    const again = await gatherEnvironmentFacts(snapshot, { initialAuthenticationKeys: keys, resolveHost: async () => ({ resolvable: true }) });
    expect(again.initialAuthenticationKeys.get(snapshot.cmpProfiles[0].id)).toBe('present');
    const noKeychain = await gatherEnvironmentFacts(snapshot, { initialAuthenticationKeys: null, resolveHost: async () => ({ resolvable: true }) });
    expect(noKeychain.initialAuthenticationKeys.get(snapshot.cmpProfiles[0].id)).toBe('unknown');
  });

  it('resolves localhost through the OS resolver and reports a .invalid name (RFC 6761) as unresolvable', async () => {
    expect(await resolveHost('localhost')).toEqual({ resolvable: true });
    const invalid = await resolveHost('cmp-desk-test.invalid', 3000);
    expect(invalid.resolvable).toBe(false);
  });
});
