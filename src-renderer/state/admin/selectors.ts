import type { AppState } from '../store';

export const selectConfiguration = (s: AppState) => ({
  trustAnchors: s.trustAnchors,
  tlsProfiles: s.tlsProfiles,
  cmpServers: s.cmpServers,
  serverGroups: s.serverGroups,
  cmpProfiles: s.cmpProfiles,
});
export const selectTrustAnchors = (s: AppState) => s.trustAnchors;
export const selectGlobalConfig = (s: AppState) => s.globalConfig;
export const selectVerifyReport = (s: AppState) => s.verifyReport;
export const selectAdminMessages = (s: AppState) => ({ error: s.adminError, message: s.adminMessage });
export const selectTrustInspection = (s: AppState) => s.trustInspection;
