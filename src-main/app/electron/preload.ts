import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadBridge } from './preload_bridge';

// Runs sandboxed before the renderer; bundled to dist/electron/preload.cjs.
contextBridge.exposeInMainWorld('cmpDesk', createPreloadBridge(ipcRenderer));
