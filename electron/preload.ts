/**
 * The preload script (sandboxed, context-isolated): exposes the typed API
 * contract as `window.veldwerk` and nothing else. No generic "invoke any
 * channel", no Node objects, no IpcRendererEvent reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../shared/api/bridge';
import { buildBridge } from './bridge';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, buildBridge(ipcRenderer));
