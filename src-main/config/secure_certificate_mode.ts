import { isIP } from 'node:net';
import type { CertificateRecord, CmpServer } from '../../src-shared/domain';

/** One violation, with the field path the administrator must change. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * secure-certificate-mode (reference/000): a certificate record must not carry an IP address in
 * its common name or subjectAltNames.
 */
export function secureModeRecordProblems(record: CertificateRecord): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const cn = record.subject.commonName;
  if (cn !== undefined && isIP(cn) !== 0) {
    problems.push({ field: 'subject.commonName', message: `is the IP address ${cn}; secure certificate mode allows only host names` });
  }
  record.subjectAltNames.forEach((san, index) => {
    if (san.type === 'ip') problems.push({ field: `subjectAltNames.${index}.value`, message: `is the IP address ${san.value}; secure certificate mode forbids IP subjectAltNames` });
  });
  return problems;
}

/**
 * secure-certificate-mode for the server address. reference/000 forbids IP addresses for media
 * interfaces and IPv6 for management ones; the desktop's CMP traffic has no interface kinds, so
 * we apply the stricter rule: the URL must name a host, never an IPv4 or IPv6 address.
 */
export function secureModeServerProblems(server: CmpServer): FieldProblem[] {
  const host = urlHost(server.url);
  if (host === null || isIP(host) === 0) return [];
  return [{ field: 'url', message: `names the IP address ${host}; secure certificate mode requires a host name` }];
}

/** The URL's host without IPv6 brackets, or null for a URL that does not parse. */
export function urlHost(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  } catch {
    return null;
  }
}
