import { spawnSync } from 'node:child_process';
import { createPrivateKey, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConfigContext, type ConfigContext } from '../../src-main/config';
import { exportPrivateKeyDer, toPem } from '../../src-main/pki';
import type { VerifyConfigReport } from '../../src-shared/ipc/config_verify';
import { buildTestChain, type TestChain } from '../unit/pki/chain_fixtures';
import { secretToolLookup } from '../unit/secrets/keychain_session';
import { certificateRecord, cmpProfile, cmpServer, serverGroup, tlsProfile } from '../unit/store/objects';

/**
 * The configuration side against the real OS keychain (gnome-keyring via scripts/with-keyring.sh),
 * a real SQLite file, openssl, and the CLI run as a child process for its exit codes.
 */
const iak = `iak-interop-${randomUUID()}`;
const dataDir = mkdtempSync(join(tmpdir(), 'cmp-desk-config-interop-'));
let context: ConfigContext;
let chain: TestChain;
let profileId: string;
let groupId: string;
let serverId: string;

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/app/cli/main.ts', '--data-dir', dataDir, ...args], { encoding: 'utf8', env: { ...process.env, EXPORT_PASS: 'p12-pass-1' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Every file of the data folder (database, WAL, logs) as one buffer, the way someone reading the disk sees it. */
function dataFolderBytes(): Buffer {
  const files = ['cmp-desk.sqlite3', 'cmp-desk.sqlite3-wal', 'cmp-desk.sqlite3-shm'].map((f) => join(dataDir, f)).filter(existsSync);
  return Buffer.concat(files.map((f) => readFileSync(f)));
}

beforeAll(async () => {
  chain = await buildTestChain({ leaf: { notBefore: new Date(Date.now() - 86_400_000), notAfter: new Date(Date.now() + 90 * 86_400_000) } });
  context = openConfigContext(dataDir);
  const s = context.service;
  // The chain fixture's root is valid from 2030; the CA checks of the import are covered by unit tests.
  const rootFile = join(dataDir, 'root.pem');
  const openssl = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dataDir, 'root.key'), '-out', rootFile, '-subj', '/CN=Interop Root', '-days', '3650', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=keyCertSign,cRLSign']);
  expect(openssl.status).toBe(0);
  const imported = cli('trust', 'import', rootFile);
  expect(imported.status).toBe(0);
  expect(imported.stdout).toMatch(/SHA-256: +([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  const anchor = s.listTrustAnchors()[0];
  const tls = s.save('tls-profile', tlsProfile([anchor.id]));
  serverId = s.save('cmp-server', cmpServer(tls.id, { url: 'https://localhost/.well-known/cmp', responseTrustAnchorIds: [anchor.id] })).id;
  groupId = s.save('server-group', serverGroup([serverId])).id;
  profileId = s.save('cmp-profile', cmpProfile(groupId)).id;
  const record = s.save('certificate-record', certificateRecord({ name: 'sip-export', managedBy: 'manual', subjectAltNames: [{ type: 'dns', value: 'sip.lab.example' }] }));
  const keyId = randomUUID();
  const encrypted = (await context.dataKey()).encryptPrivateKey(exportPrivateKeyDer(chain.leafKey.privateKey), { keyId });
  context.store.privateKeys.insert({ id: keyId, keyAlgorithm: 'ecdsa-p256', ...encrypted, createdAt: new Date().toISOString() });
  context.store.certificates.putIntoUse({
    id: randomUUID(),
    recordId: record.id,
    status: 'current',
    origin: 'import',
    serialNumber: chain.leaf.serialHex.toLowerCase(),
    subject: chain.leaf.subject,
    issuer: chain.leaf.issuer,
    notBefore: chain.leaf.notBefore.toISOString(),
    notAfter: chain.leaf.notAfter.toISOString(),
    sha256Fingerprint: chain.leaf.sha256Fingerprint.replaceAll(':', '').toLowerCase(),
    certificateDer: Buffer.from(chain.leaf.der).toString('base64'),
    chainDer: [chain.issuing.der, chain.root.der].map((d) => Buffer.from(d).toString('base64')),
    privateKeyId: keyId,
    obtainedAt: new Date().toISOString(),
  });
});

afterAll(async () => {
  try {
    await context?.service.clearInitialAuthenticationKey(profileId).catch(() => undefined);
    if (context) expect(context.store.database.integrityCheck()).toEqual([]);
  } finally {
    context?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

describe('configuration with the real keychain, SQLite and CLI', () => {
  it('verify-config exits 1 while the IAK is missing, 0 once it is in the keychain', async () => {
    const missing = cli('verify-config', '--json');
    expect(missing.status).toBe(1);
    const report = JSON.parse(missing.stdout) as VerifyConfigReport;
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => f.check)).toEqual(['iak-missing']);

    await context.service.setInitialAuthenticationKey(profileId, Buffer.from(iak));
    expect(secretToolLookup(context.store.keychainNamespace, `iak/${profileId}`)?.toString()).toBe(iak);
    const ok = cli('verify-config');
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/0 errors/);
  });

  it('verify-config exits 1 and names the object and the fix for a broken chain', async () => {
    const other = context.service.save('cmp-server', cmpServer(null, { url: 'https://ca.invalid/.well-known/cmp' }));
    context.service.save('server-group', { ...context.service.get('server-group', groupId), serverIds: [other.id] });
    try {
      const run = cli('verify-config');
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/ERROR +CMP server "[^"]+": .*no TLS profile/);
      expect(run.stdout).toMatch(/WARNING +CMP server "[^"]+": The host name ca.invalid cannot be resolved/);
      expect(run.stdout).toContain('fix: ');
    } finally {
      context.service.save('server-group', { ...context.service.get('server-group', groupId), serverIds: [serverId] });
      await context.service.delete('cmp-server', other.id);
    }
  });

  it('neither the exported JSON nor the database files hold the IAK bytes', async () => {
    if ((await context.service.initialAuthenticationKeyStatus(profileId)).isSet === false) await context.service.setInitialAuthenticationKey(profileId, Buffer.from(iak));
    const file = join(dataDir, 'export.json');
    expect(cli('config', 'export', file).status).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const exported = readFileSync(file);
    for (const haystack of [exported, dataFolderBytes()]) {
      expect(haystack.indexOf(Buffer.from(iak))).toBe(-1);
      expect(haystack.indexOf(Buffer.from(Buffer.from(iak).toString('base64')))).toBe(-1);
    }
    expect(JSON.parse(exported.toString()).secretsNeeded).toEqual([expect.objectContaining({ cmpProfileId: profileId, status: 'needs secret' })]);
    const again = cli('config', 'import', file);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('0 created, 0 updated');
  });

  it('exports the certificate as PEM with its chain and as PKCS#12 (0600) that openssl opens with the passphrase', () => {
    const pem = join(dataDir, 'leaf.pem');
    expect(cli('export', 'sip-export', '--format', 'pem', '--chain', '--out', pem).status).toBe(0);
    expect(readFileSync(pem, 'utf8')).toBe([chain.leaf, chain.issuing, chain.root].map((c) => toPem(c.der, 'CERTIFICATE')).join(''));
    const p12 = join(dataDir, 'leaf.p12');
    const run = cli('export', 'sip-export', '--format', 'p12', '--chain', '--passphrase', 'env:EXPORT_PASS', '--out', p12);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(statSync(p12).mode & 0o777).toBe(0o600);
    const key = spawnSync('openssl', ['pkcs12', '-in', p12, '-passin', 'pass:p12-pass-1', '-nocerts', '-nodes'], { encoding: 'utf8' });
    expect(key.status).toBe(0);
    const exportedKey = createPrivateKey(key.stdout);
    expect(exportedKey.export({ type: 'pkcs8', format: 'der' })).toEqual(chain.leafKey.privateKey.export({ type: 'pkcs8', format: 'der' }));
    expect(spawnSync('openssl', ['pkcs12', '-in', p12, '-passin', 'pass:wrong', '-nokeys']).status).not.toBe(0);
    writeFileSync(join(dataDir, 'empty-pass'), '\n');
    expect(cli('export', 'sip-export', '--format', 'p12', '--passphrase', `file:${join(dataDir, 'empty-pass')}`, '--out', p12).status).toBe(2);
    expect(cli('export', 'sip-export', '--format', 'der', '--chain', '--out', join(dataDir, 'x.der')).status).toBe(1);
  });

  it('exports DER, and with --legacy a PKCS#12 in 3DES/SHA-1 for old devices that openssl opens', () => {
    const der = join(dataDir, 'leaf.der');
    expect(cli('export', 'sip-export', '--format', 'der', '--out', der).status).toBe(0);
    expect(new Uint8Array(readFileSync(der))).toEqual(new Uint8Array(chain.leaf.der));
    const pkcs12Info = (file: string) => spawnSync('openssl', ['pkcs12', '-in', file, '-passin', 'pass:p12-pass-1', '-info', '-noout'], { encoding: 'utf8' });
    const modern = join(dataDir, 'modern.p12');
    const legacy = join(dataDir, 'legacy.p12');
    expect(cli('export', 'sip-export', '--format', 'p12', '--passphrase', 'env:EXPORT_PASS', '--out', modern).status).toBe(0);
    const run = cli('export', 'sip-export', '--format', 'p12', '--legacy', '--passphrase', 'env:EXPORT_PASS', '--out', legacy);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(statSync(legacy).mode & 0o777).toBe(0o600);
    const modernInfo = pkcs12Info(modern);
    expect(modernInfo.status).toBe(0);
    expect(`${modernInfo.stdout}${modernInfo.stderr}`).not.toMatch(/TripleDES/);
    const legacyInfo = pkcs12Info(legacy);
    expect(legacyInfo.status).toBe(0);
    expect(`${legacyInfo.stdout}${legacyInfo.stderr}`).toMatch(/pbeWithSHA1And3-KeyTripleDES-CBC/);
    expect(`${legacyInfo.stdout}${legacyInfo.stderr}`).toMatch(/MAC: sha1/);
    expect(cli('export', 'sip-export', '--format', 'pem', '--legacy', '--out', join(dataDir, 'x.pem')).status).toBe(2);
  });

  it('trust import refuses malformed input with a clear message and exit 1; trust list --json shows the anchors', () => {
    const bad = join(dataDir, 'bad.pem');
    writeFileSync(bad, '-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n');
    const run = cli('trust', 'import', bad);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/cannot be read: .*not valid base64/);
    const list = cli('trust', 'list', '--json');
    expect(list.status).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ subject: 'CN=Interop Root' })]);
  });
});
