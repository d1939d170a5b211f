import { spawn, spawnSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLifecycle } from '../../src-main/lifecycle';
import { openStore } from '../../src-main/store';

/**
 * After a full run through the real CLI (lab set-up in place of the wizard, enrollments, forced
 * renewals, exports, a killed service run), no secret and no plaintext private key may be found in
 * the data folder, the logs, the exported files or the process output; the keychain holds them.
 */
const cliMain = join(import.meta.dirname, '../../src-main/app/cli/main.ts');
const RECORDS = 4;

let root: string;
let dataDir: string;
let exportsDir: string;
let outputDir: string;

function cli(...args: string[]): string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', cliMain, '--data-dir', dataDir, ...args], { encoding: 'utf8', timeout: 120_000 });
  const output = `$ cmp-desk ${args.join(' ')}\n${result.stdout}${result.stderr}`;
  writeFileSync(join(outputDir, `cli-${args[0]}-${Date.now()}.txt`), output);
  if (result.status !== 0) throw new Error(`cmp-desk ${args.join(' ')} exited ${result.status}:\n${output}`);
  return result.stdout;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

/** Every keychain item of this data folder's namespace, read back with secret-tool. */
function keychainItems(namespace: string): Map<string, Buffer> {
  const search = spawnSync('secret-tool', ['search', '--all', 'service', 'cmp-desk'], { encoding: 'utf8' });
  // secret-tool prints the attributes on stderr and the secrets on stdout.
  const accounts = [...`${search.stdout}\n${search.stderr}`.matchAll(/attribute\.username = (.+)/g)].map((m) => m[1].trim()).filter((u) => u.startsWith(`${namespace}/`));
  return new Map(accounts.map((username) => [username.slice(namespace.length + 1), spawnSync('secret-tool', ['lookup', 'service', 'cmp-desk', 'username', username]).stdout]));
}

/** A needle in every form a leak could take: raw bytes, base64, hex. */
function forms(name: string, bytes: Buffer): { name: string; bytes: Buffer }[] {
  return [
    { name: `${name} (raw)`, bytes },
    { name: `${name} (base64)`, bytes: Buffer.from(bytes.toString('base64')) },
    { name: `${name} (hex)`, bytes: Buffer.from(bytes.toString('hex')) },
  ];
}

/** Encodings of plaintext private keys whatever the key: PEM labels and the DER openings of PKCS#8 and SEC1. */
const GENERIC_KEY_PATTERNS = [
  { name: 'PEM private key (PKCS#8)', bytes: Buffer.from('-----BEGIN PRIVATE KEY-----') },
  { name: 'PEM private key (SEC1)', bytes: Buffer.from('-----BEGIN EC PRIVATE KEY-----') },
  { name: 'PEM private key (PKCS#1)', bytes: Buffer.from('-----BEGIN RSA PRIVATE KEY-----') },
  { name: 'PKCS#8 EC DER', bytes: Buffer.from('020100301306072a8648ce3d0201', 'hex') },
  { name: 'PKCS#8 RSA DER', bytes: Buffer.from('020100300d06092a864886f70d0101010500', 'hex') },
  { name: 'PKCS#8 Ed25519 DER', bytes: Buffer.from('020100300506032b6570', 'hex') },
  { name: 'SEC1 P-256 DER', bytes: Buffer.from('a00a06082a8648ce3d030107', 'hex') },
];

let keychain: Map<string, Buffer>;
let privateKeys: { name: string; bytes: Buffer }[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cmp-desk-hygiene-'));
  dataDir = join(root, 'data');
  exportsDir = join(root, 'exports');
  outputDir = join(root, 'output');
  mkdirSync(exportsDir);
  mkdirSync(outputDir);
  cli('lab', 'init', '--records', String(RECORDS), '--validity', '30d', '--renew-before-days', '7');
  cli('run', '--until-idle');
  cli('renew', 'lab-1', '--apply-now');
  cli('renew', 'lab-2', '--apply-now');
  cli('config', 'export', join(exportsDir, 'config.json'));
  cli('export', 'lab-1', '--format', 'pem', '--chain', '--out', join(exportsDir, 'lab-1.pem'));
  cli('export', 'lab-2', '--format', 'der', '--out', join(exportsDir, 'lab-2.der'));
  cli('export', 'lab-3', '--format', 'p12', '--out', join(exportsDir, 'lab-3.p12'), '--passphrase', 'pass:export-passphrase-4711');
  cli('status');
  cli('history');
  // Crash output: the service run killed in the middle, its stdout and stderr kept.
  const service = spawn(process.execPath, ['--import', 'tsx', cliMain, '--data-dir', dataDir, 'run'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let crashOutput = '';
  service.stdout.on('data', (chunk: Buffer) => (crashOutput += chunk.toString('latin1')));
  service.stderr.on('data', (chunk: Buffer) => (crashOutput += chunk.toString('latin1')));
  // Killed once it has logged a few lines (to stdout and logs/service.log).
  await new Promise<void>((resolve) => service.stdout.on('data', () => crashOutput.split('\n').length > 3 && resolve()));
  service.kill('SIGKILL');
  await new Promise((resolve) => service.once('exit', resolve));
  writeFileSync(join(outputDir, 'crash-output.txt'), crashOutput, 'latin1');

  const store = openStore(dataDir);
  const namespace = store.keychainNamespace;
  store.close();
  keychain = keychainItems(namespace);
  const life = await openLifecycle({ dataDir, notifier: { notify: () => undefined } });
  try {
    for (const record of life.store.certificateRecords.list()) {
      for (const version of life.store.certificates.history(record.id)) {
        if (!version.privateKeyId) continue;
        const key = life.vault.load(version.privateKeyId, record.name).privateKey;
        privateKeys.push(...forms(`${record.name} key PKCS#8`, key.export({ format: 'der', type: 'pkcs8' })));
        if (key.asymmetricKeyType === 'ec') privateKeys.push(...forms(`${record.name} key SEC1`, key.export({ format: 'der', type: 'sec1' })));
        const d = key.export({ format: 'jwk' }).d;
        if (d) privateKeys.push(...forms(`${record.name} private scalar`, Buffer.from(d, 'base64url')));
      }
    }
  } finally {
    life.close();
  }
  privateKeys = privateKeys.filter((needle) => needle.bytes.length >= 16);
}, 600_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('secret hygiene after a full run', () => {
  it('the keychain holds the data key and the IAK (secret-tool)', () => {
    const accounts = [...keychain.keys()].sort();
    expect(accounts.some((a) => a.startsWith('data-key/'))).toBe(true);
    expect(accounts.some((a) => a.startsWith('iak/'))).toBe(true);
    const lengths = Object.fromEntries([...keychain.entries()].map(([account, secret]) => [account.split('/')[0], secret.length]));
    expect(lengths['data-key'], JSON.stringify(lengths)).toBe(32);
    expect(lengths.iak, JSON.stringify(lengths)).toBeGreaterThanOrEqual(16);
    expect(privateKeys.length).toBeGreaterThanOrEqual(RECORDS * 3);
  });

  it('no secret and no plaintext private key in the data folder, logs, exports or process output', () => {
    const deployDir = join(dataDir, 'deploy');
    const scanned = [...filesUnder(dataDir).filter((file) => !file.startsWith(deployDir)), ...filesUnder(exportsDir), ...filesUnder(outputDir)];
    const needles = [
      // iak-set-at/* holds a timestamp, not a secret.
      ...[...keychain.entries()].filter(([account]) => !account.startsWith('iak-set-at/')).flatMap(([account, secret]) => forms(`keychain ${account}`, secret)),
      ...privateKeys,
      ...GENERIC_KEY_PATTERNS,
    ];
    const hits: string[] = [];
    for (const file of scanned) {
      const content = readFileSync(file);
      for (const needle of needles) if (content.includes(needle.bytes)) hits.push(`${relative(root, file)}: ${needle.name}`);
    }
    const report = { scannedFiles: scanned.length, scannedBytes: scanned.reduce((n, f) => n + statSync(f).size, 0), needles: needles.length, keychainItems: keychain.size, hits };
    const results = join(import.meta.dirname, '../../bench-results');
    mkdirSync(results, { recursive: true });
    writeFileSync(join(results, 'reliability-secrets.json'), `${JSON.stringify({ writtenAt: new Date().toISOString(), ...report, scanned: scanned.map((f) => relative(root, f)) }, null, 2)}\n`);
    process.stdout.write(`secret hygiene: ${report.scannedFiles} files, ${report.scannedBytes} bytes, ${report.needles} needles, ${hits.length} hits\n`);
    expect(scanned.some((file) => /\.(db|sqlite3?)$/.test(file))).toBe(true);
    expect(scanned.some((file) => file.includes(`${join('data', 'logs')}`))).toBe(true);
    expect(hits).toEqual([]);
  });

  it('the deploy folder (written only for records with deploy hooks) holds keys readable by the owner only', () => {
    const deployDir = join(dataDir, 'deploy');
    const keyFiles = (existsSync(deployDir) ? filesUnder(deployDir) : []).filter((file) => readFileSync(file).includes(Buffer.from('PRIVATE KEY-----')));
    for (const file of keyFiles) {
      expect((statSync(file).mode & 0o077).toString(8), relative(root, file)).toBe('0');
      expect(() => createPrivateKey(readFileSync(file))).not.toThrow();
    }
    process.stdout.write(`deploy folder: ${keyFiles.length} plaintext key files (mode 0600)\n`);
  });
});
