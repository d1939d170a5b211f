import { tlsProfileSchema, type TlsProfile } from '../../../src-shared/domain';
import { useAppStore } from '../../state/store';
import { Field, TextField } from '../common/Field';
import { CheckField, FormButtons } from './FormButtons';
import { useConfigForm } from './use_config_form';

/** A TLS profile: which trust anchors may sign the HTTPS server's certificate, mutual authentication, minimum version, host name check. */
export function TlsProfileForm({ profile, onDone }: { profile: TlsProfile; onDone: () => void }) {
  const anchors = useAppStore((s) => s.trustAnchors);
  const records = useAppStore((s) => s.records);
  const { draft, change, problems, save, saving } = useConfigForm('tlsProfiles', tlsProfileSchema, profile, onDone);
  const toggleCa = (id: string) => change({ trustedCaIds: draft.trustedCaIds.includes(id) ? draft.trustedCaIds.filter((x) => x !== id) : [...draft.trustedCaIds, id] });
  return (
    <form className="inline-dialog config-form" aria-label="TLS profile" data-testid="tls-profile-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <TextField label="Name" value={draft.name} onChange={(value) => change({ name: value })} problem={problems.name} testId="tls-name" />
      <fieldset className={problems.trustedCaIds ? 'field-invalid' : undefined}>
        <legend>Trusted CA certificates (from Trust)</legend>
        {anchors.length === 0 && <p className="muted">No trust anchors yet: import the CA that signs the server's certificate under Trust.</p>}
        {anchors.map((a) => <CheckField key={a.id} label={`${a.name} (${a.sha256Fingerprint.slice(0, 16)}…)`} checked={draft.trustedCaIds.includes(a.id)} onChange={() => toggleCa(a.id)} />)}
        {problems.trustedCaIds && <div className="field-problem" role="alert">{problems.trustedCaIds}</div>}
      </fieldset>
      <CheckField label="Mutual authentication: present a client certificate" checked={draft.mutualAuthentication} onChange={(on) => change({ mutualAuthentication: on, clientCertificateRecordId: on ? draft.clientCertificateRecordId : null })} testId="tls-mutual" />
      {draft.mutualAuthentication && (
        <Field label="Client certificate (certificate record)" problem={problems.clientCertificateRecordId}>
          {(props) => (
            <select {...props} value={draft.clientCertificateRecordId ?? ''} onChange={(e) => change({ clientCertificateRecordId: e.target.value || null })} data-testid="tls-client-record">
              <option value="">Choose a record…</option>
              {records.slice(0, 500).map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
            </select>
          )}
        </Field>
      )}
      <Field label="Minimum TLS version" problem={problems.minimumTlsVersion}>
        {(props) => (
          <select {...props} value={draft.minimumTlsVersion} onChange={(e) => change({ minimumTlsVersion: e.target.value as TlsProfile['minimumTlsVersion'] })}>
            <option value="TLSv1.2">TLS 1.2</option>
            <option value="TLSv1.3">TLS 1.3</option>
          </select>
        )}
      </Field>
      <CheckField label="Check that the server certificate names the host (recommended)" checked={draft.verifyHostName} onChange={(on) => change({ verifyHostName: on })} testId="tls-host-check" />
      <FormButtons problems={problems} saving={saving} onCancel={onDone} testId="tls" />
    </form>
  );
}
