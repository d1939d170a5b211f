import { describe, expect, it } from 'vitest';
import { noEnvironmentFacts, verifyConfig, type ConfigSnapshot, type EnvironmentFacts } from '../../../src-main/config';
import type { Finding } from '../../../src-shared/ipc/config_verify';
import { certificateRecord, cmpProfile, cmpServer, serverGroup, tlsProfile } from '../store/objects';
import { healthyFacts, healthySnapshot, LOCAL_ADDRESSES, NOW } from './snapshot_fixture';

const missingId = '00000000-0000-4000-8000-000000000001';

function run(change: (s: ConfigSnapshot) => void, facts?: (s: ConfigSnapshot) => EnvironmentFacts): Finding[] {
  const snapshot = healthySnapshot();
  change(snapshot);
  return verifyConfig(snapshot, facts ? facts(snapshot) : healthyFacts(snapshot), NOW).findings;
}

/** The one finding of `check`, asserting it exists exactly once. */
function only(findings: Finding[], check: string): Finding {
  const matches = findings.filter((f) => f.check === check);
  expect(matches.map((f) => f.check)).toEqual([check]);
  return matches[0];
}

describe('verify-config on a healthy configuration', () => {
  it('reports no errors and no warnings', () => {
    const snapshot = healthySnapshot();
    const report = verifyConfig(snapshot, healthyFacts(snapshot), NOW);
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(report.counts).toEqual({ error: 0, warning: 0, info: 0 });
    expect(report.checkedAt).toBe(NOW.toISOString());
  });
});

describe('verify-config: the checks of reference/000', () => {
  it('an empty TLS profile used by a server is an error: CMP needs a secure TLS connection', () => {
    const f = only(run((s) => (s.tlsProfiles[0].trustedCaIds = [])), 'tls-profile-empty');
    expect(f).toMatchObject({ severity: 'error', object: { kind: 'tls-profile', name: 'cmp-tls' } });
    expect(f.problem).toContain('secure TLS connection');
    expect(f.fix).toMatch(/trust anchor/);
  });

  it('an empty TLS profile nobody uses is a warning', () => {
    const f = only(run((s) => s.tlsProfiles.push(tlsProfile([], { name: 'spare' }))), 'tls-profile-empty');
    expect(f).toMatchObject({ severity: 'warning', object: { name: 'spare' } });
  });

  it('a CMP profile whose server group does not exist (the "invalid realm") is an error', () => {
    const f = only(run((s) => (s.cmpProfiles[0].serverGroupId = missingId)), 'cmp-profile-unknown-server-group');
    expect(f).toMatchObject({ severity: 'error', object: { kind: 'cmp-profile', name: 'sbc' } });
  });

  it('a server host name that does not resolve is a warning with the reason', () => {
    const f = only(
      run(
        () => undefined,
        (s) => ({ ...healthyFacts(s), hostResolution: new Map([['ca.example.net', { resolvable: false, reason: 'ENOTFOUND' }]]) }),
      ),
      'cmp-server-host-unresolvable',
    );
    expect(f).toMatchObject({ severity: 'warning', object: { kind: 'cmp-server', name: 'ca-1' } });
    expect(f.problem).toContain('ca.example.net');
    expect(f.problem).toContain('ENOTFOUND');
  });

  it('shared-secret authentication without a stored IAK is an error; an unreachable keychain a warning', () => {
    const missing = only(run(() => undefined, (s) => ({ ...healthyFacts(s), initialAuthenticationKeys: new Map([[s.cmpProfiles[0].id, 'missing']]) })), 'iak-missing');
    expect(missing).toMatchObject({ severity: 'error', object: { kind: 'cmp-profile' } });
    expect(missing.fix).toMatch(/secret/);
    expect(only(run(() => undefined, () => noEnvironmentFacts), 'iak-unchecked').severity).toBe('warning');
  });

  it('signature authentication needs no IAK', () => {
    const findings = run((s) => {
      s.cmpProfiles[0].authentication = { method: 'signature', certificateRecordId: s.certificateRecords[0].id };
      s.currentCertificates.push({ recordId: s.certificateRecords[0].id, notAfter: '2027-01-01T00:00:00.000Z' });
    }, () => noEnvironmentFacts);
    expect(findings.filter((f) => f.check.startsWith('iak-'))).toEqual([]);
  });

  it('a message timeout longer than the total timeout is an error', () => {
    const f = only(run((s) => Object.assign(s.cmpServers[0], { messageTimeoutSeconds: 600, totalTimeoutSeconds: 60 })), 'cmp-server-timeouts');
    expect(f.problem).toContain('600');
    expect(f.severity).toBe('error');
  });

  it('more than 10 servers in a group is an error', () => {
    const findings = run((s) => {
      const extra = Array.from({ length: 10 }, (_, i) => cmpServer(s.tlsProfiles[0].id, { name: `ca-x${i}`, responseTrustAnchorIds: [s.trustAnchors[0].id] }));
      s.cmpServers.push(...extra);
      s.serverGroups[0].serverIds.push(...extra.map((e) => e.id));
    });
    expect(only(findings, 'server-group-too-many').problem).toContain('11');
  });

  it('an empty group, and a group naming an unknown server, are errors', () => {
    const empty = run((s) => (s.serverGroups[0].serverIds = []));
    expect(only(empty, 'server-group-empty')).toMatchObject({ severity: 'error', object: { kind: 'server-group', name: 'cas' } });
    const unknown = run((s) => s.serverGroups[0].serverIds.push(missingId));
    expect(only(unknown, 'server-group-unknown-server').problem).toContain(missingId);
  });

  it('renew-before-expiry with an empty group says renewal will not work; without renewal it does not', () => {
    const f = only(run((s) => (s.serverGroups[0].serverIds = [])), 'renewal-without-servers');
    expect(f.problem).toContain('renewal will not work');
    expect(run((s) => ((s.serverGroups[0].serverIds = []), (s.cmpProfiles[0].renewBeforeExpiryDays = 0))).some((x) => x.check === 'renewal-without-servers')).toBe(false);
  });

  it('a server without a server certificate for response protection is an error', () => {
    const f = only(run((s) => (s.cmpServers[0].responseTrustAnchorIds = [])), 'cmp-server-no-response-trust');
    expect(f.problem).toMatch(/cannot be authenticated/);
  });

  it('a server that accepts unprotected error answers is a warning: its failures are not authenticated', () => {
    const f = only(run((s) => (s.cmpServers[0].acceptUnprotectedErrors = true)), 'cmp-server-accepts-unprotected-errors');
    expect(f).toMatchObject({ severity: 'warning', object: { kind: 'cmp-server', name: 'ca-1' } });
    expect(f.problem).toContain('without being authenticated');
    expect(f.fix).toContain('Accept unprotected error answers');
  });

  it('a TLS profile that does not check the host name is a warning (the existing tls-profile checks)', () => {
    const f = only(run((s) => (s.tlsProfiles[0].verifyHostName = false)), 'tls-profile-no-host-name-check');
    expect(f).toMatchObject({ severity: 'warning', object: { kind: 'tls-profile', name: 'cmp-tls' } });
    expect(f.fix).toMatch(/host name checking on/);
  });

  it('a CMP profile without a server group is an error while CMP records use it, a warning otherwise', () => {
    const used = only(run((s) => (s.cmpProfiles[0].serverGroupId = null)), 'cmp-profile-no-server-group');
    expect(used).toMatchObject({ severity: 'error', object: { kind: 'cmp-profile', name: 'sbc' } });
    const unused = only(run((s) => s.cmpProfiles.push(cmpProfile(null, { name: 'spare-profile' }))), 'cmp-profile-no-server-group');
    expect(unused).toMatchObject({ severity: 'warning', object: { name: 'spare-profile' } });
  });

  it('an HTTPS server without a TLS profile is an error, plain HTTP a warning', () => {
    expect(only(run((s) => (s.cmpServers[0].tlsProfileId = null)), 'cmp-server-no-tls-profile').severity).toBe('error');
    expect(only(run((s) => Object.assign(s.cmpServers[0], { tlsProfileId: null, url: 'http://ca.example.net/cmp' })), 'cmp-server-plain-http').severity).toBe('warning');
  });
});

describe('verify-config: our own checks', () => {
  it('expired trust anchors are errors, soon-expiring ones warnings', () => {
    expect(only(run((s) => (s.trustAnchors[0].notAfter = '2026-02-01T00:00:00.000Z')), 'trust-anchor-expired').severity).toBe('error');
    const soon = only(run((s) => (s.trustAnchors[0].notAfter = '2026-03-11T12:00:00.000Z')), 'trust-anchor-expiring');
    expect(soon.severity).toBe('warning');
    expect(soon.problem).toContain('in 10 days');
  });

  it('unreachable references are errors naming the missing id', () => {
    expect(only(run((s) => s.tlsProfiles[0].trustedCaIds.push(missingId)), 'tls-profile-unknown-trust-anchor').problem).toContain(missingId);
    expect(only(run((s) => (s.cmpServers[0].tlsProfileId = missingId)), 'cmp-server-unknown-tls-profile').severity).toBe('error');
    expect(only(run((s) => s.cmpServers[0].responseTrustAnchorIds.push(missingId)), 'cmp-server-unknown-trust-anchor').severity).toBe('error');
    expect(only(run((s) => Object.assign(s.tlsProfiles[0], { mutualAuthentication: true, clientCertificateRecordId: missingId })), 'tls-profile-unknown-record').severity).toBe('error');
    expect(only(run((s) => (s.cmpProfiles[0].authentication = { method: 'signature', certificateRecordId: missingId })), 'cmp-profile-unknown-record').severity).toBe('error');
  });

  it('a record referencing a missing CMP profile is an error', () => {
    const f = only(run((s) => (s.certificateRecords[0].cmpProfileId = missingId)), 'record-unknown-cmp-profile');
    expect(f).toMatchObject({ severity: 'error', object: { kind: 'certificate-record', name: 'sip-1' } });
  });

  it('a CMP-managed record that names no CMP profile is an error', () => {
    const f = only(run((s) => (s.certificateRecords[0].cmpProfileId = null)), 'record-without-cmp-profile');
    expect(f).toMatchObject({ severity: 'error', object: { kind: 'certificate-record', name: 'sip-1' } });
    expect(run((s) => Object.assign(s.certificateRecords[0], { managedBy: 'manual', cmpProfileId: null })).some((x) => x.check === 'record-without-cmp-profile')).toBe(false);
  });

  it('a KUR window of zero length is an error on the global settings', () => {
    const f = only(run((s) => Object.assign(s.globalConfig, { kurWindowStart: '02:00', kurWindowEnd: '02:00' })), 'kur-window-empty');
    expect(f.object).toEqual({ kind: 'global-config', id: null, name: 'cmp-global-config' });
  });

  it('secure certificate mode violations are errors only while the mode is on', () => {
    const violate = (s: ConfigSnapshot) => {
      s.certificateRecords[0].subject.commonName = '192.0.2.1';
      s.certificateRecords[0].subjectAltNames.push({ type: 'ip', value: '2001:db8::1' });
      s.cmpServers[0].url = 'https://[2001:db8::2]/.well-known/cmp';
    };
    expect(run(violate).some((f) => f.check.startsWith('secure-mode'))).toBe(false);
    const on = run((s) => ((s.globalConfig.secureCertificateMode = true), violate(s)));
    expect(on.filter((f) => f.check === 'secure-mode-record-ip').map((f) => f.problem)).toEqual([
      expect.stringContaining('subject.commonName'),
      expect.stringContaining('subjectAltNames.1.value'),
    ]);
    expect(only(on, 'secure-mode-server-address').problem).toContain('2001:db8::2');
  });

  it('a signing record without a certificate and a mutual-TLS record without one are reported', () => {
    expect(only(run((s) => (s.cmpProfiles[0].authentication = { method: 'signature', certificateRecordId: s.certificateRecords[0].id })), 'cmp-profile-signer-without-certificate').severity).toBe('error');
    expect(only(run((s) => Object.assign(s.tlsProfiles[0], { mutualAuthentication: true, clientCertificateRecordId: s.certificateRecords[0].id })), 'tls-profile-record-without-certificate').severity).toBe('warning');
  });

  it('unused objects are info, and errors sort before warnings before info', () => {
    const findings = run((s) => {
      s.cmpProfiles.push(cmpProfile(null, { name: 'spare-profile' }));
      s.certificateRecords.push(certificateRecord({ name: 'manual', cmpProfileId: null }));
      s.serverGroups[0].serverIds = [];
    });
    expect(findings.find((f) => f.check === 'cmp-profile-unused')?.object.name).toBe('spare-profile');
    expect(findings.find((f) => f.check === 'cmp-server-unused')?.severity).toBe('info');
    const spares = run((s) => {
      s.tlsProfiles.push(tlsProfile([s.trustAnchors[0].id], { name: 'spare-tls' }));
      s.serverGroups.push(serverGroup([s.cmpServers[0].id], { name: 'spare-group' }));
    });
    expect(only(spares, 'tls-profile-unused')).toMatchObject({ severity: 'info', object: { kind: 'tls-profile', name: 'spare-tls' } });
    expect(only(spares, 'server-group-unused')).toMatchObject({ severity: 'info', object: { kind: 'server-group', name: 'spare-group' } });
    const ranks = findings.map((f) => ['error', 'warning', 'info'].indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});

describe('verify-config: a CMP server\'s source address (reference/000: the cmp-client-address and its realm\'s network interface)', () => {
  const sourceChecks = (findings: Finding[]) => findings.filter((f) => f.check.startsWith('cmp-server-source-address'));

  it('an address of one of this computer\'s interfaces finds nothing, however the IPv6 address is spelled', () => {
    for (const address of ['192.0.2.2', '127.0.0.1', 'FD00:0:0::2']) {
      expect(sourceChecks(run((s) => (s.cmpServers[0].sourceAddress = address))), address).toEqual([]);
    }
    expect(sourceChecks(run((s) => Object.assign(s.cmpServers[0], { url: 'https://[fd00::1]/.well-known/cmp', sourceAddress: 'fd00::2' })))).toEqual([]);
  });

  it('an address no interface of this computer has is an error naming the address, the computer\'s addresses and the way out', () => {
    const f = only(run((s) => (s.cmpServers[0].sourceAddress = '198.51.100.7')), 'cmp-server-source-address-not-local');
    expect(f).toMatchObject({ severity: 'error', object: { kind: 'cmp-server', name: 'ca-1' } });
    expect(f.problem).toBe('The source address 198.51.100.7 is not an address of any network interface of this computer, so no connection to the server can be sent from it');
    expect(f.fix).toContain(LOCAL_ADDRESSES.join(', '));
    expect(f.fix).toContain('clear it to let the system choose');
  });

  it('is not checked against interfaces that could not be listed', () => {
    const findings = run((s) => (s.cmpServers[0].sourceAddress = '198.51.100.7'), (s) => ({ ...healthyFacts(s), localAddresses: null }));
    expect(sourceChecks(findings)).toEqual([]);
  });

  it('an IPv4 source address for a server URL with an IPv6 address (and the other way round) is a warning naming both', () => {
    const v6Server = only(run((s) => Object.assign(s.cmpServers[0], { url: 'https://[fd00::1]:8443/.well-known/cmp', sourceAddress: '192.0.2.2' })), 'cmp-server-source-address-ip-version');
    expect(v6Server).toMatchObject({ severity: 'warning', object: { kind: 'cmp-server', name: 'ca-1' } });
    expect(v6Server.problem).toBe('The source address 192.0.2.2 is IPv4 but the URL names the IPv6 address fd00::1; a connection from one to the other is not possible');
    expect(v6Server.fix).toContain('Choose an IPv6 source address');
    const v4Server = only(run((s) => Object.assign(s.cmpServers[0], { url: 'https://192.0.2.9/.well-known/cmp', sourceAddress: 'fd00::2' })), 'cmp-server-source-address-ip-version');
    expect(v4Server.problem).toContain('is IPv6 but the URL names the IPv4 address 192.0.2.9');
  });

  it('a host name in the URL is not compared by IP version', () => {
    expect(sourceChecks(run((s) => (s.cmpServers[0].sourceAddress = 'fd00::2')))).toEqual([]);
  });
});
