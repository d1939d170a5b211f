import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { ConfigDocument } from '../../src-shared/ipc/config_document';
import { runCli } from '../../src-main/app/cli/cli';
import { parseCertificate } from '../../src-main/pki';
import { openStore } from '../../src-main/store';

describe('cmp-desk lab init / run / status / renew / forecast / history', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cmp-desk-cli-lifecycle-'));
  });
  afterAll(async () => {
    try {
      const store = openStore(dir);
      try {
        expect(store.database.integrityCheck()).toEqual([]);
      } finally {
        store.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  async function cliIn(dataDir: string, ...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['--data-dir', dataDir, ...args], { output: { out: (l) => out.push(l), err: (l) => err.push(l) }, env: {} });
    return { code, out, err };
  }
  const cli = (...args: string[]) => cliIn(dir, ...args);

  /** A lab data folder of its own in `dir`, every record enrolled; `use` runs, then the folder must pass integrity_check. */
  async function withEnrolledLab(name: string, use: (run: typeof cli) => Promise<void>): Promise<void> {
    const dataDir = join(dir, name);
    const run = (...args: string[]) => cliIn(dataDir, ...args);
    const init = await run('lab', 'init', '--records', '1', '--validity', '10d', '--renew-before-days', '3');
    expect(init.code, init.err.join('\n')).toBe(0);
    const enrolled = await run('run', '--until-idle');
    expect(enrolled.code, enrolled.err.join('\n')).toBe(0);
    await use(run);
    const store = openStore(dataDir);
    try {
      expect(store.database.integrityCheck()).toEqual([]);
    } finally {
      store.close();
    }
  }

  /** Edits the configuration the way an administrator does headless: export, change the JSON, import. */
  async function editConfig(run: typeof cli, edit: (document: ConfigDocument) => void): Promise<{ code: number; out: string[]; err: string[] }> {
    const file = join(dir, `config-${randomUUID()}.json`);
    expect((await run('config', 'export', file)).code).toBe(0);
    const document = JSON.parse(await readFile(file, 'utf8')) as ConfigDocument;
    edit(document);
    await writeFile(file, JSON.stringify(document));
    return run('config', 'import', file);
  }

  it('sets up a lab, enrolls every record, renews one, forecasts and shows the history', async () => {
    const init = await cli('lab', 'init', '--records', '2', '--validity', '10d', '--renew-before-days', '3');
    expect(init.code, init.err.join('\n')).toBe(0);
    expect(init.out.join('\n')).toContain('2 records: lab-1, lab-2');

    const run = await cli('run', '--until-idle');
    expect(run.code, run.err.join('\n')).toBe(0);
    expect(run.out.filter((l) => l.includes(': enroll ('))).toHaveLength(2);

    const status = await cli('status', '--json');
    const rows = JSON.parse(status.out[0]) as { name: string; state: string; serial: string; managedBy: string; notAfter: string; lastError: string | null }[];
    expect(rows.map((r) => [r.name, r.state, r.managedBy, r.lastError])).toEqual([
      ['lab-1', 'valid', 'cmp', null],
      ['lab-2', 'valid', 'cmp', null],
    ]);
    for (const row of rows) {
      expect(row.serial).toMatch(/^[0-9a-f]+$/);
      // Issued with --validity 10d just now.
      expect(Date.parse(row.notAfter) - Date.now()).toBeGreaterThan(9 * 86_400_000);
      expect(Date.parse(row.notAfter) - Date.now()).toBeLessThanOrEqual(10 * 86_400_000);
    }
    const table = await cli('status');
    expect(table.out[0].split(/ {2,}/)).toEqual(['NAME', 'STATE', 'SERIAL', 'NOT AFTER', 'MANAGED BY', 'LAST ERROR']);

    const renew = await cli('renew', 'lab-1', '--apply-now');
    expect(renew.code, renew.err.join('\n')).toBe(0);
    expect(renew.out[0]).toBe('lab-1: kur completed');
    const after = JSON.parse((await cli('status', '--json')).out[0]) as { name: string; serial: string }[];
    expect(after[0].serial).not.toBe(rows[0].serial);

    const forecast = JSON.parse((await cli('forecast', '--days', '30', '--json')).out[0]) as { renewals: { record: string; type: string; at: string }[] };
    expect(forecast.renewals.length).toBeGreaterThanOrEqual(6);
    expect(forecast.renewals.every((r) => r.type === 'kur')).toBe(true);

    const history = JSON.parse((await cli('history', 'lab-1', '--json')).out[0]) as { transactions: { type: string }[]; certificates: { status: string }[]; statistics: { messageType: string }[] };
    expect(history.transactions.map((t) => t.type)).toEqual(['kur', 'ir']);
    expect(history.certificates.map((c) => c.status)).toEqual(['deleted', 'current']);
    const global = JSON.parse((await cli('history', '--json')).out[0]) as { statistics: Record<string, number> };
    expect(global.statistics).toMatchObject({ 'ir/accepted': 2, 'kur/accepted': 1 });

    expect((await cli('renew', 'nope')).code).toBe(1);
    expect((await cli('forecast')).code).toBe(2);
  });

  it('renew without --apply-now outside the KUR window holds the new certificate for the window; status shows it pending', async () => {
    await withEnrolledLab('held', async (run) => {
      const before = (JSON.parse((await run('status', '--json')).out[0]) as { name: string; serial: string }[])[0];
      // A one-hour window that opens two hours from now (local time of day, as the engine reads it).
      const at = (hours: number) => {
        const t = new Date(Date.now() + hours * 3_600_000);
        return `${String(t.getHours()).padStart(2, '0')}:${String(t.getMinutes()).padStart(2, '0')}`;
      };
      const imported = await editConfig(run, (document) => {
        document.globalConfig = { ...document.globalConfig, kurWindowStart: at(2), kurWindowEnd: at(3) };
      });
      expect(imported.code, imported.err.join('\n')).toBe(0);

      const renew = await run('renew', before.name);
      expect(renew.code, renew.err.join('\n')).toBe(0);
      expect(renew.out).toEqual([`${before.name}: kur held`, expect.stringContaining(`current certificate: ${before.serial} valid until`)]);
      const status = JSON.parse((await run('status', '--json')).out[0]) as { name: string; state: string; serial: string; lastError: string | null }[];
      expect(status).toEqual([expect.objectContaining({ name: before.name, state: 'held (waits for the KUR window)', serial: before.serial, lastError: null })]);
      expect((await run('status')).out[1]).toContain('held (waits for the KUR window)');

      // A processing tick outside the window does not put it into use either.
      expect((await run('run', '--once')).code).toBe(0);
      const afterTick = JSON.parse((await run('status', '--json')).out[0]) as { state: string; serial: string }[];
      expect(afterTick[0]).toMatchObject({ state: 'held (waits for the KUR window)', serial: before.serial });
      const history = JSON.parse((await run('history', before.name, '--json')).out[0]) as { transactions: { type: string; state: string }[]; certificates: { status: string }[] };
      expect(history.transactions[0]).toMatchObject({ type: 'kur', state: 'held' });
      expect(history.certificates.map((c) => c.status)).toEqual(['current']);
    });
  });

  it('sets a record\'s deploy folder through config import, exports it, refuses a relative one naming the field, and deploys files only on renew', async () => {
    await withEnrolledLab('deploy', async (run) => {
      const folder = join(dir, 'deploy', 'devices', 'sbc1');
      const relative = await editConfig(run, (document) => {
        document.certificateRecords[0] = { ...document.certificateRecords[0], deployFolder: 'devices/sbc1' };
      });
      expect(relative.code).toBe(1);
      expect(relative.err.join('\n')).toContain('certificateRecords.0.deployFolder: must be an absolute path to a folder');

      const imported = await editConfig(run, (document) => {
        document.certificateRecords[0] = { ...document.certificateRecords[0], deployHooks: [], deployFolder: folder };
      });
      expect(imported.code, imported.err.join('\n')).toBe(0);
      expect(imported.out).toContain('updated  certificate-record "lab-1"');
      const exported = JSON.parse((await run('config', 'export')).out.join('\n')) as ConfigDocument;
      expect(exported.certificateRecords[0]).toMatchObject({ name: 'lab-1', deployHooks: [], deployFolder: folder });

      const renew = await run('renew', 'lab-1', '--apply-now');
      expect(renew.code, renew.err.join('\n')).toBe(0);
      expect((await readdir(folder)).sort()).toEqual(['cert.pem', 'chain.pem', 'fullchain.pem', 'key.pem']);
      expect((await stat(folder)).mode & 0o777).toBe(0o700);
      expect((await stat(join(folder, 'key.pem'))).mode & 0o777).toBe(0o600);
      const serial = (JSON.parse((await run('status', '--json')).out[0]) as { serial: string }[])[0].serial;
      expect(parseCertificate(await readFile(join(folder, 'cert.pem'), 'utf8')).serialHex.toLowerCase()).toBe(serial);
    });
  });
});
