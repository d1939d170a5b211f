/**
 * A minimal stand-in for the electron module: just the calls src-main/app/electron makes, recorded
 * so the tests can check the wiring. The real binary cannot be downloaded on build machines.
 */
type Listener = (...args: never[]) => unknown;

class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  once(name: string, listener: Listener): this {
    return this.on(name, listener);
  }
  emit(name: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(name) ?? []).map((l) => (l as (...a: unknown[]) => unknown)(...args));
  }
}

export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeWebContents extends FakeEmitter {
  windowOpenHandler?: (details: { url: string }) => { action: string };
  readonly sent: [string, unknown][] = [];
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export function createFakeElectron(options: { lockAvailable?: boolean; wasOpenedAsHidden?: boolean } = {}) {
  const calls: string[] = [];
  let resolveReady: () => void = () => {};
  const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));

  const app = Object.assign(new FakeEmitter(), {
    isPackaged: true,
    quitCalled: false,
    sandboxEnabled: false,
    requestSingleInstanceLock: () => options.lockAvailable ?? true,
    loginItemSettings: [] as Record<string, unknown>[],
    setLoginItemSettings(settings: Record<string, unknown>) {
      this.loginItemSettings.push(settings);
    },
    getLoginItemSettings: () => ({ openAtLogin: false, wasOpenedAsHidden: options.wasOpenedAsHidden ?? false }),
    quit() {
      this.quitCalled = true;
    },
    enableSandbox() {
      calls.push('enableSandbox');
      this.sandboxEnabled = true;
    },
    whenReady: () => readyPromise,
  });

  class BrowserWindow extends FakeEmitter {
    static readonly instances: BrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    loadedUrl?: string;
    focused = false;
    constructor(readonly options: { webPreferences: Record<string, unknown> } & Record<string, unknown>) {
      super();
      BrowserWindow.instances.push(this);
      app.emit('web-contents-created', new FakeEvent(), this.webContents);
    }
    loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    restore(): void {}
    focus(): void {
      this.focused = true;
    }
    visible = false;
    show(): void {
      this.visible = true;
    }
    hide(): void {
      this.visible = false;
    }
  }

  class Tray extends FakeEmitter {
    static readonly instances: Tray[] = [];
    tooltip = '';
    menu: { items: { label?: string; type?: string; enabled?: boolean; checked?: boolean; click?: () => void }[] } | undefined;
    destroyed = false;
    constructor(readonly icon: string) {
      super();
      Tray.instances.push(this);
    }
    setToolTip(text: string): void {
      this.tooltip = text;
    }
    setContextMenu(menu: Tray['menu']): void {
      this.menu = menu;
    }
    destroy(): void {
      this.destroyed = true;
    }
    /** The menu item with this label, to click it as the user would. */
    item(label: string) {
      const item = this.menu?.items.find((i) => i.label === label);
      if (!item) throw new Error(`no tray menu item "${label}"`);
      return item;
    }
  }

  const Menu = {
    buildFromTemplate: (items: NonNullable<Tray['menu']>['items']) => ({ items }),
  };

  class Notification extends FakeEmitter {
    static readonly instances: Notification[] = [];
    shown = false;
    constructor(readonly options: { title: string; body: string }) {
      super();
      Notification.instances.push(this);
    }
    show(): void {
      this.shown = true;
    }
  }

  const dialog = {
    /** The button the fake user presses: 0 wait, 1 quit now, 2 cancel. */
    response: 0,
    asked: [] as Record<string, unknown>[],
    showMessageBox(box: Record<string, unknown>) {
      this.asked.push(box);
      return Promise.resolve({ response: this.response, checkboxChecked: false });
    },
  };

  const protocol = {
    privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
    handlers: new Map<string, (request: Request) => Promise<Response>>(),
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]) {
      calls.push('registerSchemesAsPrivileged');
      this.privileged.push(...schemes);
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response>) {
      calls.push(`protocol.handle:${scheme}`);
      this.handlers.set(scheme, handler);
    },
  };

  const ipcMain = {
    handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
    handle(channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) {
      if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      this.handlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      this.handlers.delete(channel);
    },
  };

  const defaultSession = {
    permissionRequestHandler: undefined as undefined | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
    permissionCheckHandler: undefined as undefined | ((...args: unknown[]) => boolean),
    devicePermissionHandler: undefined as undefined | ((...args: unknown[]) => boolean),
    blockedUrls: [] as string[],
    beforeRequest: undefined as undefined | ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void),
    setPermissionRequestHandler(handler: typeof this.permissionRequestHandler) {
      calls.push('setPermissionRequestHandler');
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: typeof this.permissionCheckHandler) {
      this.permissionCheckHandler = handler;
    },
    setDevicePermissionHandler(handler: typeof this.devicePermissionHandler) {
      this.devicePermissionHandler = handler;
    },
    webRequest: {
      onBeforeRequest(filter: { urls: string[] }, listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void) {
        defaultSession.blockedUrls = filter.urls;
        defaultSession.beforeRequest = listener;
      },
    },
  };

  return { app, BrowserWindow, Tray, Menu, Notification, dialog, protocol, ipcMain, session: { defaultSession }, calls, ready: () => resolveReady() };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
