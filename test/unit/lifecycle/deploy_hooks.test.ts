import { chmod, chown, mkdir, mkdtemp, open, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDeployFolder, deployCertificate, deployFolderName, writeAtomically, type DeployInput } from '../../../src-main/lifecycle/deploy_hooks';
import { prepareDeployFolder, UnsafeDeployFolderError } from '../../../src-main/lifecycle/deploy_folder';

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('deploy hooks', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'cmp-desk-deploy-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const input = (overrides: Partial<DeployInput> = {}): DeployInput => ({
    folder: defaultDeployFolder(root, 'sip/edge 1'),
    folderOwner: 'data-folder',
    recordName: 'sip/edge 1',
    certificatePem: 'CERT\n',
    privateKeyPem: 'KEY\n',
    chainPem: 'CHAIN\n',
    hooks: [],
    ...overrides,
  });

  it('writes cert, key (0600), chain and full chain atomically and runs the command with their paths', async () => {
    const out = join(root, 'seen.txt');
    const { files, problems } = await deployCertificate(input({ hooks: [{ command: '/bin/sh', args: ['-c', `printf '%s|%s|%s' "$CMP_DESK_RECORD" "$(cat "$CMP_DESK_CERT_FILE")" "$(cat "$CMP_DESK_FULLCHAIN_FILE" | tr '\\n' ' ')" > ${out}`] }] }));
    expect(problems).toEqual([]);
    expect(files!.privateKey).toBe(join(root, deployFolderName('sip/edge 1'), 'key.pem'));
    expect(await modeOf(files!.privateKey)).toBe(0o600);
    expect(await readFile(files!.chain, 'utf8')).toBe('CHAIN\n');
    expect(await readFile(out, 'utf8')).toBe('sip/edge 1|CERT|CERT CHAIN ');
    expect((await readdir(join(root, 'sip_edge_1'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps the data folder\'s record folder private to the owner, also when it already existed with wider permissions', async () => {
    const fresh = await deployCertificate(input({ folder: defaultDeployFolder(root, 'fresh') }));
    expect(await modeOf(join(root, 'fresh'))).toBe(0o700);
    expect(fresh.problems).toEqual([]);
    await mkdir(join(root, 'existing'), { mode: 0o777 });
    await chmod(join(root, 'existing'), 0o777);
    const existing = await deployCertificate(input({ folder: defaultDeployFolder(root, 'existing') }));
    expect(existing.problems).toEqual([]);
    expect(await modeOf(join(root, 'existing'))).toBe(0o700);
    expect(await modeOf(existing.files!.privateKey)).toBe(0o600);
  });

  it('writes files only into a folder the administrator chose, creating it (and missing parents) 0700', async () => {
    const chosen = join(root, 'srv', 'tls', 'sbc1');
    const { files, problems } = await deployCertificate(input({ folder: chosen, folderOwner: 'administrator' }));
    expect(problems).toEqual([]);
    expect(await modeOf(chosen)).toBe(0o700);
    expect(await modeOf(join(root, 'srv'))).toBe(0o700);
    expect((await readdir(chosen)).sort()).toEqual(['cert.pem', 'chain.pem', 'fullchain.pem', 'key.pem']);
    expect(files).toEqual({ certificate: join(chosen, 'cert.pem'), privateKey: join(chosen, 'key.pem'), chain: join(chosen, 'chain.pem'), fullChain: join(chosen, 'fullchain.pem') });
    expect(await modeOf(files!.privateKey)).toBe(0o600);
    expect(await modeOf(files!.certificate)).toBe(0o644);
    expect(await readFile(files!.fullChain, 'utf8')).toBe('CERT\nCHAIN\n');
  });

  it('keeps the mode of an administrator\'s existing folder that only its owner may write (e.g. 0750 for a service group)', async () => {
    const chosen = join(root, 'group-readable');
    await mkdir(chosen);
    await chmod(chosen, 0o750);
    expect((await deployCertificate(input({ folder: chosen, folderOwner: 'administrator' }))).problems).toEqual([]);
    expect(await modeOf(chosen)).toBe(0o750);
    expect(await modeOf(join(chosen, 'key.pem'))).toBe(0o600);
  });

  it('replaces a file atomically: a reader holding the old file reads all of it, the path shows the new one, no temp file stays', async () => {
    const folder = join(root, 'atomic');
    await deployCertificate(input({ folder, folderOwner: 'administrator', certificatePem: 'OLD CERT\n' }));
    const path = join(folder, 'cert.pem');
    const before = await stat(path);
    const reader = await open(path, 'r');
    try {
      await deployCertificate(input({ folder, folderOwner: 'administrator', certificatePem: 'NEW CERT\n' }));
      expect(await reader.readFile('utf8')).toBe('OLD CERT\n');
    } finally {
      await reader.close();
    }
    expect(await readFile(path, 'utf8')).toBe('NEW CERT\n');
    expect((await stat(path)).ino).not.toBe(before.ino);
    expect((await readdir(folder)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('removes its temporary file when the final rename fails, leaving what was there', async () => {
    const target = join(root, 'occupied');
    await mkdir(target);
    await writeFile(join(target, 'inside'), 'x');
    await expect(writeAtomically(target, 'content', 0o600)).rejects.toThrow();
    expect((await readdir(root)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await readdir(target)).toEqual(['inside']);
  });

  it('refuses an administrator\'s folder that everyone or its group may write, naming the folder, and writes nothing there', async () => {
    for (const [mode, who] of [[0o777, 'its group and everyone'], [0o703, 'everyone'], [0o770, 'its group']] as const) {
      const chosen = join(root, `open-${mode.toString(8)}`);
      await mkdir(chosen);
      await chmod(chosen, mode);
      const { files, problems } = await deployCertificate(input({ folder: chosen, folderOwner: 'administrator', hooks: [{ command: '/bin/true', args: [] }] }));
      expect(files).toBeNull();
      expect(problems).toHaveLength(1);
      expect(problems[0].message).toBe(`deploy folder ${chosen} may be written by ${who} (mode 0${mode.toString(8)}); make it writable by its owner only (chmod go-w ${chosen}), or 0700`);
      expect(await readdir(chosen)).toEqual([]);
      expect(await modeOf(chosen)).toBe(mode);
    }
  });

  it('refuses a folder that belongs to another user and a path that is not a folder', async () => {
    const uid = process.getuid!();
    // As root the test gives a folder away; as anyone else, / already belongs to root.
    let foreign = '/';
    if (uid === 0) {
      foreign = join(root, 'foreign');
      await mkdir(foreign, { mode: 0o700 });
      await chown(foreign, 65534, 65534);
    }
    const owner = (await stat(foreign)).uid;
    const refusal = prepareDeployFolder(foreign, 'administrator');
    await expect(refusal).rejects.toBeInstanceOf(UnsafeDeployFolderError);
    await expect(prepareDeployFolder(foreign, 'administrator')).rejects.toThrow(`deploy folder ${foreign} belongs to user ${owner}, not to the user cmp-desk runs as (${uid})`);
    const file = join(root, 'a-file');
    await writeFile(file, 'x');
    const { problems } = await deployCertificate(input({ folder: file, folderOwner: 'administrator' }));
    expect(problems.map((p) => p.step)).toEqual([`writing files to ${file}`]);
  });

  it('reports a failing command and keeps going, never throws', async () => {
    const { files, problems } = await deployCertificate(input({ hooks: [{ command: '/bin/false', args: [] }, { command: '/nonexistent/program', args: [] }] }));
    expect(files).not.toBeNull();
    expect(problems.map((p) => p.step)).toEqual(['deploy hook /bin/false', 'deploy hook /nonexistent/program']);
  });

  it('keeps record names from escaping the deploy folder', () => {
    expect(deployFolderName('../../etc')).toBe('__.._etc');
    expect(deployFolderName('a b/c')).toBe('a_b_c');
    expect(defaultDeployFolder('/data/deploy', '../x')).toBe('/data/deploy/__x');
  });
});
