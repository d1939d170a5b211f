import net from 'node:net';
import tls from 'node:tls';
import type { KeyObject } from 'node:crypto';

/** How we authenticate a CMP server over HTTPS (the TlsProfile, resolved to PEM and keys). */
export interface TlsSettings {
  /** PEM certificates of the CAs that may issue the server's TLS certificate. */
  trustedCaPem: readonly string[];
  /** Also trust the CAs bundled with Node (the public web PKI). Off unless the administrator chose it. */
  useSystemStore?: boolean;
  /** Name to check the server certificate against instead of the URL's host (like `openssl cmp -tls_host`); also sent as SNI. */
  tlsHost?: string;
  /** Client certificate (PEM, optionally followed by its chain) for mutual authentication. */
  clientCertPem?: string;
  /** Private key matching clientCertPem. */
  clientKey?: KeyObject;
  /** Lowest TLS version we accept; TLSv1.2 unless the profile says TLSv1.3. */
  minVersion?: 'TLSv1.2' | 'TLSv1.3';
}

/**
 * Node TLS options for the given settings. Verification is always on: there is deliberately no way to switch
 * it off, and without trusted CAs (and without the system store) no server can be trusted at all.
 */
export function tlsConnectionOptions(settings: TlsSettings): tls.ConnectionOptions {
  if ((settings.clientCertPem === undefined) !== (settings.clientKey === undefined)) {
    throw new RangeError('TLS client authentication needs both a client certificate and its private key');
  }
  const ca = settings.useSystemStore ? [...tls.rootCertificates, ...settings.trustedCaPem] : [...settings.trustedCaPem];
  const options: tls.ConnectionOptions = {
    ca,
    rejectUnauthorized: true,
    minVersion: settings.minVersion ?? 'TLSv1.2',
  };
  if (settings.clientCertPem !== undefined && settings.clientKey !== undefined) {
    options.cert = settings.clientCertPem;
    options.key = settings.clientKey.export({ type: 'pkcs8', format: 'pem' });
  }
  const tlsHost = settings.tlsHost;
  if (tlsHost !== undefined) {
    // SNI carries DNS names only; an IP address override is checked but not sent.
    if (net.isIP(tlsHost) === 0) options.servername = tlsHost;
    options.checkServerIdentity = (_host, cert) => tls.checkServerIdentity(tlsHost, cert);
  }
  return options;
}
