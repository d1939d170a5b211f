import { useShallow } from 'zustand/react/shallow';
import type { AppHealth } from '../../src-shared/ipc/index';
import { useAppStore } from '../state/store';
import { selectStatusBar } from '../state/selectors';

function healthText(health: AppHealth | undefined): string {
  if (!health) return 'Checking…';
  const failing = health.checks.filter((c) => c.status !== 'ok');
  if (failing.length === 0) return health.checks.length === 1 ? 'The self-check passes' : `All ${health.checks.length} self-checks pass`;
  return failing.map((c) => `${c.name}: ${c.detail}`).join(' · ');
}

/** The bottom line: connection to main, app.health, the version. */
export function StatusBar() {
  const { connection, health, problem, version, host } = useAppStore(useShallow(selectStatusBar));
  const status = connection !== 'open' ? 'failing' : (health?.status ?? 'degraded');
  return (
    <footer className="status-bar" role="status" aria-live="polite">
      <span className={`status-dot status-${status}`} aria-hidden="true" />
      <span data-testid="health">{connection === 'closed' ? 'Disconnected from cmp-desk; reload the page to reconnect' : healthText(health)}</span>
      {problem && <span className="status-problem">{problem}</span>}
      <span className="status-spacer" />
      {version && <span>cmp-desk {version}{host === 'web' ? ' · web host' : ''}</span>}
    </footer>
  );
}
