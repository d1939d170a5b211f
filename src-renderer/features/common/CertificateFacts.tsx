import type { CertificateDetails } from '../../../src-shared/ipc/index';

/** The decoded certificate as label/value pairs; the fingerprint is selectable for comparison. */
export function CertificateFacts({ details, compact = false }: { details: CertificateDetails; compact?: boolean }) {
  return (
    <dl className="facts">
      <dt>Subject</dt>
      <dd>{details.subject}</dd>
      <dt>Issuer</dt>
      <dd>{details.issuer}</dd>
      {!compact && (
        <>
          <dt>Serial number</dt>
          <dd>
            <code>{details.serialNumber}</code>
          </dd>
        </>
      )}
      <dt>Valid</dt>
      <dd>
        {new Date(details.notBefore).toLocaleString()} – {new Date(details.notAfter).toLocaleString()}
      </dd>
      <dt>Key</dt>
      <dd>
        {details.publicKey}, signed with {details.signatureAlgorithm}
      </dd>
      {!compact && details.subjectAltNames.length > 0 && (
        <>
          <dt>Alternative names</dt>
          <dd>{details.subjectAltNames.join(', ')}</dd>
        </>
      )}
      {!compact && (
        <>
          <dt>Key usage</dt>
          <dd>{details.keyUsage.join(', ') || '—'}</dd>
          <dt>Extended key usage</dt>
          <dd>{details.extendedKeyUsage.join(', ') || '—'}</dd>
        </>
      )}
      <dt>SHA-256 fingerprint</dt>
      <dd>
        <code className="fingerprint" data-testid="sha256-fingerprint">
          {details.sha256Fingerprint}
        </code>
      </dd>
      {!compact && (
        <>
          <dt>SHA-1 fingerprint</dt>
          <dd>
            <code className="fingerprint">{details.sha1Fingerprint}</code>
          </dd>
        </>
      )}
    </dl>
  );
}
