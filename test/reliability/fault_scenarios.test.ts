import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../support/ports';
import { labPath } from '../interop/lifecycle_harness';
import { startFaultProxy, type FaultProxy } from './fault_proxy';
import { openStage, startWorld, type Stage, type World } from './scenario_world';

const minute = 60_000;
const day = 86_400_000;

/**
 * One fault: how the world is arranged (server URLs, knobs, server settings), what happens (ticks
 * and simulated time), and what the administrator must see afterwards: the record's state, the
 * audit event and the message.
 */
interface Scenario {
  name: string;
  urls?: (world: World) => Promise<string[]> | string[];
  renewBeforeExpiryDays?: number;
  run: (stage: Stage) => Promise<void>;
  expected: { state: string; audit: RegExp; message: RegExp | null };
  /** Further facts to check, beyond state, audit and message. */
  check?: (stage: Stage) => void;
}

/** The failure of an unprotected error read because the server's switch is on: flagged as unauthenticated, then the CA's words. */
const acceptedUnprotected =
  /^unprotected answer from CMP server "lab-ca-1", accepted only because "Accept unprotected error answers" is on for that server; it is not authenticated: ir transaction [0-9a-f]{32} rejected while sent: the server reported an error; failInfo systemUnavail; the server says "service under maintenance \/ service under maintenance"$/;
const dead = async () => `http://127.0.0.1:${await freePort()}${labPath}`;
const proxies: FaultProxy[] = [];
const proxied = (fault: FaultProxy['fault']) => async (world: World) => {
  const proxy = await startFaultProxy(world.labUrl, fault);
  proxies.push(proxy);
  return [proxy.url];
};
/** Enroll first (IR), then let `fault` hit the KUR that a digest change triggers (KUR is signed, so is the answer). */
async function enrollThenKur(stage: Stage, fault: () => void): Promise<void> {
  await stage.tick();
  fault();
  const record = stage.life.store.certificateRecords.get(stage.recordId)!;
  stage.life.store.certificateRecords.save({ ...record, digest: 'sha384' });
  await stage.tick();
}

const scenarios: Scenario[] = [
  { name: 'server down', urls: async () => [await dead()], run: (s) => s.tick(), expected: { state: 'failing', audit: /^failed: lab-1: .*retry at/s, message: /\[connection-refused\].*ECONNREFUSED/s } },
  {
    name: 'connection refused, then recovered',
    urls: async () => [await dead()],
    run: async (s) => {
      await s.tick();
      const port = Number(new URL(s.servers()[0].url).port);
      proxies.push(await startFaultProxy(s.world.labUrl, 'pass', port));
      s.advance(5 * minute);
      await s.tick();
    },
    expected: { state: 'valid', audit: /^(enrolled|renewed)/, message: null },
  },
  {
    name: 'message timeout',
    run: async (s) => {
      s.updateServer(0, { messageTimeoutSeconds: 1 });
      s.setKnobs({ delayMs: 2_500 });
      await s.tick();
    },
    expected: { state: 'failing', audit: /^failed: /, message: /\[timeout\].*within the message timeout of 1000 ms/s },
  },
  {
    name: 'total timeout while polling',
    run: async (s) => {
      s.updateServer(0, { messageTimeoutSeconds: 5, totalTimeoutSeconds: 20, pollingRetryCount: 100 });
      s.setKnobs({ waitingCount: 1000, checkAfterSeconds: 15 });
      await s.tick();
    },
    expected: { state: 'failing', audit: /^failed: /, message: /^ir transaction [0-9a-f]{32} failed while waiting: the total timeout of 20000 ms has passed; CMP server 'lab-ca-1' \(http:\/\/127\.0\.0\.1:\d+\/\.well-known\/cmp\) of group 'lab-ca'$/ },
  },
  { name: 'HTTP 500', run: async (s) => { s.setKnobs({ httpFailure: 'status-500' }); await s.tick(); }, expected: { state: 'failing', audit: /^failed: /, message: /\[http-status\].*expected HTTP 200, got HTTP 500/s } },
  { name: 'HTTP 200 with HTML', urls: proxied('html-200'), run: (s) => s.tick(), expected: { state: 'failing', audit: /^failed: /, message: /\[content-type\].*got HTTP 200 with text\/html/s } },
  { name: 'truncated DER', run: async (s) => { s.setKnobs({ httpFailure: 'truncated' }); await s.tick(); }, expected: { state: 'failing', audit: /^failed: /, message: /\[truncated\] .*the connection closed after \d+ bytes/s } },
  { name: 'garbage bytes', run: async (s) => { s.setKnobs({ httpFailure: 'garbage' }); await s.tick(); }, expected: { state: 'failing', audit: /^failed: /, message: /cannot decode PKIMessage/ } },
  { name: 'oversize response', urls: proxied('oversize'), run: (s) => s.tick(), expected: { state: 'failing', audit: /^failed: /, message: /\[too-large\].*exceeds the limit of 1048576 bytes/s } },
  { name: 'wrong transactionID', run: async (s) => { s.setKnobs({ wrongTransactionId: true }); await s.tick(); }, expected: { state: 'failing', audit: /^failed: /, message: /the response belongs to another transaction; expected transactionID/ } },
  { name: 'wrong recipNonce', run: async (s) => { s.setKnobs({ wrongRecipNonce: true }); await s.tick(); }, expected: { state: 'failing', audit: /^failed: /, message: /does not answer our last message \(possible replay\)/ } },
  {
    name: 'replayed response',
    urls: proxied('pass'),
    run: async (s) => {
      proxies[proxies.length - 1].fault = 'replay-previous';
      await s.tick();
    },
    expected: { state: 'failing', audit: /^failed: /, message: /failed while confirming: the response does not answer our last message \(possible replay\)/ },
  },
  { name: 'bad MAC', run: async (s) => { s.setKnobs({ badProtection: true }); await s.tick(); }, expected: { state: 'failing', audit: /^failed: /, message: /the MAC does not verify with the configured shared secret/ } },
  {
    name: 'bad signature (KUR)',
    run: (s) => enrollThenKur(s, () => s.setKnobs({ badProtection: true, appliesTo: ['kur'] })),
    expected: { state: 'valid, renewal failing', audit: /^failed: lab-1: kur /, message: /kur transaction .* the response protection is not valid: the ecdsa-with-SHA256 signature does not verify/ },
  },
  {
    name: 'signer not trusted (KUR)',
    run: async (s) => {
      const foreign = s.addTrustAnchor(await s.world.tlsPki.read(s.world.tlsPki.root.cert), 'foreign root');
      await enrollThenKur(s, () => s.updateServer(0, { responseTrustAnchorIds: [foreign] }));
    },
    expected: { state: 'valid, renewal failing', audit: /^failed: lab-1: kur /, message: /the response signer .* is not trusted/ },
  },
  { name: 'unexpected sender', run: async (s) => { s.updateServer(0, { expectedSender: '/CN=Someone Else' }); await s.tick(); }, expected: { state: 'failing', audit: /^failed: /, message: /unexpected sender; expected "CN=Someone Else"/ } },
  { name: 'unprotected error (refused by default)', urls: proxied('unprotected-error'), run: (s) => s.tick(), expected: { state: 'failing', audit: /^failed: /, message: /the response is not protected; expected MAC or signature protection; received none/ } },
  {
    name: 'unprotected error (refused, then accepted with the switch on)',
    urls: proxied('unprotected-error'),
    run: async (s) => {
      await s.tick();
      s.updateServer(0, { acceptUnprotectedErrors: true });
      s.advance(5 * minute);
      await s.tick();
    },
    expected: { state: 'failing', audit: new RegExp(`^failed: lab-1: ${acceptedUnprotected.source.slice(1, -1)}; retry at \\S+Z$`), message: acceptedUnprotected },
    check: (s) => {
      const [accepted, refused] = s.life.store.transactions.history(s.recordId, 10);
      expect(refused).toMatchObject({ state: 'failed', lastError: expect.stringMatching(/failed while sent: the response is not protected; expected MAC or signature protection; received none$/) });
      expect(accepted).toMatchObject({ state: 'rejected', lastError: s.observe().message });
    },
  },
  {
    name: 'unprotected error (switch only on the other server)',
    urls: async (world) => [...(await proxied('unprotected-error')(world)), ...(await proxied('unprotected-error')(world))],
    run: async (s) => {
      s.updateServer(1, { acceptUnprotectedErrors: true });
      await s.tick();
    },
    expected: { state: 'failing', audit: /^failed: /, message: /failed while sent: the response is not protected; expected MAC or signature protection; received none$/ },
    check: (s) => {
      const used = s.life.store.transactions.history(s.recordId, 1)[0].serverId;
      expect(s.servers().find((server) => server.id === used)?.name).toBe('lab-ca-1');
    },
  },
  {
    name: 'rejection with failInfo',
    run: async (s) => { s.setKnobs({ reject: { failInfo: ['badCertTemplate'], text: 'subject not allowed' } }); await s.tick(); },
    expected: { state: 'failing', audit: /^failed: /, message: /rejected while sent: the CA rejected the request; failInfo badCertTemplate; the server says "subject not allowed"/ },
  },
  {
    name: 'waiting forever (bounded: 3 polls per tick)',
    run: async (s) => {
      s.updateServer(0, { pollingRetryCount: 3 });
      s.setKnobs({ waitingCount: 1000, checkAfterSeconds: 1 });
      await s.tick();
      s.advance(5 * minute);
      await s.tick();
    },
    expected: { state: 'waiting', audit: /^polled: The CA asked to wait; polling resumes at/, message: null },
    check: (s) => {
      const polls = s.life.store.statistics.list(s.recordId).filter((row) => row.messageType === 'pollReq').reduce((sum, row) => sum + row.count, 0);
      expect(polls).toBeGreaterThan(0);
      expect(polls).toBeLessThanOrEqual(6);
      expect(s.life.store.transactions.history(s.recordId, 10)).toHaveLength(1);
    },
  },
  { name: 'enrolled cert for another key', run: async (s) => { s.setKnobs({ issueForOtherKey: true }); await s.tick(); }, expected: { state: 'failing', audit: /^failed: /, message: /we rejected the issued certificate in certConf: .* certifies another key than the one we requested/ } },
  { name: 'validity shorter than renew-before-expiry', run: async (s) => { s.setKnobs({ shortValiditySeconds: 3600 }); await s.tick(); }, expected: { state: 'failing', audit: /^rejected: /, message: /we rejected the (issued )?certificate( in certConf)?: the certificate is valid until .*, shorter than renew-before-expiry \(5 days\)/ } },
  {
    name: 'TLS certificate untrusted',
    urls: (world) => [`${world.tls.origin}${labPath}`],
    run: async (s) => {
      const labRoot = s.life.store.config.trustAnchors.list()[0].id;
      const tlsProfile = s.life.store.config.tlsProfiles.save({ id: crypto.randomUUID(), name: 'tls', trustedCaIds: [labRoot], mutualAuthentication: false, clientCertificateRecordId: null, minimumTlsVersion: 'TLSv1.2', verifyHostName: true });
      s.updateServer(0, { tlsProfileId: tlsProfile.id });
      await s.tick();
    },
    expected: { state: 'failing', audit: /^failed: /, message: /\[tls-untrusted\].*not trusted by the TLS profile's CA certificates/s },
  },
  {
    name: 'TLS host name mismatch',
    urls: (world) => [`${world.tlsWrongHost.origin}${labPath}`],
    run: async (s) => {
      const tlsRoot = s.addTrustAnchor(await s.world.tlsPki.read(s.world.tlsPki.root.cert), 'tls root');
      const tlsProfile = s.life.store.config.tlsProfiles.save({ id: crypto.randomUUID(), name: 'tls', trustedCaIds: [tlsRoot], mutualAuthentication: false, clientCertificateRecordId: null, minimumTlsVersion: 'TLSv1.2', verifyHostName: true });
      s.updateServer(0, { tlsProfileId: tlsProfile.id });
      await s.tick();
    },
    expected: { state: 'failing', audit: /^failed: /, message: /\[tls-hostname-mismatch\].*not valid for this host name/s },
  },
  { name: 'one server of a group down (failover)', urls: async (world) => [await dead(), world.labUrl], run: (s) => s.tick(),
    expected: { state: 'valid', audit: /^(enrolled|renewed)/, message: null },
    check: (s) => {
      const used = s.life.store.transactions.history(s.recordId, 1)[0].serverId;
      expect(s.servers().find((server) => server.id === used)?.name).toBe('lab-ca-2');
    },
  },
  {
    name: 'all servers down until expiry (deletion rule)',
    renewBeforeExpiryDays: 1,
    run: async (s) => {
      s.setKnobs({ shortValiditySeconds: 2 * 86_400 });
      await s.tick();
      s.setKnobs({});
      s.updateServer(0, { url: await dead() });
      const end = Date.now() + 3 * day;
      while (Date.now() < end) {
        s.advance(60 * minute);
        await s.tick();
      }
    },
    expected: { state: 'failing', audit: /^failed: /, message: /\[connection-refused\]/ },
    check: (s) => {
      expect(s.life.store.certificates.current(s.recordId)).toBeNull();
      expect(s.life.store.audit.list({ limit: 10_000 }).map((e) => e.type)).toContain('deleted');
      expect(s.life.store.transactions.history(s.recordId, 1000).filter((t) => t.type === 'kur').length).toBeGreaterThan(3);
    },
  },
];

interface Row { scenario: string; expectedState: string; observedState: string; audit: string; message: string }
const rows: Row[] = [];
let world: World;

beforeAll(async () => {
  world = await startWorld();
}, 120_000);

afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.close()));
  await world?.close();
  const widths = [Math.max(52, ...rows.map((r) => r.scenario.length)), 24, 24];
  const table = [
    `${'scenario'.padEnd(widths[0])}  ${'expected state'.padEnd(widths[1])}  ${'observed state'.padEnd(widths[2])}  message`,
    ...rows.map((r) => `${r.scenario.padEnd(widths[0])}  ${r.expectedState.padEnd(widths[1])}  ${r.observedState.padEnd(widths[2])}  ${r.message}`),
  ].join('\n');
  const results = join(import.meta.dirname, '../../bench-results');
  mkdirSync(results, { recursive: true });
  writeFileSync(join(results, 'reliability-faults.json'), `${JSON.stringify({ writtenAt: new Date().toISOString(), rows }, null, 2)}\n`);
  writeFileSync(join(results, 'reliability-faults.txt'), `${table}\n`);
  process.stdout.write(`${table}\n`);
});

describe('fault scenarios: a real enrollment or renewal through the lifecycle engine against the lab CA', () => {
  for (const scenario of scenarios) {
    it(scenario.name, async () => {
      const stage = await openStage(world, { urls: scenario.urls ? await scenario.urls(world) : [world.labUrl], renewBeforeExpiryDays: scenario.renewBeforeExpiryDays });
      try {
        await scenario.run(stage);
        const observed = stage.observe();
        rows.push({ scenario: scenario.name, expectedState: scenario.expected.state, observedState: observed.state, audit: observed.audit, message: (observed.message ?? '(none)').replace(/\s*\n\s*/g, ' ') });
        expect(observed.state).toBe(scenario.expected.state);
        expect(observed.audit).toMatch(scenario.expected.audit);
        if (scenario.expected.message) expect(observed.message).toMatch(scenario.expected.message);
        else expect(observed.message).toBeNull();
        scenario.check?.(stage);
      } finally {
        await stage.close();
      }
    });
  }
});
