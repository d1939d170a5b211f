import { isIP } from 'node:net';
import type { Finding } from '../../../src-shared/ipc/config_verify';
import type { ConfigSnapshot } from '../config_snapshot';
import { secureModeServerProblems, urlHost } from '../secure_certificate_mode';
import { about, finding, type EnvironmentFacts } from './finding';
import { sourceAddressFindings } from './source_address_checks';

/** CMP server checks: TLS and response protection (unprotected errors accepted), timeouts, the address (DNS, secure certificate mode), the source address. */
export function cmpServerFindings(snapshot: ConfigSnapshot, facts: EnvironmentFacts): Finding[] {
  return snapshot.cmpServers.flatMap((server) => {
    const target = about('cmp-server', server);
    const findings: Finding[] = [];
    const https = server.url.startsWith('https:');
    if (server.tlsProfileId === null) {
      findings.push(
        https
          ? finding('error', 'cmp-server-no-tls-profile', target, 'The server is reached over HTTPS but has no TLS profile; the connection cannot be verified', 'Choose a TLS profile that trusts the CA of the server\'s HTTPS certificate')
          : finding('warning', 'cmp-server-plain-http', target, 'The server is reached over plain HTTP; only CMP message protection secures the exchange', 'Use an https:// URL and a TLS profile'),
      );
    } else if (!snapshot.tlsProfiles.some((p) => p.id === server.tlsProfileId)) {
      findings.push(finding('error', 'cmp-server-unknown-tls-profile', target, `TLS profile ${server.tlsProfileId} does not exist`, 'Choose an existing TLS profile'));
    }
    if (server.responseTrustAnchorIds.length === 0) {
      findings.push(finding('error', 'cmp-server-no-response-trust', target, 'No server certificate is set; CMP responses from this server cannot be authenticated', 'Add the trust anchor (certifying CA) that verifies the server\'s CMP response protection'));
    }
    server.responseTrustAnchorIds.forEach((id) => {
      if (!snapshot.trustAnchors.some((a) => a.id === id)) findings.push(finding('error', 'cmp-server-unknown-trust-anchor', target, `Server certificate trust anchor ${id} does not exist`, 'Remove it or import the trust anchor again'));
    });
    if (server.acceptUnprotectedErrors) {
      findings.push(
        finding(
          'warning',
          'cmp-server-accepts-unprotected-errors',
          target,
          'Unprotected error answers from this server are accepted: a failure it reports is shown without being authenticated, so anyone on the path could make requests fail (certificates are still only accepted with valid protection)',
          'Turn "Accept unprotected error answers" off once the CA protects its error messages',
        ),
      );
    }
    if (server.messageTimeoutSeconds > server.totalTimeoutSeconds) {
      findings.push(finding('error', 'cmp-server-timeouts', target, `The message timeout (${server.messageTimeoutSeconds} s) is longer than the total timeout (${server.totalTimeoutSeconds} s)`, 'Make the message timeout less than or equal to the total timeout'));
    }
    const host = urlHost(server.url);
    const resolution = host === null || isIP(host) !== 0 ? undefined : facts.hostResolution.get(host);
    if (resolution !== undefined && !resolution.resolvable) {
      findings.push(finding('warning', 'cmp-server-host-unresolvable', target, `The host name ${host} cannot be resolved (${resolution.reason})`, 'Check the host name in the URL and this computer\'s DNS settings'));
    }
    findings.push(...sourceAddressFindings(server, facts));
    if (snapshot.globalConfig.secureCertificateMode) {
      for (const problem of secureModeServerProblems(server)) {
        findings.push(finding('error', 'secure-mode-server-address', target, `The URL ${problem.message}`, 'Use the server\'s host name in the URL, or turn secure certificate mode off'));
      }
    }
    if (!snapshot.serverGroups.some((g) => g.serverIds.includes(server.id))) {
      findings.push(finding('info', 'cmp-server-unused', target, 'No server group lists this server', 'Add it to a server group or delete it'));
    }
    return findings;
  });
}
