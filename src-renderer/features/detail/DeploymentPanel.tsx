import { useState } from 'react';
import { deployFolderSchema, type CertificateRecord } from '../../../src-shared/domain';
import { useAppStore } from '../../state/store';
import { TextField } from '../common/Field';

/**
 * Where a record's certificate, key and chain go after each renewal and which commands run then.
 * A folder alone deploys files only; hooks alone use the data folder's deploy/<record> folder.
 */
export function DeploymentPanel({ record }: { record: CertificateRecord }) {
  const saveDeployFolder = useAppStore((s) => s.saveDeployFolder);
  const [folder, setFolder] = useState(record.deployFolder ?? '');
  const [problem, setProblem] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const trimmed = folder.trim();
  const local = trimmed === '' ? undefined : deployFolderSchema.safeParse(trimmed).error?.issues[0]?.message;
  const save = async () => {
    if (local !== undefined) return setProblem(local);
    setSaving(true);
    try {
      setProblem(await saveDeployFolder(trimmed === '' ? undefined : trimmed));
    } finally {
      setSaving(false);
    }
  };
  const where = record.deployFolder
    ? `Certificate, key (readable by cmp-desk's user only), chain and full chain are written to ${record.deployFolder} after each renewal.`
    : record.deployHooks.length > 0
      ? 'The files are written to this record\'s folder under deploy/ in the data folder, for the hooks below.'
      : 'Nothing is deployed. Name a folder to get the files there after each renewal.';
  return (
    <section className="panel" aria-label="Deployment" data-testid="deployment">
      <h2>Deployment</h2>
      <p className="muted" data-testid="deploy-where">{where}</p>
      <form className="config-form" aria-label="Deploy folder" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <TextField
          label="Deploy folder"
          value={folder}
          onChange={(value) => { setFolder(value); setProblem(undefined); }}
          placeholder="/etc/ssl/sbc1"
          hint="An absolute path. Created 0700 if missing; refused if other users may write to it or it is not cmp-desk's. Leave empty for none."
          problem={problem ?? local}
          testId="deploy-folder"
        />
        <div className="button-row">
          <button type="submit" disabled={saving || trimmed === (record.deployFolder ?? '')} data-testid="deploy-folder-save">
            {saving ? 'Saving…' : 'Save folder'}
          </button>
        </div>
      </form>
      <h3>Deploy hooks</h3>
      {record.deployHooks.length === 0 ? <p className="muted">None. A deploy hook runs a program after each new certificate is put into use, with the file paths in CMP_DESK_CERT_FILE, CMP_DESK_KEY_FILE, CMP_DESK_CHAIN_FILE and CMP_DESK_FULLCHAIN_FILE.</p> : (
        <ul>{record.deployHooks.map((h, i) => <li key={i}><code>{[h.command, ...h.args].join(' ')}</code></li>)}</ul>
      )}
    </section>
  );
}
