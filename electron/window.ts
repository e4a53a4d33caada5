/** The main window and the hardening every web contents gets. */
import { BrowserWindow, type Session, type WebContents } from 'electron';
import { BLOCKED_REQUEST_URLS, isAppUrl, secureWebPreferences } from './security';

export interface MainWindowOptions {
  preloadPath: string;
  iconPath?: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Veldwerk',
    backgroundColor: '#ffffff',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  win.once('ready-to-show', () => win.show());
  // The title says which study is open (set by main.ts), not the page's <title>.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.webContents.on('render-process-gone', (_event, details) => {
    console.error(`Veldwerk: het venster is gestopt (${details.reason}, code ${details.exitCode}).`);
  });
  return win;
}

/** For every web contents the app creates (main window, devtools, anything else). */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const allowed = (url: string) =>
    isAppUrl(url) ||
    // The developer tools (development builds only) may move within devtools://, nothing else may.
    (url.startsWith('devtools://') && contents.getURL().startsWith('devtools://'));
  contents.on('will-navigate', (event) => {
    if (!allowed(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!allowed(event.url)) event.preventDefault();
  });
}

/** Deny every permission, device and network request for the session. */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // The app never talks to the network or reads file:// URLs: its pages come from app://veldwerk/.
  ses.webRequest.onBeforeRequest({ urls: BLOCKED_REQUEST_URLS }, (_details, callback) => callback({ cancel: true }));
}
