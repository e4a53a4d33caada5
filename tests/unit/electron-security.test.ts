// The security-relevant pure parts of the desktop shell. Electron itself cannot
// run in the test environment, so main.ts/window.ts build on these helpers and
// the tests check exactly the values the app uses.
import { resolve, sep } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CALL_NAMES } from '../../shared/api/contract';
import { MENU_COMMANDS } from '../../shared/api/bridge';
import { buildBridge, type IpcRendererLike } from '../../electron/bridge';
import { CALL_CHANNEL_PREFIX, MENU_CHANNEL, PROGRESS_CHANNEL, STUDY_CHANGED_CHANNEL } from '../../electron/channels';
import { contentTypeFor, resolveRendererFile, responseHeaders } from '../../electron/protocol-paths';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  isAppUrl,
  isTrustedSender,
  secureWebPreferences,
  type FrameLike,
} from '../../electron/security';

const root = resolve('/opt/veldwerk/dist/renderer');

describe('app:// path resolver', () => {
  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolveRendererFile(root, 'app://veldwerk/')).toBe(`${root}${sep}index.html`);
    expect(resolveRendererFile(root, 'app://veldwerk/index.html')).toBe(`${root}${sep}index.html`);
    expect(resolveRendererFile(root, 'app://veldwerk/assets/index-abc123.js?v=1#x')).toBe(
      `${root}${sep}assets${sep}index-abc123.js`,
    );
    expect(resolveRendererFile(root, 'app://veldwerk/assets/Fira%20Sans.woff2')).toBe(
      `${root}${sep}assets${sep}Fira Sans.woff2`,
    );
    expect(resolveRendererFile(root, 'app://veldwerk/assets/')).toBe(`${root}${sep}assets${sep}index.html`);
  });

  it.each([
    'app://veldwerk/../../etc/passwd',
    'app://veldwerk/assets/../../../etc/passwd',
    'app://veldwerk/%2e%2e/%2e%2e/etc/passwd',
    'app://veldwerk/%2E%2E/%2E%2E/etc/passwd',
    'app://veldwerk/..%2f..%2fetc%2fpasswd',
    'app://veldwerk/..%2F..%2Fetc%2Fpasswd',
    'app://veldwerk/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://veldwerk/..%5c..%5cwindows%5cwin.ini',
    'app://veldwerk/..\\..\\etc\\passwd',
    'app://veldwerk/assets%5c..%5c..%5csecret',
    'app://veldwerk/%00index.html',
    'app://veldwerk/index.html%00.png',
    'app://veldwerk/C:%5cWindows%5cwin.ini',
    'app://veldwerk/C:/Windows/win.ini',
    'app://veldwerk//etc/passwd/..',
    'app://veldwerk/.env',
    'app://veldwerk/%E0%A4%A',
  ])('refuses %s', (url) => {
    expect(resolveRendererFile(root, url)).toBeNull();
  });

  it('never returns a path outside the renderer folder', () => {
    for (const url of ['app://veldwerk//etc/passwd', 'app://veldwerk///etc/passwd', 'app://veldwerk/etc/passwd']) {
      const file = resolveRendererFile(root, url);
      expect(file === null || file.startsWith(root + sep)).toBe(true);
    }
  });

  it.each([
    'file:///etc/passwd',
    'https://veldwerk/index.html',
    'app://other/index.html',
    'app://veldwerk.evil.example/index.html',
    'app://user@veldwerk/index.html',
    'app://veldwerk:8080/index.html',
    'app:veldwerk/index.html',
    'not a url',
  ])('refuses other origins: %s', (url) => {
    expect(resolveRendererFile(root, url)).toBeNull();
  });

  it('refuses a relative renderer root', () => {
    expect(resolveRendererFile('dist/renderer', 'app://veldwerk/index.html')).toBeNull();
  });

  it('names content types and always sends the CSP', () => {
    expect(contentTypeFor('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('/x/a.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/x/a.unknown')).toBe('application/octet-stream');
    const headers = responseHeaders('text/html');
    expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it("has default-src 'self' and no eval", () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval');
  });

  it('allows scripts only from the app and nothing remote', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });
});

describe('app origin and IPC sender check', () => {
  const mainFrame: FrameLike = { url: APP_ENTRY_URL, processId: 4, routingId: 1 };

  it('recognises app URLs only', () => {
    expect(isAppUrl('app://veldwerk/index.html')).toBe(true);
    expect(isAppUrl('app://veldwerk/')).toBe(true);
    expect(isAppUrl('app://veldwerk')).toBe(false);
    expect(isAppUrl('app://veldwerk.evil.example/')).toBe(false);
    expect(isAppUrl('app://veldwerk@evil.example/')).toBe(false);
    expect(isAppUrl('app://veldwerk:1/')).toBe(false);
    expect(isAppUrl('https://veldwerk/')).toBe(false);
    expect(isAppUrl('file:///work/dist/renderer/index.html')).toBe(false);
    expect(isAppUrl('about:blank')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });

  it('accepts the main frame of the main window showing the app', () => {
    expect(isTrustedSender(mainFrame, mainFrame)).toBe(true);
    expect(isTrustedSender({ ...mainFrame, url: 'app://veldwerk/index.html#/bronnen' }, mainFrame)).toBe(true);
  });

  it('refuses other frames, other pages and missing frames', () => {
    expect(isTrustedSender({ ...mainFrame, url: 'https://evil.example/' }, mainFrame)).toBe(false);
    expect(isTrustedSender({ ...mainFrame, url: 'file:///etc/passwd' }, mainFrame)).toBe(false);
    expect(isTrustedSender({ ...mainFrame, url: 'app://veldwerk.evil/' }, mainFrame)).toBe(false);
    expect(isTrustedSender({ ...mainFrame, url: '' }, mainFrame)).toBe(false);
    expect(isTrustedSender({ ...mainFrame, routingId: 2 }, mainFrame)).toBe(false); // a subframe
    expect(isTrustedSender({ ...mainFrame, processId: 9 }, mainFrame)).toBe(false); // another window
    expect(isTrustedSender(null, mainFrame)).toBe(false);
    expect(isTrustedSender(mainFrame, null)).toBe(false);
  });
});

describe('window webPreferences', () => {
  const prefs = secureWebPreferences('/opt/veldwerk/dist/electron/preload.cjs');

  it('isolates and sandboxes the page', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.preload).toBe('/opt/veldwerk/dist/electron/preload.cjs');
  });
});

describe('preload bridge', () => {
  function fakeIpc() {
    const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
    const ipc = {
      invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ ok: true, value: { channel, args } })),
      on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
      }),
      removeListener: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
        listeners.get(channel)?.delete(listener);
      }),
    } satisfies IpcRendererLike;
    const emit = (channel: string, payload: unknown) => {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipc-event', ports: [] }, payload);
    };
    return { ipc, emit, listeners };
  }

  it('exposes exactly the contract calls plus onProgress, onStudyChanged and onMenuCommand', () => {
    const bridge = buildBridge(fakeIpc().ipc);
    expect(Object.keys(bridge).sort()).toEqual([...CALL_NAMES, 'onMenuCommand', 'onProgress', 'onStudyChanged'].sort());
    for (const key of Object.keys(bridge)) expect(typeof (bridge as unknown as Record<string, unknown>)[key]).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(bridge).not.toHaveProperty('invoke');
    expect(bridge).not.toHaveProperty('send');
  });

  it('sends each call on its own channel with the input only', async () => {
    const { ipc } = fakeIpc();
    const bridge = buildBridge(ipc);
    for (const name of CALL_NAMES) {
      const call = (bridge as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[name]!;
      await call({ probe: name }, 'extra argument is dropped');
      expect(ipc.invoke).toHaveBeenLastCalledWith(CALL_CHANNEL_PREFIX + name, { probe: name });
    }
    expect(ipc.invoke).toHaveBeenCalledTimes(CALL_NAMES.length);
    await expect(bridge['session.state']({})).resolves.toEqual({
      ok: true,
      value: { channel: 'veldwerk:session.state', args: [{}] },
    });
  });

  it('passes progress payloads (never the IPC event) and unsubscribes', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const bridge = buildBridge(ipc);
    const seen: unknown[][] = [];
    const stop = bridge.onProgress((...args: unknown[]) => seen.push(args));
    const progress = { jobId: 'j', done: 1, total: 2, message: 'Bezig' };
    emit(PROGRESS_CHANNEL, progress);
    expect(seen).toEqual([[progress]]);
    stop();
    expect(listeners.get(PROGRESS_CHANNEL)?.size).toBe(0);
    emit(PROGRESS_CHANNEL, progress);
    expect(seen).toHaveLength(1);
  });

  it('passes known menu commands only', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const bridge = buildBridge(ipc);
    const seen: unknown[][] = [];
    const stop = bridge.onMenuCommand((...args: unknown[]) => seen.push(args));
    for (const command of MENU_COMMANDS) emit(MENU_CHANNEL, command);
    emit(MENU_CHANNEL, 'rm -rf');
    emit(MENU_CHANNEL, { command: 'new-study' });
    expect(seen).toEqual(MENU_COMMANDS.map((command) => [command]));
    stop();
    expect(listeners.get(MENU_CHANNEL)?.size).toBe(0);
  });

  it('passes study-changed events checked (unknown entities dropped, anything else ignored) and unsubscribes', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const bridge = buildBridge(ipc);
    const seen: unknown[][] = [];
    const stop = bridge.onStudyChanged((...args: unknown[]) => seen.push(args));
    emit(STUDY_CHANGED_CHANNEL, { type: 'study-changed', entities: ['coding', '__proto__', 'code'], actionId: 'a1', reopened: false });
    emit(STUDY_CHANGED_CHANNEL, { type: 'progress', entities: ['coding'] });
    emit(STUDY_CHANGED_CHANNEL, 'study-changed');
    expect(seen).toEqual([[{ type: 'study-changed', entities: ['coding', 'code'], actionId: 'a1', reopened: false }]]);
    stop();
    expect(listeners.get(STUDY_CHANGED_CHANNEL)?.size).toBe(0);
  });

  it('refuses a listener that is not a function', () => {
    const bridge = buildBridge(fakeIpc().ipc);
    expect(() => bridge.onProgress('x' as never)).toThrow(TypeError);
    expect(() => bridge.onMenuCommand(undefined as never)).toThrow(TypeError);
  });
});
