import { activityHandlers } from './activity';
import { certificateHandlers } from './certificates';
import { connectionHandlers } from './connection_test';
import { recordHandlers } from './records';
import { timelineHandlers } from './timeline';
import type { UiContext } from './ui_context';
import { withUserErrors } from './user_errors';
import { labHandlers, wizardHandlers } from './wizard';

export { openUiContext } from './open_ui_context';
export { EngineLifecycle } from './engine_lifecycle';
export type { UiContext } from './ui_context';
export type { LifecycleActions, LifecycleListener } from './lifecycle_actions';

/** The handlers of the desktop UI's commands (records, certificates, timeline, activity, wizard, lab, connection test). */
export function uiHandlers(context: UiContext) {
  return withUserErrors({
    ...recordHandlers(context),
    ...certificateHandlers(context),
    ...timelineHandlers(context),
    ...activityHandlers(context),
    ...connectionHandlers(context),
    ...wizardHandlers(context),
    ...labHandlers(context),
  });
}
