import { useState } from 'react';
import { cmpProfileSchema, digestAlgorithm, keyAlgorithm, type CmpProfile } from '../../../src-shared/domain';
import { useAppStore } from '../../state/store';
import { Field, TextField } from '../common/Field';
import { CheckField, FormButtons } from './FormButtons';
import type { FormProblems } from './form_problems';
import { useConfigForm } from './use_config_form';

/**
 * A CMP profile: server group, how requests are authenticated (a shared-secret reference whose IAK
 * goes to the keychain, or signature with a record's certificate), renew-before-expiry, defaults.
 */
export function CmpProfileForm({ profile, onDone }: { profile: CmpProfile; onDone: () => void }) {
  const groups = useAppStore((s) => s.serverGroups);
  const records = useAppStore((s) => s.records);
  const setProfileSecret = useAppStore((s) => s.setProfileSecret);
  const [secret, setSecret] = useState('');
  const { draft, change, problems, save, saving } = useConfigForm('cmpProfiles', cmpProfileSchema, profile, onDone);
  const auth = draft.authentication;
  const storeSecret = async (saved: CmpProfile): Promise<FormProblems> => {
    if (secret === '' || saved.authentication.method !== 'shared-secret') return {};
    const refusal = await setProfileSecret(saved.id, secret);
    return refusal === undefined ? {} : { secret: `The profile is saved, the secret is not: ${refusal.message}` };
  };
  return (
    <form className="inline-dialog config-form" aria-label="CMP profile" data-testid="cmp-profile-form" onSubmit={(e) => { e.preventDefault(); void save(storeSecret); }}>
      <TextField label="Name" value={draft.name} onChange={(value) => change({ name: value })} problem={problems.name} testId="profile-name" />
      <Field label="Server group" problem={problems.serverGroupId} hint="The CMP servers this profile's requests go to.">
        {(props) => (
          <select {...props} value={draft.serverGroupId ?? ''} onChange={(e) => change({ serverGroupId: e.target.value || null })} data-testid="profile-group">
            <option value="">None yet</option>
            {groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
          </select>
        )}
      </Field>
      <Field label="Authentication" problem={problems['authentication.method']}>
        {(props) => (
          <select
            {...props}
            value={auth.method}
            onChange={(e) => change({ authentication: e.target.value === 'signature' ? { method: 'signature', certificateRecordId: records[0]?.id ?? '' } : { method: 'shared-secret', reference: '' } })}
            data-testid="profile-auth"
          >
            <option value="shared-secret">Shared secret (IAK, for the first IR)</option>
            <option value="signature">Signature with an existing certificate</option>
          </select>
        )}
      </Field>
      {auth.method === 'shared-secret' ? (
        <>
          <TextField label="Secret reference (senderKID)" value={auth.reference} onChange={(reference) => change({ authentication: { method: 'shared-secret', reference } })} problem={problems['authentication.reference']} hint="The non-secret name the CA knows the secret by." testId="profile-reference" />
          <TextField label="Shared secret (stored in the OS keychain)" type="password" value={secret} onChange={setSecret} problem={problems.secret} hint="Leave empty to keep the stored one. It is never shown again." testId="profile-secret" />
        </>
      ) : (
        <Field label="Signing certificate (record)" problem={problems['authentication.certificateRecordId']}>
          {(props) => (
            <select {...props} value={auth.certificateRecordId} onChange={(e) => change({ authentication: { method: 'signature', certificateRecordId: e.target.value } })}>
              {records.slice(0, 500).map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
            </select>
          )}
        </Field>
      )}
      <TextField
        label="Renew before expiry (days)"
        value={Number.isNaN(draft.renewBeforeExpiryDays) ? '' : String(draft.renewBeforeExpiryDays)}
        onChange={(text) => change({ renewBeforeExpiryDays: /^\d+$/.test(text) ? Number(text) : Number.NaN })}
        problem={problems.renewBeforeExpiryDays}
        hint="0 turns automatic renewal off."
        testId="profile-renew-days"
      />
      <Field label="Default key algorithm" problem={problems.defaultKeyAlgorithm}>
        {(props) => (
          <select {...props} value={draft.defaultKeyAlgorithm} onChange={(e) => change({ defaultKeyAlgorithm: e.target.value as CmpProfile['defaultKeyAlgorithm'] })}>
            {keyAlgorithm.options.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        )}
      </Field>
      <Field label="Default digest" problem={problems.defaultDigest}>
        {(props) => (
          <select {...props} value={draft.defaultDigest} onChange={(e) => change({ defaultDigest: e.target.value as CmpProfile['defaultDigest'] })}>
            {digestAlgorithm.options.map((d) => <option key={d} value={d}>{d.toUpperCase()}</option>)}
          </select>
        )}
      </Field>
      <CheckField label="Implicit confirm (ask the CA to skip certConf)" checked={draft.implicitConfirm} onChange={(on) => change({ implicitConfirm: on })} />
      <FormButtons problems={problems} saving={saving} onCancel={onDone} testId="profile" />
    </form>
  );
}
