import type { AuditObjectKind } from '../../../src-shared/domain';
import type { Finding, FindingSeverity } from '../../../src-shared/ipc/config_verify';

/** Whether a CMP profile's IAK is in the keychain; unknown when the keychain could not be asked. */
export type SecretPresence = 'present' | 'missing' | 'unknown';

/** Whether a server's host name resolved, and if not, why. */
export type HostResolution = { resolvable: true } | { resolvable: false; reason: string };

/**
 * Facts from outside the database that some checks need. Gathered by environment_facts.ts; tests
 * pass them in directly so every check stays pure.
 */
export interface EnvironmentFacts {
  /** By CMP profile id; profiles without an entry count as unknown. */
  initialAuthenticationKeys: ReadonlyMap<string, SecretPresence>;
  /** By host name (IP literals are never looked up); hosts without an entry are not reported. */
  hostResolution: ReadonlyMap<string, HostResolution>;
  /**
   * The addresses of this computer's network interfaces (canonical form, see local_addresses.ts),
   * for the source address check; null when unknown, which skips that check.
   */
  localAddresses: readonly string[] | null;
}

export const noEnvironmentFacts: EnvironmentFacts = { initialAuthenticationKeys: new Map(), hostResolution: new Map(), localAddresses: null };

/** Builds one finding for an object. */
export function finding(severity: FindingSeverity, check: string, object: { kind: AuditObjectKind; id: string | null; name: string }, problem: string, fix: string): Finding {
  return { severity, check, object: { kind: object.kind, id: object.id, name: object.name }, problem, fix };
}

/** The object reference of a configuration object for a finding. */
export function about(kind: AuditObjectKind, value: { id: string; name: string }): { kind: AuditObjectKind; id: string; name: string } {
  return { kind, id: value.id, name: value.name };
}
