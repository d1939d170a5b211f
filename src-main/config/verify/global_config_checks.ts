import type { Finding } from '../../../src-shared/ipc/config_verify';
import type { ConfigSnapshot } from '../config_snapshot';
import { finding } from './finding';

/** Global settings: a KUR window of zero length means renewals are batched forever. */
export function globalConfigFindings(snapshot: ConfigSnapshot): Finding[] {
  const config = snapshot.globalConfig;
  const target = { kind: 'global-config' as const, id: null, name: 'cmp-global-config' };
  if (config.kurWindowStart !== config.kurWindowEnd) return [];
  return [
    finding('error', 'kur-window-empty', target, `The KUR window starts and ends at ${config.kurWindowStart}; it has zero length, so no KUR is ever started and renewed certificates are never put into use`, 'Set a KUR window end time different from its start time'),
  ];
}
