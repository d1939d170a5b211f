import { describe, expect, it } from 'vitest';
import { configHandlers } from '../../../src-main/app/handlers/config_handlers';
import { toPem } from '../../../src-main/pki';
import { createDispatcher, type CommandHandlers } from '../../../src-shared/ipc/dispatcher';
import { createIpcClient, type IpcClient } from '../../../src-shared/ipc/client';
import { IpcError, IpcValidationError } from '../../../src-shared/ipc/errors';
import { EventHub } from '../../../src-shared/ipc/event_hub';
import { createInProcessTransport } from '../../../src-shared/ipc/in_process';
import { buildTestChain, NOW } from '../pki/chain_fixtures';
import { certificateRecord, cmpProfile, cmpServer, serverGroup, tlsProfile } from '../store/objects';
import { useConfigContext } from './service_fixture';

const ctx = useConfigContext();
const secret = 'ipc-iak-never-returned-42';

/** The configuration handlers behind the real dispatcher and the in-process (JSON) transport. */
function client(): { client: IpcClient; dispatch: ReturnType<typeof createDispatcher> } {
  const dispatch = createDispatcher(configHandlers(() => ctx.context, () => NOW) as CommandHandlers);
  return { client: createIpcClient(createInProcessTransport(dispatch, new EventHub())), dispatch };
}

async function rejection(promise: Promise<unknown>): Promise<IpcError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IpcError);
  return error as IpcError;
}

async function populate(ipc: IpcClient) {
  const chain = await buildTestChain();
  const [{ anchor }] = await ipc.invoke('trustAnchors.import', { text: toPem(chain.root.der, 'CERTIFICATE') });
  const tls = await ipc.invoke('tlsProfiles.save', { value: tlsProfile([anchor.id]) });
  const server = await ipc.invoke('cmpServers.save', { value: cmpServer(tls.id, { responseTrustAnchorIds: [anchor.id] }) });
  const group = await ipc.invoke('serverGroups.save', { value: serverGroup([server.id]) });
  const profile = await ipc.invoke('cmpProfiles.save', { value: cmpProfile(group.id) });
  const record = await ipc.invoke('certificateRecords.save', { value: certificateRecord({ managedBy: 'cmp', cmpProfileId: profile.id }) });
  return { anchor, tls, server, group, profile, record };
}

describe('configuration over IPC', () => {
  it('rejects invalid payloads with IpcValidationError naming the field', async () => {
    const { dispatch } = client();
    const bad = await dispatch('cmpServers.save', { value: cmpServer(null, { messageTimeoutSeconds: 99, totalTimeoutSeconds: 10 }) });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation', field: 'value.messageTimeoutSeconds' } });
    const extra = await dispatch('globalConfig.get', { sneaky: 1 });
    expect(extra).toMatchObject({ ok: false, error: { code: 'validation', field: 'sneaky' } });
    const empty = await dispatch('cmpProfiles.setSecret', { cmpProfileId: '00000000-0000-4000-8000-000000000001', secret: '' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'validation', field: 'secret' } });
    const notUuid = await dispatch('cmpServers.get', { id: 'x' });
    expect(notUuid).toMatchObject({ ok: false, error: { code: 'validation', field: 'id' } });
  });

  it('carries a CMP server\'s "accept unprotected error answers" both ways and refuses a non-boolean at its field', async () => {
    const { client: ipc, dispatch } = client();
    const { server } = await populate(ipc);
    await ipc.invoke('cmpServers.save', { value: { ...server, acceptUnprotectedErrors: true } });
    expect((await ipc.invoke('cmpServers.get', { id: server.id })).acceptUnprotectedErrors).toBe(true);
    const bad = await dispatch('cmpServers.save', { value: { ...server, acceptUnprotectedErrors: 'yes' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation', field: 'value.acceptUnprotectedErrors' } });
  });

  it('reports rules checked on entry as IpcValidationError with the field, and typed refusals with their message', async () => {
    const { client: ipc } = client();
    const { server, group } = await populate(ipc);
    const missing = '00000000-0000-4000-8000-0000000000cc';
    const reference = await rejection(ipc.invoke('serverGroups.save', { value: serverGroup([missing]) }));
    expect(reference).toBeInstanceOf(IpcValidationError);
    expect(reference.field).toBe('serverIds.0');
    const inUse = await rejection(ipc.invoke('cmpServers.delete', { id: server.id }));
    expect(inUse.code).toBe('handler-failed');
    expect(inUse.message).toContain(`server group "${group.name}"`);
    const garbage = await rejection(ipc.invoke('trustAnchors.import', { base64: Buffer.from('not a certificate at all').toString('base64') }));
    expect(garbage.message).toMatch(/trust anchor|certificate/i);
  });

  it('stores the IAK but never returns it, from any configuration command', async () => {
    const { client: ipc } = client();
    const { profile } = await populate(ipc);
    const responses: unknown[] = [await ipc.invoke('cmpProfiles.setSecret', { cmpProfileId: profile.id, secret })];
    expect(responses[0]).toEqual({ isSet: true, setAt: NOW.toISOString() });
    expect([...ctx.keychain.entries.values()].some((v) => v.toString() === secret)).toBe(true);
    responses.push(
      await ipc.invoke('cmpProfiles.secretStatus', { cmpProfileId: profile.id }),
      await ipc.invoke('cmpProfiles.list', {}),
      await ipc.invoke('cmpProfiles.get', { id: profile.id }),
      await ipc.invoke('verifyConfig.run', {}),
      await ipc.invoke('config.export', {}),
    );
    const wire = JSON.stringify(responses);
    expect(wire).not.toContain(secret);
    expect(wire).not.toContain(Buffer.from(secret).toString('base64'));
    expect(wire).not.toContain(Buffer.from(secret).toString('hex'));
    expect((await ipc.invoke('cmpProfiles.clearSecret', { cmpProfileId: profile.id })).isSet).toBe(false);
  });

  it('runs verify-config, exports and re-imports the configuration', async () => {
    const { client: ipc } = client();
    const { profile } = await populate(ipc);
    const report = await ipc.invoke('verifyConfig.run', {});
    expect(report.findings.find((f) => f.check === 'iak-missing')?.object.id).toBe(profile.id);
    const document = await ipc.invoke('config.export', {});
    const imported = await ipc.invoke('config.import', { document });
    expect(imported.created).toBe(0);
    expect(imported.secretsNeeded.map((s) => s.cmpProfileId)).toEqual([profile.id]);
    const invalid = await rejection(ipc.invoke('config.import', { document: { ...document, version: 7 } as never }));
    expect(invalid).toBeInstanceOf(IpcValidationError);
  });
});
