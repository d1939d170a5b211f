import type { EventHub } from '../../../src-shared/ipc';
import type { ConfigContext } from '../../config';
import type { AppLogger } from '../logger';
import type { LabCaHost } from './lab_ca_host';
import type { LifecycleActions } from './lifecycle_actions';

/** What the UI's handlers work with: the data folder's store and keychain, the engine, the lab CA, the event outlet. */
export interface UiContext {
  config: ConfigContext;
  events: EventHub;
  logger: AppLogger;
  dataDir: string;
  lab: LabCaHost;
  lifecycle: LifecycleActions;
  now(): Date;
}
