import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import type { AppHealth, HealthCheck, HealthStatus } from '../../src-shared/ipc/index';
import type { BackgroundEngine } from './service/background_engine';

/** One self-check; features add theirs (database, keychain, CMP servers) to the composition root. */
export type HealthProbe = () => Promise<HealthCheck>;

/** The data folder must exist and be writable, or nothing can be stored. */
export function dataFolderProbe(dataDir: string): HealthProbe {
  return async () => {
    try {
      await mkdir(dataDir, { recursive: true });
      await access(dataDir, constants.W_OK);
      return { name: 'Data folder', status: 'ok', detail: dataDir };
    } catch (error) {
      return { name: 'Data folder', status: 'failing', detail: `${dataDir} is not writable: ${(error as Error).message}` };
    }
  };
}

/**
 * An engine that did not start renews nothing, so it must not pass as "all is well". Waits a
 * little for an engine still opening, so the first report after launch is not a needless warning.
 */
export function lifecycleEngineProbe(engine: BackgroundEngine, startWaitMs = 5_000): HealthProbe {
  return async () => {
    await Promise.race([engine.started(), delay(startWaitMs, undefined, { ref: false })]);
    const status = engine.status();
    const check = (health: HealthStatus, detail: string): HealthCheck => ({ name: 'Lifecycle engine', status: health, detail });
    if (status.state === 'not-running') return check('failing', `not running, so no certificate is enrolled or renewed: ${status.reason}`);
    if (status.state === 'starting') return check('degraded', 'starting (opening the database and the OS keychain)');
    return engine.paused ? check('degraded', 'automation paused from the tray: nothing new starts until it is resumed') : check('ok', 'running');
  };
}

const severity: Record<HealthStatus, number> = { ok: 0, degraded: 1, failing: 2 };

/** Runs every probe; a probe that throws counts as failing instead of failing the whole report. */
export async function checkHealth(probes: readonly HealthProbe[], startedAt: Date, now: Date = new Date()): Promise<AppHealth> {
  const checks = await Promise.all(
    probes.map(async (probe): Promise<HealthCheck> => {
      try {
        return await probe();
      } catch (error) {
        return { name: probe.name || 'Self-check', status: 'failing', detail: (error as Error).message };
      }
    }),
  );
  const status = checks.reduce<HealthStatus>((worst, c) => (severity[c.status] > severity[worst] ? c.status : worst), 'ok');
  return {
    status,
    checks,
    uptimeSeconds: Math.max(0, Math.round((now.getTime() - startedAt.getTime()) / 1000)),
    checkedAt: now.toISOString(),
  };
}
