import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { gatherEnvironmentFacts, localAddresses, resolveHost } from '../../../src-main/config';
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

  it('lists the addresses of this computer\'s interfaces once each, IPv6 in canonical form; none when the OS cannot list them', async () => {
    const info = (address: string, family: 'IPv4' | 'IPv6') => ({ address, family, netmask: '', mac: '00:00:00:00:00:00', internal: false, cidr: null, ...(family === 'IPv6' ? { scopeid: 0 } : {}) }) as NetworkInterfaceInfo;
    const interfaces = () => ({ lo: [info('127.0.0.1', 'IPv4'), info('::1', 'IPv6')], eth0: [info('192.0.2.2', 'IPv4'), info('FD00:0:0:0::2', 'IPv6')], eth1: [info('192.0.2.2', 'IPv4')] });
    const facts = await gatherEnvironmentFacts(healthySnapshot(), { initialAuthenticationKeys: null, resolveHost: async () => ({ resolvable: true }), networkInterfaces: interfaces });
    expect(facts.localAddresses).toEqual(['127.0.0.1', '::1', '192.0.2.2', 'fd00::2']);
    expect(localAddresses(() => { throw new Error('uv_interface_addresses failed'); })).toBeNull();
    expect(localAddresses()).toContain('127.0.0.1');
  });

  it('resolves localhost through the OS resolver and reports a .invalid name (RFC 6761) as unresolvable', async () => {
    expect(await resolveHost('localhost')).toEqual({ resolvable: true });
    const invalid = await resolveHost('cmp-desk-test.invalid', 3000);
    expect(invalid.resolvable).toBe(false);
  });
});
