/** Whether the engine runs: while it opens the store, once it runs, or why it did not start. */
export type EngineStatus = { state: 'starting' } | { state: 'running' } | { state: 'not-running'; reason: string };

/**
 * What the tray and the quit guard need from the lifecycle engine running in the desktop app.
 * The composition root adapts its engine to this; without one the tray says so and offers only
 * Open and Quit.
 */
export interface BackgroundEngine {
  /** Counts mean something only while the engine runs; otherwise the tray shows why not instead. */
  status(): EngineStatus;
  /** Resolves once the engine runs or has failed to start (never rejects). */
  started(): Promise<void>;
  counts(): { valid: number; due: number; failing: number };
  /** CMP exchanges running right now; quitting waits for them or asks. */
  inFlight(): number;
  /** Force-renews every due record now; resolves to how many were started. */
  renewAllDue(): Promise<number>;
  readonly paused: boolean;
  /** Pause stops the processing tick (nothing new starts); resume starts it again. */
  setPaused(paused: boolean): void;
  /** Resolves when the exchanges in flight have ended. */
  idle(): Promise<void>;
}

/** One entry of the tray menu, in Electron's MenuItemConstructorOptions shape without importing it. */
export interface TrayMenuItem {
  label?: string;
  type?: 'normal' | 'separator' | 'checkbox';
  enabled?: boolean;
  checked?: boolean;
  click?: () => void;
}

export interface TrayActions {
  open(): void;
  renewAllDue(): void;
  togglePause(): void;
  quit(): void;
}

/** Menu labels and tooltips are one short line on every platform (the Windows tooltip stops at 127 characters). */
const trayTextLimit = 120;
const shortened = (text: string) => (text.length <= trayTextLimit ? text : `${text.slice(0, trayTextLimit - 1)}…`);

/** Why the tray shows no counts ("starting…", "not running: …"); undefined while the engine runs. */
function notRunningReason(engine: BackgroundEngine | undefined): string | undefined {
  const status = engine?.status() ?? { state: 'not-running', reason: 'this build has no lifecycle engine' };
  if (status.state === 'running') return undefined;
  return status.state === 'starting' ? 'starting…' : `not running: ${status.reason}`;
}

/** The tray menu: the counts (not clickable), Open, Renew all due now, Pause automation, Quit. */
export function trayMenuTemplate(engine: BackgroundEngine | undefined, actions: TrayActions): TrayMenuItem[] {
  const reason = notRunningReason(engine);
  const counts = reason === undefined ? engine?.counts() : undefined;
  const header: TrayMenuItem[] = counts
    ? [
        { label: `${counts.valid} valid`, enabled: false },
        { label: `${counts.due} due`, enabled: false },
        { label: `${counts.failing} failing`, enabled: false },
      ]
    : [{ label: shortened(`Lifecycle engine ${reason ?? 'not running'}`), enabled: false }];
  return [
    ...header,
    { type: 'separator' },
    { label: 'Open', click: actions.open },
    { label: 'Renew all due now', enabled: !!engine && !engine.paused && (counts?.due ?? 0) > 0, click: actions.renewAllDue },
    // Pausing a starting engine keeps it from ticking once it runs; one that did not start has nothing to pause.
    { label: 'Pause automation', type: 'checkbox', checked: engine?.paused ?? false, enabled: !!engine && engine.status().state !== 'not-running', click: actions.togglePause },
    { type: 'separator' },
    { label: 'Quit', click: actions.quit },
  ];
}

/** The tooltip: the same counts in one line, so a glance at the tray says whether all is well. */
export function trayTooltip(engine: BackgroundEngine | undefined): string {
  const reason = notRunningReason(engine);
  const counts = reason === undefined ? engine?.counts() : undefined;
  if (!counts) return shortened(`cmp-desk: lifecycle engine ${reason ?? 'not running'}`);
  return `cmp-desk: ${counts.valid} valid, ${counts.due} due, ${counts.failing} failing${engine?.paused ? ' (automation paused)' : ''}`;
}

/** What quitting does: at once when idle, else wait for the exchanges or ask the user. */
export type QuitDecision = { kind: 'quit' } | { kind: 'ask'; inFlight: number };

export function decideQuit(engine: BackgroundEngine | undefined): QuitDecision {
  const inFlight = engine?.inFlight() ?? 0;
  return inFlight === 0 ? { kind: 'quit' } : { kind: 'ask', inFlight };
}
