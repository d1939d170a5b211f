import type { NotificationCategory, NotificationPreferences } from '../../../src-shared/ipc/index';
import type { LifecycleNotificationKind } from '../../lifecycle';

/** Which on/off switch governs each lifecycle notification. */
export function categoryOf(kind: LifecycleNotificationKind): NotificationCategory {
  switch (kind) {
    case 'expiry-warning':
      return 'expiry-warnings';
    case 'certificate-renewed':
      return 'renewals';
    case 'renewal-failed':
    case 'certificate-deleted':
    case 'deploy-failed':
      return 'failures';
  }
}

export const defaultNotificationPreferences: NotificationPreferences = { 'expiry-warnings': true, failures: true, renewals: true };

/** Title of a single notification, by what happened. */
export const singleTitle: Record<LifecycleNotificationKind, string> = {
  'expiry-warning': 'Certificate expires soon',
  'renewal-failed': 'Renewal failed',
  'certificate-deleted': 'Expired certificate deleted',
  'deploy-failed': 'Deployment failed',
  'certificate-renewed': 'Certificate renewed',
};

/** Title of a summary standing for `count` notifications of a category. */
export function summaryTitle(category: NotificationCategory, count: number): string {
  const noun = { 'expiry-warnings': 'expiry warning', failures: 'failure needing action', renewals: 'completed renewal' }[category];
  const plural = category === 'failures' ? 'failures needing action' : `${noun}s`;
  return `${count} more ${count === 1 ? noun : plural}`;
}
