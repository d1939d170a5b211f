/** What the administrator is told about, on the desktop, in the web UI or on the CLI's output. */
export type LifecycleNotificationKind = 'expiry-warning' | 'renewal-failed' | 'certificate-deleted' | 'certificate-renewed' | 'deploy-failed';

export interface LifecycleNotification {
  kind: LifecycleNotificationKind;
  recordId: string;
  recordName: string;
  message: string;
  at: string;
}

/** Hosts plug in how notifications are shown (desktop notification, IPC event, CLI line). */
export interface Notifier {
  notify(notification: LifecycleNotification): void;
}
