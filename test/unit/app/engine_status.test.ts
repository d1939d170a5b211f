import { describe, expect, it } from 'vitest';
import { lifecycleEngineProbe } from '../../../src-main/app/health';
import { trayMenuTemplate, trayTooltip, type BackgroundEngine, type EngineStatus } from '../../../src-main/app/service/background_engine';

const actions = { open: () => undefined, renewAllDue: () => undefined, togglePause: () => undefined, quit: () => undefined };

/** An engine in `status`; its counts throw unless it runs, so nothing may show them otherwise. */
function engineIn(status: EngineStatus, started: Promise<void> = Promise.resolve()): BackgroundEngine & { current: EngineStatus } {
  return {
    current: status,
    status() {
      return this.current;
    },
    started: () => started,
    counts() {
      if (this.current.state !== 'running') throw new Error('counts asked of an engine that does not run');
      return { valid: 3, due: 1, failing: 0 };
    },
    inFlight: () => 0,
    renewAllDue: async () => 0,
    paused: false,
    setPaused: () => undefined,
    idle: async () => undefined,
  };
}

describe('the tray when the lifecycle engine does not run', () => {
  it('says why instead of counting zeros, and offers neither renew nor pause', () => {
    const engine = engineIn({ state: 'not-running', reason: 'the OS keychain is not available' });
    const menu = trayMenuTemplate(engine, actions);
    expect(menu[0]).toEqual({ label: 'Lifecycle engine not running: the OS keychain is not available', enabled: false });
    expect(menu.map((item) => item.label)).not.toContain('0 valid');
    expect(menu.find((item) => item.label === 'Renew all due now')?.enabled).toBe(false);
    expect(menu.find((item) => item.label === 'Pause automation')?.enabled).toBe(false);
    expect(trayTooltip(engine)).toBe('cmp-desk: lifecycle engine not running: the OS keychain is not available');
  });

  it('says "starting…" while the engine opens; pausing is already possible', () => {
    const engine = engineIn({ state: 'starting' });
    const menu = trayMenuTemplate(engine, actions);
    expect(menu[0].label).toBe('Lifecycle engine starting…');
    expect(menu.find((item) => item.label === 'Pause automation')?.enabled).toBe(true);
    expect(trayTooltip(engine)).toBe('cmp-desk: lifecycle engine starting…');
  });

  it('keeps a long reason to one tray line', () => {
    const engine = engineIn({ state: 'not-running', reason: 'x'.repeat(500) });
    expect(trayMenuTemplate(engine, actions)[0].label).toHaveLength(120);
    expect(trayTooltip(engine)).toHaveLength(120);
    expect(trayTooltip(engine).endsWith('…')).toBe(true);
  });

  it('counts once the engine runs', () => {
    const engine = engineIn({ state: 'running' });
    expect(trayMenuTemplate(engine, actions).slice(0, 3).map((item) => item.label)).toEqual(['3 valid', '1 due', '0 failing']);
    expect(trayTooltip(engine)).toBe('cmp-desk: 3 valid, 1 due, 0 failing');
  });
});

describe('app.health: the lifecycle engine check', () => {
  it('fails with the reason when the engine did not start', async () => {
    const check = await lifecycleEngineProbe(engineIn({ state: 'not-running', reason: 'the scheduler for this data folder already runs in the cmp-desk service' }))();
    expect(check).toEqual({ name: 'Lifecycle engine', status: 'failing', detail: 'not running, so no certificate is enrolled or renewed: the scheduler for this data folder already runs in the cmp-desk service' });
  });

  it('waits for an engine that is opening and reports how that ended', async () => {
    let open: () => void = () => undefined;
    const engine = engineIn({ state: 'starting' }, new Promise<void>((resolve) => (open = resolve)));
    const pending = lifecycleEngineProbe(engine, 60_000)();
    engine.current = { state: 'running' };
    open();
    expect(await pending).toEqual({ name: 'Lifecycle engine', status: 'ok', detail: 'running' });
  });

  it('is degraded while the engine is still opening after the wait, and while automation is paused', async () => {
    expect((await lifecycleEngineProbe(engineIn({ state: 'starting' }, new Promise<void>(() => undefined)), 1)()).status).toBe('degraded');
    const paused = { ...engineIn({ state: 'running' }), paused: true };
    expect(await lifecycleEngineProbe(paused)()).toMatchObject({ status: 'degraded', detail: expect.stringContaining('paused') });
  });
});
