import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RecordSummary } from '../../src-shared/ipc/index';
import { useAppSession } from './app_session';

const app = useAppSession();

const record: RecordSummary = {
  id: randomUUID(),
  name: 'web-frontend',
  purpose: 'management',
  commonName: 'web.example.test',
  status: 'manual',
  statusDetail: 'Managed manually',
  managedBy: 'manual',
  serialNumber: '01',
  notBefore: '2025-01-01T00:00:00.000Z',
  notAfter: '2035-01-01T00:00:00.000Z',
  renewAt: null,
  profileName: null,
  serverName: null,
  openTransaction: null,
  lastError: null,
};

describe('a failed reload keeps the section on screen', () => {
  it('the dashboard keeps its records table and shows why the reload failed', async () => {
    // Between the page and the web host: the first records.list is answered with one record, every
    // later one fails, and main's records.changed is stood in for by a pushed event.
    let push: (message: string) => void = () => undefined;
    let listAnswers = 0;
    await app.context.routeWebSocket(/\/ipc$/, (ws) => {
      const server = ws.connectToServer();
      push = (message) => ws.send(message);
      ws.onMessage((message) => {
        const request = JSON.parse(String(message)) as { id: number; command: string };
        if (request.command !== 'records.list') return server.send(message);
        const outcome = listAnswers++ === 0 ? { ok: true, result: { records: [record], generatedAt: new Date().toISOString() } } : { ok: false, error: { code: 'timeout', message: 'cmp-desk did not answer in time' } };
        ws.send(JSON.stringify({ kind: 'response', id: request.id, outcome }));
      });
      server.onMessage((message) => ws.send(message));
    });
    const page = await app.openApp();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Dashboard', exact: true }).click();
    const table = page.getByTestId('records-table');
    await table.getByText('web-frontend').waitFor();
    const search = await page.getByTestId('records-search').elementHandle();

    push(JSON.stringify({ kind: 'event', event: 'records.changed', payload: { recordIds: [record.id] } }));
    await page.getByRole('alert').getByText('The records could not be reloaded: cmp-desk did not answer in time').waitFor();
    expect(await table.getByText('web-frontend').count()).toBe(1);
    // The same search box as before the failed reload: nothing was remounted under the pointer.
    expect(await search?.evaluate((element) => element.isConnected)).toBe(true);
    await page.close();
  });
});
