import type { CmpProfile, CmpServer, GlobalConfig, ServerGroup, TlsProfile, TrustAnchor } from '../../../src-shared/domain';
import type { CaInspection } from '../../../src-shared/ipc/index';
import type { VerifyConfigReport } from '../../../src-shared/ipc/config_verify';
import { IpcError } from '../../../src-shared/ipc/index';
import type { SaveRefusal } from '../../features/config/form_problems';
import { errorText, ipc } from '../client';
import type { SliceCreator } from '../slice';

export type EditableKind = 'serverGroups' | 'cmpProfiles' | 'tlsProfiles';
type EditableObject = ServerGroup | CmpProfile | TlsProfile;

const kindNames: Record<EditableKind, string> = { serverGroups: 'Server group', cmpProfiles: 'CMP profile', tlsProfiles: 'TLS profile' };

/** Where main refused a save: a validation error names the field (under the request's "value"). */
function refusal(error: unknown): SaveRefusal {
  const named = error instanceof IpcError && error.field !== undefined ? error.field.replace(/^value\.?/, '') : '';
  const field = named.startsWith('(') ? '' : named;
  return { field, message: errorText(error) };
}

/** The configuration as the Servers & profiles, Trust and Settings screens show it. */
export interface AdminSlice {
  trustAnchors: TrustAnchor[];
  tlsProfiles: TlsProfile[];
  cmpServers: CmpServer[];
  serverGroups: ServerGroup[];
  cmpProfiles: CmpProfile[];
  globalConfig?: GlobalConfig;
  verifyReport?: VerifyConfigReport;
  adminError?: string;
  adminMessage?: string;
  trustInspection?: CaInspection;
  loadConfiguration(): Promise<void>;
  runVerifyConfig(): Promise<void>;
  inspectCa(file: { text: string } | { base64: string }): Promise<CaInspection | undefined>;
  importTrustAnchor(pem: string, name: string): Promise<void>;
  deleteConfigObject(kind: 'trustAnchors' | 'tlsProfiles' | 'cmpServers' | 'serverGroups' | 'cmpProfiles', id: string): Promise<void>;
  saveCmpServer(server: CmpServer): Promise<string | undefined>;
  /** Saves a server group, CMP profile or TLS profile; answers where main refused it, if it did. */
  saveConfigObject(kind: EditableKind, value: EditableObject): Promise<SaveRefusal | undefined>;
  /** Stores a CMP profile's IAK in the keychain (renderer -> main only; nothing comes back but "set"). */
  setProfileSecret(cmpProfileId: string, secret: string): Promise<SaveRefusal | undefined>;
  saveGlobalConfig(value: GlobalConfig): Promise<string | undefined>;
  exportConfiguration(): Promise<void>;
  importConfiguration(text: string): Promise<void>;
}

export const createAdminSlice: SliceCreator<AdminSlice> = (set, get) => ({
  trustAnchors: [],
  tlsProfiles: [],
  cmpServers: [],
  serverGroups: [],
  cmpProfiles: [],
  async loadConfiguration() {
    try {
      const client = ipc();
      const [trustAnchors, tlsProfiles, cmpServers, serverGroups, cmpProfiles, globalConfig] = await Promise.all([
        client.invoke('trustAnchors.list', {}),
        client.invoke('tlsProfiles.list', {}),
        client.invoke('cmpServers.list', {}),
        client.invoke('serverGroups.list', {}),
        client.invoke('cmpProfiles.list', {}),
        client.invoke('globalConfig.get', {}),
      ]);
      set({ trustAnchors, tlsProfiles, cmpServers, serverGroups, cmpProfiles, globalConfig, adminError: undefined });
    } catch (error) {
      set({ adminError: errorText(error) });
    }
  },
  async runVerifyConfig() {
    try {
      set({ verifyReport: await ipc().invoke('verifyConfig.run', {}) });
    } catch (error) {
      set({ adminError: errorText(error) });
    }
  },
  async inspectCa(file) {
    try {
      const inspection = await ipc().invoke('certificates.inspectCa', { file });
      set({ trustInspection: inspection });
      return inspection;
    } catch (error) {
      const inspection = { certificates: [], error: errorText(error) };
      set({ trustInspection: inspection });
      return inspection;
    }
  },
  async importTrustAnchor(pem, name) {
    try {
      await ipc().invoke('trustAnchors.import', { text: pem, name: name || undefined });
      set({ adminMessage: 'Trust anchor imported', trustInspection: undefined });
      await get().loadConfiguration();
    } catch (error) {
      set({ adminError: errorText(error) });
    }
  },
  async deleteConfigObject(kind, id) {
    try {
      await ipc().invoke(`${kind}.delete` as 'cmpServers.delete', { id });
      set({ adminMessage: 'Deleted', adminError: undefined });
      await get().loadConfiguration();
    } catch (error) {
      set({ adminError: errorText(error) });
    }
  },
  async saveCmpServer(server) {
    try {
      await ipc().invoke('cmpServers.save', { value: server });
      set({ adminMessage: `CMP server "${server.name}" saved`, adminError: undefined });
      await get().loadConfiguration();
      await get().runVerifyConfig();
      return undefined;
    } catch (error) {
      return errorText(error);
    }
  },
  async saveConfigObject(kind, value) {
    try {
      await ipc().invoke(`${kind}.save` as 'serverGroups.save', { value: value as ServerGroup });
      set({ adminMessage: `${kindNames[kind]} "${value.name}" saved`, adminError: undefined });
      await get().loadConfiguration();
      await get().runVerifyConfig();
      return undefined;
    } catch (error) {
      return refusal(error);
    }
  },
  async setProfileSecret(cmpProfileId, secret) {
    try {
      await ipc().invoke('cmpProfiles.setSecret', { cmpProfileId, secret });
      set({ adminMessage: 'The shared secret is stored in the keychain', adminError: undefined });
      await get().runVerifyConfig();
      return undefined;
    } catch (error) {
      return { ...refusal(error), field: 'secret' };
    }
  },
  async saveGlobalConfig(value) {
    try {
      const globalConfig = await ipc().invoke('globalConfig.save', { value });
      set({ globalConfig, adminMessage: 'Settings saved', adminError: undefined });
      return undefined;
    } catch (error) {
      return errorText(error);
    }
  },
  async exportConfiguration() {
    try {
      const document = await ipc().invoke('config.export', {});
      const url = URL.createObjectURL(new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' }));
      const link = Object.assign(window.document.createElement('a'), { href: url, download: 'cmp-desk-config.json' });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      set({ adminMessage: `Configuration exported (${document.secretsNeeded.length} secret(s) must be entered again after an import)` });
    } catch (error) {
      set({ adminError: errorText(error) });
    }
  },
  async importConfiguration(text) {
    try {
      const report = await ipc().invoke('config.import', { document: JSON.parse(text) });
      set({ adminMessage: `Imported: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged${report.secretsNeeded.length ? `; enter the secret of ${report.secretsNeeded.map((s) => s.cmpProfileName).join(', ')}` : ''}`, adminError: undefined });
      await get().loadConfiguration();
      await get().loadRecords();
    } catch (error) {
      set({ adminError: error instanceof SyntaxError ? 'The file is not JSON; choose a cmp-desk configuration export' : errorText(error) });
    }
  },
});
