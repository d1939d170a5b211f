import { lookup } from 'node:dns/promises';
import type { HostResolution } from './finding';

/** How long one name may take to resolve before verify-config reports it unresolvable. */
export const defaultLookupTimeoutMs = 2000;

/**
 * Resolves a host name the way connections will (the OS resolver via dns.lookup), bounded by a
 * short timeout: reference/000's "hostname without DNS" check, on a desktop where DNS is the OS's.
 */
export async function resolveHost(host: string, timeoutMs = defaultLookupTimeoutMs): Promise<HostResolution> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HostResolution>((resolve) => {
    timer = setTimeout(() => resolve({ resolvable: false, reason: `no answer within ${timeoutMs} ms` }), timeoutMs);
    timer.unref();
  });
  const answer = lookup(host).then(
    (): HostResolution => ({ resolvable: true }),
    (error: NodeJS.ErrnoException): HostResolution => ({ resolvable: false, reason: error.code ?? error.message }),
  );
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
