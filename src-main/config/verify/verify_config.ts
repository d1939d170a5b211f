import type { Finding, VerifyConfigReport } from '../../../src-shared/ipc/config_verify';
import type { ConfigSnapshot } from '../config_snapshot';
import { certificateRecordFindings } from './certificate_record_checks';
import { cmpProfileFindings } from './cmp_profile_checks';
import { cmpServerFindings } from './cmp_server_checks';
import type { EnvironmentFacts } from './finding';
import { globalConfigFindings } from './global_config_checks';
import { serverGroupFindings } from './server_group_checks';
import { tlsProfileFindings } from './tls_profile_checks';
import { trustAnchorFindings } from './trust_anchor_checks';

const order = { error: 0, warning: 1, info: 2 } as const;

/**
 * verify-config: reference/000's checks mapped to our objects, plus ours. Pure: the snapshot and
 * the environment facts in, the findings out (errors first, in configuration-chain order).
 */
export function verifyConfig(snapshot: ConfigSnapshot, facts: EnvironmentFacts, now: Date): VerifyConfigReport {
  const findings: Finding[] = [
    ...globalConfigFindings(snapshot),
    ...trustAnchorFindings(snapshot, now),
    ...tlsProfileFindings(snapshot),
    ...cmpServerFindings(snapshot, facts),
    ...serverGroupFindings(snapshot),
    ...cmpProfileFindings(snapshot, facts),
    ...certificateRecordFindings(snapshot),
  ];
  const sorted = findings.map((f, i) => ({ f, i })).sort((a, b) => order[a.f.severity] - order[b.f.severity] || a.i - b.i).map(({ f }) => f);
  const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
  return { checkedAt: now.toISOString(), findings: sorted, counts: { error: count('error'), warning: count('warning'), info: count('info') } };
}
