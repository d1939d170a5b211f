import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { GlobalConfig } from '../../src-shared/domain';
import { expiriesCsv, expiriesIcs, saveText } from '../features/records/expiry_files';
import { BackgroundSettings } from '../features/settings/BackgroundSettings';
import { useAppStore } from '../state/store';
import { selectInfo } from '../state/selectors';
import { selectAdminMessages, selectGlobalConfig } from '../state/admin/selectors';
import { ThemeSwitcher } from '../shell/ThemeSwitcher';

function GlobalConfigForm({ value }: { value: GlobalConfig }) {
  const saveGlobalConfig = useAppStore((s) => s.saveGlobalConfig);
  const [draft, setDraft] = useState(value);
  const [problem, setProblem] = useState<string | undefined>();
  const num = (text: string) => (/^\d+$/.test(text) ? Number(text) : Number.NaN);
  return (
    <form onSubmit={(e) => { e.preventDefault(); void saveGlobalConfig(draft).then(setProblem); }}>
      <div className="field-row">
        <label>Processing interval (minutes) <input value={String(draft.processingIntervalMinutes)} onChange={(e) => setDraft({ ...draft, processingIntervalMinutes: num(e.target.value) })} /></label>
        <label>KUR window start <input value={draft.kurWindowStart} onChange={(e) => setDraft({ ...draft, kurWindowStart: e.target.value })} /></label>
        <label>KUR window end <input value={draft.kurWindowEnd} onChange={(e) => setDraft({ ...draft, kurWindowEnd: e.target.value })} /></label>
      </div>
      <div className="field-row">
        <label>Expiry warning (days before) <input value={String(draft.expiryWarningDays)} onChange={(e) => setDraft({ ...draft, expiryWarningDays: num(e.target.value) })} /></label>
        <label>Repeat the warning every (hours) <input value={String(draft.expiryNotificationIntervalHours)} onChange={(e) => setDraft({ ...draft, expiryNotificationIntervalHours: num(e.target.value) })} /></label>
      </div>
      <label className="checkbox"><input type="checkbox" checked={draft.secureCertificateMode} onChange={(e) => setDraft({ ...draft, secureCertificateMode: e.target.checked })} /> Secure certificate mode (no IP addresses in server URLs, common names or SANs)</label>
      {problem && <p className="problem" role="alert">{problem}</p>}
      <button type="submit" className="primary">Save settings</button>
    </form>
  );
}

/** GlobalConfig, notifications, theme, data folder, configuration export/import, expiry exports, the wizard. */
export function SettingsSection() {
  const info = useAppStore(selectInfo);
  const globalConfig = useAppStore(selectGlobalConfig);
  const messages = useAppStore(useShallow(selectAdminMessages));
  const { loadConfiguration, startWizard, exportConfiguration, importConfiguration } = useAppStore(useShallow((s) => ({ loadConfiguration: s.loadConfiguration, startWizard: s.startWizard, exportConfiguration: s.exportConfiguration, importConfiguration: s.importConfiguration })));
  useEffect(() => {
    void loadConfiguration();
  }, [loadConfiguration]);
  const records = () => useAppStore.getState().records;
  return (
    <div className="settings">
      {messages.error && <p className="problem" role="alert">{messages.error}</p>}
      {messages.message && <p className="ok-text" aria-live="polite">{messages.message}</p>}
      <section>
        <h2>CMP processing and notifications</h2>
        {globalConfig ? <GlobalConfigForm key={JSON.stringify(globalConfig)} value={globalConfig} /> : <p>Loading…</p>}
        <p className="hint">Expiry warnings and failures are written to the audit log (Activity) and shown in the status of each record.</p>
      </section>
      <section>
        <h2>Notifications and background</h2>
        <BackgroundSettings />
      </section>
      <section>
        <h2>Appearance</h2>
        <ThemeSwitcher />
      </section>
      <section>
        <h2>Onboarding</h2>
        <button type="button" onClick={startWizard} data-testid="rerun-wizard">Run the onboarding wizard again</button>
      </section>
      <section>
        <h2>Configuration and expiries</h2>
        <div className="button-row">
          <button type="button" onClick={() => void exportConfiguration()}>Export configuration (JSON)</button>
          <label className="button">
            Import configuration…
            <input type="file" accept=".json,application/json" className="visually-hidden" onChange={async (e) => { const file = e.target.files?.[0]; if (file) await importConfiguration(await file.text()); e.target.value = ''; }} />
          </label>
          <button type="button" onClick={() => saveText('cmp-desk-expiries.ics', 'text/calendar', expiriesIcs(records()))}>Expiries as calendar (.ics)</button>
          <button type="button" onClick={() => saveText('cmp-desk-expiries.csv', 'text/csv', expiriesCsv(records()))}>Expiries as CSV</button>
        </div>
      </section>
      <section>
        <h2>This installation</h2>
        {info ? (
          <dl className="facts">
            <dt>Version</dt>
            <dd>{info.version}</dd>
            <dt>Running as</dt>
            <dd>{info.host === 'electron' ? 'desktop app' : info.host === 'web' ? 'web host on this computer' : info.host} ({info.platform})</dd>
            <dt>Data folder</dt>
            <dd><code>{info.dataDir}</code> (choose another with --data-dir or CMP_DESK_DATA_DIR at start)</dd>
            <dt>Logs folder</dt>
            <dd><code>{info.logsDir}</code></dd>
          </dl>
        ) : (
          <p>Asking cmp-desk…</p>
        )}
      </section>
    </div>
  );
}
