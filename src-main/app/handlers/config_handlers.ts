import type { CommandHandlers } from '../../../src-shared/ipc/dispatcher';
import type { configCommands } from '../../../src-shared/ipc/config';
import { exportConfigDocument, importConfigDocument, readConfigSnapshot, runVerifyConfig, type ConfigContext, type EditableKind } from '../../config';
import { withConfigErrors } from './config_ipc_errors';

export type ConfigCommandName = keyof typeof configCommands;
export type ConfigHandlers = Pick<CommandHandlers, ConfigCommandName>;

/**
 * The configuration commands over the data folder's ConfigContext (opened on first use by the
 * caller). Responses are the stored objects and statuses; the IAK only ever flows inwards.
 */
export function configHandlers(config: () => ConfigContext, now: () => Date = () => new Date()): ConfigHandlers {
  const service = () => config().service;
  const crud = <K extends EditableKind>(kind: K) => ({
    list: () => service().list(kind),
    get: ({ id }: { id: string }) => service().get(kind, id),
    delete: async ({ id }: { id: string }) => (await service().delete(kind, id), { deleted: true as const }),
  });
  const tls = crud('tls-profile');
  const servers = crud('cmp-server');
  const groups = crud('server-group');
  const profiles = crud('cmp-profile');
  const records = crud('certificate-record');
  return withConfigErrors<ConfigHandlers>({
    'globalConfig.get': () => service().globalConfig(),
    'globalConfig.save': ({ value }) => service().saveGlobalConfig(value),
    'trustAnchors.list': () => service().listTrustAnchors(),
    'trustAnchors.get': ({ id }) => service().getTrustAnchor(id),
    'trustAnchors.import': (request) => service().importTrustAnchors('text' in request ? request.text : Buffer.from(request.base64, 'base64'), request.name),
    'trustAnchors.rename': ({ id, name }) => service().renameTrustAnchor(id, name),
    'trustAnchors.delete': ({ id }) => (service().deleteTrustAnchor(id), { deleted: true as const }),
    'tlsProfiles.list': tls.list,
    'tlsProfiles.get': tls.get,
    'tlsProfiles.save': ({ value }) => service().save('tls-profile', value),
    'tlsProfiles.delete': tls.delete,
    'cmpServers.list': servers.list,
    'cmpServers.get': servers.get,
    'cmpServers.save': ({ value }) => service().save('cmp-server', value),
    'cmpServers.delete': servers.delete,
    'serverGroups.list': groups.list,
    'serverGroups.get': groups.get,
    'serverGroups.save': ({ value }) => service().save('server-group', value),
    'serverGroups.delete': groups.delete,
    'cmpProfiles.list': profiles.list,
    'cmpProfiles.get': profiles.get,
    'cmpProfiles.save': ({ value }) => service().save('cmp-profile', value),
    'cmpProfiles.delete': profiles.delete,
    'cmpProfiles.setSecret': ({ cmpProfileId, secret }) => {
      const bytes = Buffer.from(secret, 'utf8');
      return service()
        .setInitialAuthenticationKey(cmpProfileId, bytes)
        .finally(() => bytes.fill(0));
    },
    'cmpProfiles.clearSecret': ({ cmpProfileId }) => service().clearInitialAuthenticationKey(cmpProfileId),
    'cmpProfiles.secretStatus': ({ cmpProfileId }) => service().initialAuthenticationKeyStatus(cmpProfileId),
    'certificateRecords.list': records.list,
    'certificateRecords.get': records.get,
    'certificateRecords.save': ({ value }) => service().save('certificate-record', value),
    'certificateRecords.delete': records.delete,
    'verifyConfig.run': () => runVerifyConfig(config(), { now: now() }),
    'config.export': () => exportConfigDocument(readConfigSnapshot(config().store), now()),
    'config.import': async ({ document }) => {
      const context = config();
      const keys = await context.initialAuthenticationKeys().catch(() => null);
      return importConfigDocument(context.store, document, keys);
    },
  });
}

/** Opens the data folder's ConfigContext on first use and closes it with the app. */
export function lazyConfigContext(open: () => ConfigContext): { get: () => ConfigContext; close: () => void } {
  let context: ConfigContext | undefined;
  return {
    get: () => (context ??= open()),
    close: () => {
      context?.close();
      context = undefined;
    },
  };
}
