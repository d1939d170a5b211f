import { serverGroupSchema, maxServersPerGroup, type ServerGroup } from '../../../src-shared/domain';
import { useAppStore } from '../../state/store';
import { TextField } from '../common/Field';
import { FormButtons } from './FormButtons';
import { useConfigForm } from './use_config_form';

/** A server group: 1..10 CMP servers, tried round-robin in this order (reorder with the arrows). */
export function ServerGroupForm({ group, onDone }: { group: ServerGroup; onDone: () => void }) {
  const servers = useAppStore((s) => s.cmpServers);
  const { draft, change, problems, save, saving } = useConfigForm('serverGroups', serverGroupSchema, group, onDone);
  const name = (id: string) => servers.find((s) => s.id === id)?.name ?? id;
  const unused = servers.filter((s) => !draft.serverIds.includes(s.id));
  const move = (index: number, by: number) => {
    const ids = [...draft.serverIds];
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    change({ serverIds: ids });
  };
  return (
    <form className="inline-dialog config-form" aria-label="Server group" data-testid="server-group-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <TextField label="Name" value={draft.name} onChange={(value) => change({ name: value })} problem={problems.name} testId="group-name" />
      <fieldset className={problems.serverIds ? 'field-invalid' : undefined}>
        <legend>CMP servers, in the order they are tried ({draft.serverIds.length} of at most {maxServersPerGroup})</legend>
        <ol className="ordered-servers" data-testid="group-servers">
          {draft.serverIds.map((id, index) => (
            <li key={id}>
              <span>{name(id)}</span>{' '}
              <button type="button" aria-label={`Move ${name(id)} up`} disabled={index === 0} onClick={() => move(index, -1)}>↑</button>
              <button type="button" aria-label={`Move ${name(id)} down`} disabled={index === draft.serverIds.length - 1} onClick={() => move(index, 1)}>↓</button>
              <button type="button" aria-label={`Remove ${name(id)}`} onClick={() => change({ serverIds: draft.serverIds.filter((x) => x !== id) })}>✕</button>
            </li>
          ))}
        </ol>
        {unused.length > 0 && draft.serverIds.length < maxServersPerGroup && (
          <select aria-label="Add a CMP server" value="" data-testid="group-add-server" onChange={(e) => e.target.value && change({ serverIds: [...draft.serverIds, e.target.value] })}>
            <option value="">Add a CMP server…</option>
            {unused.map((s) => <option key={s.id} value={s.id}>{s.name} ({s.url})</option>)}
          </select>
        )}
        {servers.length === 0 && <p className="muted">No CMP servers yet: the onboarding wizard creates one.</p>}
        {problems.serverIds && <div className="field-problem" role="alert">Servers: {problems.serverIds}</div>}
      </fieldset>
      <FormButtons problems={problems} saving={saving} onCancel={onDone} testId="group" />
    </form>
  );
}
