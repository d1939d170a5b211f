import { isIPv6 } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

/** What os.networkInterfaces() answers; injected by tests so the check does not depend on the machine. */
export type NetworkInterfaceList = NodeJS.Dict<NetworkInterfaceInfo[]>;

/**
 * The addresses of this computer's network interfaces, in canonical form, or null when the OS
 * cannot list them (verify-config then skips the source address check instead of failing it).
 */
export function localAddresses(list: () => NetworkInterfaceList = networkInterfaces): string[] | null {
  try {
    return [...new Set(Object.values(list()).flatMap((infos) => (infos ?? []).map((info) => canonicalAddress(info.address))))];
  } catch {
    return null;
  }
}

/** One spelling per address ("2001:DB8:0::1" and "2001:db8::1" are the same), so typed and listed addresses compare. */
export function canonicalAddress(address: string): string {
  if (!isIPv6(address)) return address;
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return address.toLowerCase();
  }
}
