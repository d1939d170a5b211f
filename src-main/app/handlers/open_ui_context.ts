import { join } from 'node:path';
import type { EventHub } from '../../../src-shared/ipc';
import type { ConfigContext } from '../../config';
import type { AppLogger } from '../logger';
import { LabCaHost } from './lab_ca_host';
import { unavailableLifecycle, type LifecycleActions } from './lifecycle_actions';
import type { UiContext } from './ui_context';

export interface UiContextOptions {
  dataDir: string;
  events: EventHub;
  logger: AppLogger;
  /** The data folder's configuration context (opened on first use by the composition root). */
  config: () => ConfigContext;
  /** The engine adapter; without one, lifecycle actions are refused with a message. */
  lifecycle?: LifecycleActions;
  now?: () => Date;
}

/** Opens what the UI handlers need and forwards the engine's events to the renderer. */
export function openUiContext(options: UiContextOptions): UiContext & { close(): Promise<void> } {
  const lab = new LabCaHost(join(options.dataDir, 'labca'), () => options.config().initialAuthenticationKeys());
  const lifecycle = options.lifecycle ?? unavailableLifecycle('this build has no lifecycle engine wired in');
  const stopEvents = lifecycle.subscribe({
    progress: (event) => options.events.emit('transactions.progress', event),
    recordsChanged: (recordIds) => options.events.emit('records.changed', { recordIds }),
  });
  lab.resume().catch((error: unknown) => options.logger.error('labca', `the built-in lab CA did not start again: ${error instanceof Error ? error.message : String(error)}`));
  return {
    get config() {
      return options.config();
    },
    events: options.events,
    logger: options.logger,
    dataDir: options.dataDir,
    lab,
    lifecycle,
    now: options.now ?? (() => new Date()),
    async close() {
      stopEvents();
      await lab.stop();
    },
  };
}
