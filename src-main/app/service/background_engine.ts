/**
 * What the tray and the quit guard need from the lifecycle engine running in the desktop app.
 * The composition root adapts its engine to this; without one the tray says so and offers only
 * Open and Quit.
 */
export interface BackgroundEngine {
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

/** The tray menu: the counts (not clickable), Open, Renew all due now, Pause automation, Quit. */
export function trayMenuTemplate(engine: BackgroundEngine | undefined, actions: TrayActions): TrayMenuItem[] {
  const counts = engine?.counts();
  const header: TrayMenuItem[] = counts
    ? [
        { label: `${counts.valid} valid`, enabled: false },
        { label: `${counts.due} due`, enabled: false },
        { label: `${counts.failing} failing`, enabled: false },
      ]
    : [{ label: 'Lifecycle engine not running', enabled: false }];
  return [
    ...header,
    { type: 'separator' },
    { label: 'Open', click: actions.open },
    { label: 'Renew all due now', enabled: !!engine && !engine.paused && (counts?.due ?? 0) > 0, click: actions.renewAllDue },
    { label: 'Pause automation', type: 'checkbox', checked: engine?.paused ?? false, enabled: !!engine, click: actions.togglePause },
    { type: 'separator' },
    { label: 'Quit', click: actions.quit },
  ];
}

/** The tooltip: the same counts in one line, so a glance at the tray says whether all is well. */
export function trayTooltip(engine: BackgroundEngine | undefined): string {
  if (!engine) return 'cmp-desk: lifecycle engine not running';
  const { valid, due, failing } = engine.counts();
  return `cmp-desk: ${valid} valid, ${due} due, ${failing} failing${engine.paused ? ' (automation paused)' : ''}`;
}

/** What quitting does: at once when idle, else wait for the exchanges or ask the user. */
export type QuitDecision = { kind: 'quit' } | { kind: 'ask'; inFlight: number };

export function decideQuit(engine: BackgroundEngine | undefined): QuitDecision {
  const inFlight = engine?.inFlight() ?? 0;
  return inFlight === 0 ? { kind: 'quit' } : { kind: 'ask', inFlight };
}
