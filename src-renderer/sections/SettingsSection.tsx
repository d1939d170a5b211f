import { useAppStore } from '../state/store';
import { selectInfo } from '../state/selectors';
import { ThemeSwitcher } from '../shell/ThemeSwitcher';

/** Appearance and where this installation keeps its data. */
export function SettingsSection() {
  const info = useAppStore(selectInfo);
  return (
    <div className="settings">
      <section>
        <h2>Appearance</h2>
        <ThemeSwitcher />
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
            <dd><code>{info.dataDir}</code></dd>
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
