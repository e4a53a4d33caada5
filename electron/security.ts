/**
 * The security settings of the desktop shell as plain values and functions:
 * the app origin, the Content-Security-Policy, the window's webPreferences and
 * the IPC sender check. Pure (only type imports from Electron), so the unit
 * tests check exactly what the app uses.
 */
import type { WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy';

/** Sent with every response of the app scheme (see shared/content-security-policy.ts). */
export { CONTENT_SECURITY_POLICY };

/** The privileged custom scheme the renderer is served from: `app://veldwerk/`. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'veldwerk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;


/** True for URLs of the app itself: scheme `app:`, host `veldwerk`, no credentials or port. */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === '' &&
    url.startsWith(`${APP_ORIGIN}/`)
  );
}

/** What the sender check needs of a WebFrameMain. */
export interface FrameLike {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
}

/**
 * An IPC message is trusted only when it comes from the main window's main
 * frame (not a subframe, not another window) while that frame shows the app.
 */
export function isTrustedSender(sender: FrameLike | null | undefined, mainFrame: FrameLike | null | undefined): boolean {
  if (!sender || !mainFrame) return false;
  const sameFrame =
    sender === mainFrame || (sender.processId === mainFrame.processId && sender.routingId === mainFrame.routingId);
  return sameFrame && isAppUrl(sender.url);
}

/** The main window's webPreferences: isolated, sandboxed, no Node in the page. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    experimentalFeatures: false,
  };
}

/** Requests the app never makes: anything from the network or the file system. */
export const BLOCKED_REQUEST_URLS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*', 'file://*/*'];
