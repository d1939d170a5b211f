import net from 'node:net';

/** An HTTP proxy (like `openssl cmp -proxy` / `-no_proxy`). Only http:// proxies are supported. */
export interface ProxyConfig {
  /** e.g. 'http://proxy.example:3128' or 'http://user:pass@proxy.example:3128' */
  url: string;
  /** Hosts reached directly: exact names or IPs, domain suffixes ('.example.com' or 'example.com'), 'host:port', or '*'. */
  noProxy?: readonly string[];
}

/** Splits a no_proxy value ('a.example, .corp ,10.0.0.1') into entries. */
export function parseNoProxy(value: string): string[] {
  return value.split(/[\s,]+/).filter((entry) => entry !== '');
}

/** Whether a host (and port) is listed in no_proxy and must be reached without the proxy. */
export function bypassesProxy(host: string, port: number, noProxy: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  return noProxy.some((raw) => {
    let entry = raw.trim().toLowerCase();
    if (entry === '*') return true;
    const portMatch = /^(.*[^:]):(\d+)$/.exec(entry);
    if (portMatch && !net.isIPv6(entry)) {
      if (Number(portMatch[2]) !== port) return false;
      entry = portMatch[1];
    }
    entry = entry.replace(/^\[|\]$/g, '');
    if (net.isIP(entry) !== 0) return entry === name;
    const domain = entry.replace(/^\*?\./, '');
    return name === domain || name.endsWith(`.${domain}`);
  });
}

/** The parsed proxy URL with the header that authenticates us to it, if it carries credentials. */
export interface ResolvedProxy {
  url: URL;
  host: string;
  port: number;
  authorization?: string;
}

export function resolveProxy(config: ProxyConfig): ResolvedProxy {
  const url = new URL(config.url);
  if (url.protocol !== 'http:') {
    throw new RangeError(`Proxy ${config.url}: only http:// proxies are supported`);
  }
  const credentials = url.username === '' ? undefined : `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return {
    url,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? 80 : Number(url.port),
    authorization: credentials === undefined ? undefined : `Basic ${Buffer.from(credentials).toString('base64')}`,
  };
}
