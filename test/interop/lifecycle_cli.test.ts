import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/app/cli/cli';
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

  async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['--data-dir', dir, ...args], { output: { out: (l) => out.push(l), err: (l) => err.push(l) }, env: {} });
    return { code, out, err };
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
});
