// The desktop shell's wiring, with a stand-in for the `electron` module (the
// runtime cannot run here): IPC handlers per contract call with the sender
// check, the app:// protocol handler, web contents hardening, the Dutch menu
// and the command-line study path.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  return {
    handlers,
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, handler);
      },
      removeHandler: (channel: string) => handlers.delete(channel),
    },
  };
});

vi.mock('electron', () => ({
  ipcMain: electron.ipcMain,
  protocol: {
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
      electron.protocolHandlers.set(scheme, handler),
    registerSchemesAsPrivileged: () => undefined,
  },
  BrowserWindow: class {},
}));

import { CALL_NAMES } from '../../shared/api/contract';
import { Session } from '../../backend/api/session';
import { inProcessBackend } from '../../backend/api/backend-port';
import { registerIpc } from '../../electron/ipc';
import { handleAppScheme } from '../../electron/protocol';
import { hardenWebContents } from '../../electron/window';
import { buildMenuTemplate } from '../../electron/menu';
import { PROGRESS_CHANNEL } from '../../electron/channels';
import { CONTENT_SECURITY_POLICY } from '../../electron/security';
import { demoStudyPathIn, studyPathFromArgv, suggestedStudyFileName, withStudyExtension } from '../../electron/args';
import type { MenuItemConstructorOptions } from 'electron';

function fakeWindow() {
  const mainFrame = { url: 'app://veldwerk/index.html', processId: 3, routingId: 1 };
  const sent: [string, unknown][] = [];
  const webContents = { mainFrame, send: (channel: string, payload: unknown) => sent.push([channel, payload]) };
  return { win: { isDestroyed: () => false, webContents }, mainFrame, webContents, sent };
}

describe('IPC handlers', () => {
  const session = new Session({ kind: 'electron', demoStudyPath: () => join(tmpdir(), 'nooit.veldwerk') });
  const { win, mainFrame, webContents, sent } = fakeWindow();
  let unregister = () => {};

  beforeEach(() => {
    unregister();
    unregister = registerIpc(inProcessBackend(session), () => win as never);
  });

  it('registers exactly one handler per contract call', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(CALL_NAMES.map((name) => `veldwerk:${name}`).sort());
  });

  it('dispatches calls from the main frame and returns the result object unchanged', async () => {
    const result = await electron.handlers.get('veldwerk:session.state')!({ sender: webContents, senderFrame: mainFrame }, {});
    expect(result).toMatchObject({ ok: true, value: { host: 'electron', study: null } });
    const invalid = await electron.handlers.get('veldwerk:search')!({ sender: webContents, senderFrame: mainFrame }, { query: 42 });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('refuses calls from other senders', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const otherContents = { mainFrame };
    const cases = [
      { sender: webContents, senderFrame: { ...mainFrame, routingId: 7 } },
      { sender: webContents, senderFrame: { ...mainFrame, url: 'https://evil.example/' } },
      { sender: webContents, senderFrame: null },
      { sender: otherContents, senderFrame: mainFrame },
    ];
    for (const event of cases) {
      const result = await electron.handlers.get('veldwerk:session.state')!(event, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'rejected' } });
    }
    warn.mockRestore();
  });

  it('forwards job progress to the window', () => {
    const progress = { jobId: 'job', done: 1, total: 3, message: 'Bestand 1 van 3' };
    session.reportProgress(progress);
    expect(sent).toContainEqual([PROGRESS_CHANNEL, progress]);
  });

  it('removes its handlers again', () => {
    unregister();
    unregister = () => {};
    expect(electron.handlers.size).toBe(0);
  });
});

describe('app:// protocol handler', () => {
  const dir = mkdtempSync(join(tmpdir(), 'veldwerk-protocol-'));
  const rendererRoot = join(dir, 'dist', 'renderer');
  mkdirSync(join(rendererRoot, 'assets'), { recursive: true });
  writeFileSync(join(rendererRoot, 'index.html'), '<!doctype html><title>Veldwerk</title>');
  writeFileSync(join(rendererRoot, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'geheim');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  handleAppScheme(rendererRoot);
  const handler = electron.protocolHandlers.get('app')!;

  it('serves renderer files with the CSP', async () => {
    const response = await handler(new Request('app://veldwerk/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('<title>Veldwerk</title>');
    const script = await handler(new Request('app://veldwerk/assets/app.js'));
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toBe('console.log(1)');
  });

  it('answers 404 with the CSP for missing files and traversal', async () => {
    for (const url of ['app://veldwerk/nope.js', 'app://veldwerk/..%2f..%2fsecret.txt', 'app://veldwerk/assets']) {
      const response = await handler(new Request(url));
      expect(response.status).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('accepts only GET and HEAD', async () => {
    expect((await handler(new Request('app://veldwerk/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await handler(new Request('app://veldwerk/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
  });
});

describe('web contents hardening', () => {
  function fakeContents(url = 'app://veldwerk/index.html') {
    const listeners = new Map<string, (event: { url?: string; preventDefault: () => void }) => void>();
    let openHandler: (() => { action: string }) | null = null;
    return {
      contents: {
        on: (name: string, listener: (event: { url?: string; preventDefault: () => void }) => void) =>
          listeners.set(name, listener),
        setWindowOpenHandler: (handler: () => { action: string }) => {
          openHandler = handler;
        },
        getURL: () => url,
      },
      fire(name: string, target?: string) {
        const event = { url: target, preventDefault: vi.fn() };
        listeners.get(name)!(event);
        return event.preventDefault.mock.calls.length > 0;
      },
      openWindow: () => openHandler!(),
    };
  }

  it('denies new windows, webviews and navigation away from the app', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents as never);
    expect(fake.openWindow()).toEqual({ action: 'deny' });
    expect(fake.fire('will-attach-webview')).toBe(true);
    expect(fake.fire('will-navigate', 'https://example.org/')).toBe(true);
    expect(fake.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fake.fire('will-redirect', 'https://example.org/')).toBe(true);
    expect(fake.fire('will-navigate', 'app://veldwerk/index.html')).toBe(false);
    expect(fake.fire('will-navigate', 'devtools://devtools/bundled/x.html')).toBe(true);
  });
});

describe('menu', () => {
  const labels = (items: MenuItemConstructorOptions[] | undefined): string[] =>
    (items ?? []).filter((item) => item.type !== 'separator').map((item) => (item.label ?? '').replace('&', ''));
  const submenu = (template: MenuItemConstructorOptions[], label: string) =>
    template.find((item) => item.label?.replace('&', '') === label)?.submenu as MenuItemConstructorOptions[];

  it('is Dutch and sends commands to the renderer', () => {
    const sent: string[] = [];
    const about = vi.fn();
    const template = buildMenuTemplate({ isPackaged: true, platform: 'linux', sendCommand: (c) => sent.push(c), showAbout: about });
    expect(labels(template)).toEqual(['Bestand', 'Bewerken', 'Beeld', 'Help']);
    expect(labels(submenu(template, 'Bestand'))).toEqual([
      'Nieuw onderzoek…',
      'Openen…',
      'Demo-onderzoek openen',
      'Sluiten',
      'Afsluiten',
    ]);
    expect(labels(submenu(template, 'Bewerken'))).toEqual([
      'Ongedaan maken',
      'Opnieuw',
      'Knippen',
      'Kopiëren',
      'Plakken',
      'Alles selecteren',
    ]);
    expect(labels(submenu(template, 'Beeld'))).toEqual(['Zoeken', 'Ware grootte', 'Inzoomen', 'Uitzoomen', 'Volledig scherm']);
    for (const item of [...submenu(template, 'Bestand'), ...submenu(template, 'Beeld')]) {
      (item.click as (() => void) | undefined)?.();
    }
    expect(sent).toEqual(['new-study', 'open-study', 'open-demo', 'focus-search']);
    (submenu(template, 'Help')[0]!.click as () => void)();
    expect(about).toHaveBeenCalledOnce();
    const search = submenu(template, 'Beeld').find((item) => item.label === 'Zoeken');
    expect(search?.accelerator).toBe('CmdOrCtrl+F');
  });

  it('offers the developer tools only when not packaged', () => {
    const options = { platform: 'linux' as const, sendCommand: () => {}, showAbout: () => {} };
    expect(labels(submenu(buildMenuTemplate({ ...options, isPackaged: true }), 'Beeld'))).not.toContain(
      'Ontwikkelaarshulpmiddelen',
    );
    expect(labels(submenu(buildMenuTemplate({ ...options, isPackaged: false }), 'Beeld'))).toContain(
      'Ontwikkelaarshulpmiddelen',
    );
  });

  it('has a macOS application menu', () => {
    const template = buildMenuTemplate({ isPackaged: true, platform: 'darwin', sendCommand: () => {}, showAbout: () => {} });
    expect(labels(template)[0]).toBe('Veldwerk');
    expect(labels(submenu(template, 'Bestand'))).not.toContain('Afsluiten');
  });
});

describe('study paths', () => {
  it('takes the study file from the command line', () => {
    const cwd = resolve('/home/inspecteur');
    expect(studyPathFromArgv(['/usr/bin/electron', '.', 'werk/ronde.veldwerk'], { isPackaged: false, cwd })).toBe(
      resolve(cwd, 'werk/ronde.veldwerk'),
    );
    expect(studyPathFromArgv(['Veldwerk', '--flag', resolve('/data/Ronde.VELDWERK')], { isPackaged: true, cwd })).toBe(
      resolve('/data/Ronde.VELDWERK'),
    );
    expect(studyPathFromArgv(['/usr/bin/electron', '.'], { isPackaged: false, cwd })).toBeNull();
    expect(studyPathFromArgv(['Veldwerk', 'notitie.txt'], { isPackaged: true, cwd })).toBeNull();
    expect(studyPathFromArgv(['Veldwerk', '--open=x.veldwerk'], { isPackaged: true, cwd })).toBeNull();
  });

  it('suggests a safe file name for a new study', () => {
    expect(suggestedStudyFileName('Toezichtronde 2025')).toBe('Toezichtronde 2025.veldwerk');
    expect(suggestedStudyFileName('Ronde: a/b\\c*?')).toBe('Ronde a b c.veldwerk');
    expect(suggestedStudyFileName('...')).toBe('Nieuw onderzoek.veldwerk');
    expect(withStudyExtension('/x/ronde')).toBe('/x/ronde.veldwerk');
    expect(withStudyExtension('/x/ronde.veldwerk')).toBe('/x/ronde.veldwerk');
    expect(demoStudyPathIn('/home/i/.config/Veldwerk')).toBe(join('/home/i/.config/Veldwerk', 'Demo toezichtronde.veldwerk'));
  });
});
