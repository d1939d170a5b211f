import { mkdir, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deployCertificate, deployFolderName } from '../../../src-main/lifecycle/deploy_hooks';

describe('deploy hooks', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'cmp-desk-deploy-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const input = (hooks: { command: string; args: string[] }[]) => ({ folder, recordName: 'sip/edge 1', certificatePem: 'CERT\n', privateKeyPem: 'KEY\n', chainPem: 'CHAIN\n', hooks });

  it('writes cert, key (0600), chain and full chain atomically and runs the command with their paths', async () => {
    const out = join(folder, 'seen.txt');
    const { files, problems } = await deployCertificate(input([{ command: '/bin/sh', args: ['-c', `printf '%s|%s|%s' "$CMP_DESK_RECORD" "$(cat "$CMP_DESK_CERT_FILE")" "$(cat "$CMP_DESK_FULLCHAIN_FILE" | tr '\\n' ' ')" > ${out}`] }]));
    expect(problems).toEqual([]);
    expect(files!.privateKey).toBe(join(folder, deployFolderName('sip/edge 1'), 'key.pem'));
    expect((await stat(files!.privateKey)).mode & 0o777).toBe(0o600);
    expect(await readFile(files!.chain, 'utf8')).toBe('CHAIN\n');
    expect(await readFile(out, 'utf8')).toBe('sip/edge 1|CERT|CERT CHAIN ');
    expect((await readdir(join(folder, 'sip_edge_1'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps the record folder private to the owner, also when it already existed with wider permissions', async () => {
    const fresh = await deployCertificate({ ...input([]), recordName: 'fresh' });
    expect((await stat(dirname(fresh.files!.privateKey))).mode & 0o777).toBe(0o700);
    await mkdir(join(folder, 'existing'), { mode: 0o755 });
    const existing = await deployCertificate({ ...input([]), recordName: 'existing' });
    expect(existing.problems).toEqual([]);
    expect((await stat(join(folder, 'existing'))).mode & 0o777).toBe(0o700);
    expect((await stat(existing.files!.privateKey)).mode & 0o777).toBe(0o600);
  });

  it('reports a failing command and keeps going, never throws', async () => {
    const { files, problems } = await deployCertificate(input([{ command: '/bin/false', args: [] }, { command: '/nonexistent/program', args: [] }]));
    expect(files).not.toBeNull();
    expect(problems.map((p) => p.step)).toEqual(['deploy hook /bin/false', 'deploy hook /nonexistent/program']);
  });

  it('keeps record names from escaping the deploy folder', () => {
    expect(deployFolderName('../../etc')).toBe('__.._etc');
    expect(deployFolderName('a b/c')).toBe('a_b_c');
  });
});
