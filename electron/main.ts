/**
 * The Electron main process: lifecycle, the one window, menus, dialogs and the
 * relay to the backend. The backend runs as a service in a utilityProcess of
 * its own (service-process.ts, the same entry and messages as the browser
 * host's worker); this process only relays calls and pushed events (relay.ts)
 * and answers what only it can: native dialogs and safeStorage sealing or
 * opening one key (study-keys.ts). It runs no study code: unlocking, new
 * study keys and encrypting a plaintext study run in the service.
 */
import { app, BrowserWindow, Menu, session as electronSession, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MenuCommand } from '../shared/api/bridge';
import { startUtilityService, type UtilityService } from './backend-service';
import { demoStudyPathIn, isStudyFileName, studyPathFromArgv } from './args';
import { MENU_CHANNEL } from './channels';
import { createDialogs } from './dialogs';
import { safeStorageRequests } from './study-keys';
import { registerIpc } from './ipc';
import { buildMenuTemplate } from './menu';
import { handleAppScheme, registerAppSchemePrivileges } from './protocol';
import { APP_ENTRY_URL } from './security';
import { createMainWindow, hardenSession, hardenWebContents } from './window';

let mainWindow: BrowserWindow | null = null;
let service: UtilityService | null = null;
/** A study file the OS asked us to open before the app was ready (macOS `open-file`). */
let pendingOpenPath: string | null = null;

const appRoot = () => app.getAppPath();

/** The open study as the service last reported it. */
type OpenStudy = { path: string; name: string } | null;
let openStudy: OpenStudy = null;

function updateTitle(study: OpenStudy): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  mainWindow.setTitle(study ? `Veldwerk — ${study.name}` : 'Veldwerk');
  if (process.platform === 'darwin') mainWindow.setRepresentedFilename(study?.path ?? '');
}

function sendMenuCommand(command: MenuCommand): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(MENU_CHANNEL, command);
}

function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

const dialogs = createDialogs(() => mainWindow);

/**
 * Open a study the OS or the command line named (the service asks this
 * process to unlock it first, when it is encrypted), once the calls running
 * on the open one finished; tell the user (in Dutch) when that fails.
 */
async function openStudyFile(path: string): Promise<boolean> {
  if (!service) return false;
  const result = await service.client.switchTo(path);
  if (!result.ok) dialogs.showError('Onderzoek niet geopend', `${path}\n\n${result.error.message}`);
  return result.ok;
}

async function openInitialStudy(current: UtilityService): Promise<void> {
  const path = pendingOpenPath ?? studyPathFromArgv(process.argv, { isPackaged: app.isPackaged, cwd: process.cwd() });
  pendingOpenPath = null;
  if (path && (await openStudyFile(path))) return;
  const result = await current.client.call('study.openDemo', {});
  if (!result.ok) console.error(`Veldwerk: het demo-onderzoek kon niet worden geopend: ${result.error.message}`);
}

async function start(): Promise<void> {
  const defaultSession = electronSession.defaultSession;
  hardenSession(defaultSession);
  handleAppScheme(join(appRoot(), 'dist', 'renderer'));

  const demoStudyPath = demoStudyPathIn(app.getPath('userData'));
  const current = startUtilityService(join(appRoot(), 'dist', 'electron', 'service-process.cjs'), {
    kind: 'electron',
    demoStudyPath,
    requests: {
      chooseStudyToOpen: () => dialogs.chooseStudyToOpen(),
      chooseFolder: () => dialogs.chooseFolder(),
      chooseNewStudyPath: (suggestedName) => dialogs.chooseNewStudyPath(suggestedName),
      chooseSavePath: (suggestedName, kind) => dialogs.chooseSavePath(suggestedName, kind),
      // shell.openPath resolves with an error message, empty on success.
      openPath: (path) => shell.openPath(path).then((error) => error === ''),
      // safeStorage seals and opens one key at a time; unlocking, new keys and encryption run in the service.
      ...safeStorageRequests,
    },
    onOpened: (study) => {
      openStudy = study;
      updateTitle(study);
    },
  });
  service = current;
  await current.client.ready;
  registerIpc(current.client, () => mainWindow);

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        isPackaged: app.isPackaged,
        platform: process.platform,
        sendCommand: sendMenuCommand,
        showAbout: () => dialogs.showAbout(),
      }),
    ),
  );

  await openInitialStudy(current);

  const iconPath = join(appRoot(), 'resources', 'icons', 'icon.png');
  mainWindow = createMainWindow({
    preloadPath: join(appRoot(), 'dist', 'electron', 'preload.cjs'),
    ...(existsSync(iconPath) ? { iconPath } : {}),
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  updateTitle(openStudy);
  await mainWindow.loadURL(APP_ENTRY_URL);
}

if (!app.requestSingleInstanceLock()) {
  // Another Veldwerk runs already; it gets our argv through `second-instance`.
  app.quit();
} else {
  app.enableSandbox();
  registerAppSchemePrivileges();
  if (process.platform === 'win32') app.setAppUserModelId('nl.veldwerk.app');

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusMainWindow();
    const path = studyPathFromArgv(argv, { isPackaged: app.isPackaged, cwd: workingDirectory });
    if (path) void openStudyFile(path).then((opened) => opened && sendMenuCommand('study-changed'));
  });

  // macOS: a .veldwerk file opened from Finder (may arrive before `ready`).
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (!isStudyFileName(path)) return;
    if (!service) {
      pendingOpenPath = path;
      return;
    }
    focusMainWindow();
    void openStudyFile(path).then((opened) => opened && sendMenuCommand('study-changed'));
  });

  app.on('window-all-closed', () => app.quit());

  // The service closes the study only after the running calls finished (an import or a merge is not cut off), then ends.
  app.on('will-quit', (event) => {
    const closing = service;
    if (!closing) return;
    event.preventDefault();
    service = null;
    void closing.stop().finally(() => app.quit());
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error(error);
      dialogs.showError('Veldwerk kon niet starten', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
