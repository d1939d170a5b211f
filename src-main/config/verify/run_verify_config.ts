import type { VerifyConfigReport } from '../../../src-shared/ipc/config_verify';
import type { InitialAuthenticationKeys } from '../../secrets';
import type { ConfigContext } from '../config_context';
import { readConfigSnapshot } from '../config_snapshot';
import { gatherEnvironmentFacts, type FactSources } from './environment_facts';
import { verifyConfig } from './verify_config';

/**
 * verify-config against a data folder: the snapshot, the keychain and DNS facts, then the pure
 * checks. A keychain that cannot be opened makes IAK presence "unknown" instead of failing the run.
 */
export async function runVerifyConfig(context: ConfigContext, options: { now?: Date; resolveHost?: FactSources['resolveHost']; networkInterfaces?: FactSources['networkInterfaces'] } = {}): Promise<VerifyConfigReport> {
  const snapshot = readConfigSnapshot(context.store);
  const keys = await context.initialAuthenticationKeys().catch((): InitialAuthenticationKeys | null => null);
  const facts = await gatherEnvironmentFacts(snapshot, { initialAuthenticationKeys: keys, resolveHost: options.resolveHost, networkInterfaces: options.networkInterfaces });
  return verifyConfig(snapshot, facts, options.now ?? new Date());
}
