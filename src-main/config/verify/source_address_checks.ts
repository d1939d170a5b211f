import { isIP } from 'node:net';
import type { CmpServer } from '../../../src-shared/domain';
import type { Finding } from '../../../src-shared/ipc/config_verify';
import { urlHost } from '../secure_certificate_mode';
import { about, finding, type EnvironmentFacts } from './finding';
import { canonicalAddress } from './local_addresses';

/** More than this many local addresses in one sentence is noise; the fix names the first ones. */
const SHOWN_ADDRESSES = 8;

/**
 * reference/000: "A cmp-client-address does not fall within the configured realm-id or the
 * network-interface associated with that realm." Our realm's interface is one of this computer's
 * network interfaces: a source address none of them has cannot be sent from. A source address of
 * the other IP version than the server's literal address cannot reach it either.
 */
export function sourceAddressFindings(server: CmpServer, facts: EnvironmentFacts): Finding[] {
  const address = server.sourceAddress;
  if (address === null) return [];
  const target = about('cmp-server', server);
  const findings: Finding[] = [];
  const local = facts.localAddresses;
  if (local !== null && !local.includes(canonicalAddress(address))) {
    const shown = local.slice(0, SHOWN_ADDRESSES).join(', ') + (local.length > SHOWN_ADDRESSES ? ', …' : '');
    findings.push(
      finding(
        'error',
        'cmp-server-source-address-not-local',
        target,
        `The source address ${address} is not an address of any network interface of this computer, so no connection to the server can be sent from it`,
        local.length === 0
          ? 'Clear the source address to let the system choose, or configure the address on a network interface of this computer'
          : `Choose one of this computer's addresses (${shown}) as the source address, clear it to let the system choose, or configure ${address} on a network interface`,
      ),
    );
  }
  const host = urlHost(server.url);
  const serverVersion = host === null ? 0 : isIP(host);
  const sourceVersion = isIP(address);
  if (serverVersion !== 0 && sourceVersion !== serverVersion) {
    findings.push(
      finding(
        'warning',
        'cmp-server-source-address-ip-version',
        target,
        `The source address ${address} is IPv${sourceVersion} but the URL names the IPv${serverVersion} address ${host}; a connection from one to the other is not possible`,
        `Choose an IPv${serverVersion} source address, or put a host name or an IPv${sourceVersion} address of the server in the URL`,
      ),
    );
  }
  return findings;
}
