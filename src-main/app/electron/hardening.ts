import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

/** The window's web preferences: every checklist setting spelled out, even where it is the default. */
export function secureWebPreferences(preloadPath: string, allowDevTools: boolean): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: allowDevTools,
  };
}

/**
 * Applied to every web contents the app ever creates: no navigation away from the loaded page,
 * no new windows, no <webview>. Links to the outside world are not opened at all.
 */
export function hardenWebContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>, onBlocked: (what: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    onBlocked(`navigation to ${url}`);
  });
  contents.on('will-redirect', (event, url) => {
    event.preventDefault();
    onBlocked(`redirect to ${url}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    onBlocked('a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    onBlocked(`a new window for ${url}`);
    return { action: 'deny' };
  });
}

/**
 * The session: every permission request and check denied (the app needs none), and every request
 * to the network refused: the renderer only ever loads cmp-desk://app/ and talks to main over IPC.
 */
export function hardenSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'webRequest'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file://*/*'] }, (_details, callback) => callback({ cancel: true }));
}
