/**
 * The Electron main process: lifecycle, the one window, menus, dialogs and the
 * IPC wiring to the backend. The backend itself (backend/) is plain Node.
 */
import { app, BrowserWindow, Menu, session as electronSession, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dispatch, toApiError } from '../backend/api/handlers';
import { Session } from '../backend/api/session';
import type { Study } from '../backend/study/study';
import type { MenuCommand } from '../shared/api/bridge';
import { demoStudyPathIn, isStudyFileName, studyPathFromArgv } from './args';
import { MENU_CHANNEL } from './channels';
import { createDialogs } from './dialogs';
import { prepareNewStudyInApp, safeStorageKeychain } from './study-keys';
import { registerIpc } from './ipc';
import { buildMenuTemplate } from './menu';
import { handleAppScheme, registerAppSchemePrivileges } from './protocol';
import { APP_ENTRY_URL } from './security';
import { createMainWindow, hardenSession, hardenWebContents } from './window';

let mainWindow: BrowserWindow | null = null;
let session: Session | null = null;
/** A study file the OS asked us to open before the app was ready (macOS `open-file`). */
let pendingOpenPath: string | null = null;

const appRoot = () => app.getAppPath();

function windowTitle(study: Study | null): string {
  if (!study) return 'Veldwerk';
  try {
    return `Veldwerk — ${study.info().name}`;
  } catch {
    return 'Veldwerk';
  }
}

function updateTitle(study: Study | null): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  mainWindow.setTitle(windowTitle(study));
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
 * Open a study the OS or the command line named, once the calls running on
 * the open one finished (an encrypted one whose key safeStorage does not hold
 * is held and its passphrase asked in the window); tell the user (in Dutch)
 * when that fails.
 */
async function openStudyFile(path: string): Promise<boolean> {
  if (!session) return false;
  try {
    await session.switchOrAsk(path);
    return true;
  } catch (error) {
    dialogs.showError('Onderzoek niet geopend', `${path}\n\n${toApiError(error).message}`);
    return false;
  }
}

async function openInitialStudy(current: Session): Promise<void> {
  const path = pendingOpenPath ?? studyPathFromArgv(process.argv, { isPackaged: app.isPackaged, cwd: process.cwd() });
  pendingOpenPath = null;
  if (path && (await openStudyFile(path))) return;
  const result = await dispatch(current, 'study.openDemo', {});
  if (!result.ok) console.error(`Veldwerk: het demo-onderzoek kon niet worden geopend: ${result.error.message}`);
}

async function start(): Promise<void> {
  const defaultSession = electronSession.defaultSession;
  hardenSession(defaultSession);
  handleAppScheme(join(appRoot(), 'dist', 'renderer'));

  const current = new Session({
    kind: 'electron',
    chooseStudyToOpen: () => dialogs.chooseStudyToOpen(),
    chooseNewStudyPath: (suggestedName) => dialogs.chooseNewStudyPath(suggestedName),
    chooseSavePath: (suggestedName, kind) => dialogs.chooseSavePath(suggestedName, kind),
    // shell.openPath resolves with an error message, empty on success.
    openPath: (path) => shell.openPath(path).then((error) => error === ''),
    demoStudyPath: () => demoStudyPathIn(app.getPath('userData')),
    keychain: safeStorageKeychain,
    prepareNewStudy: (path) => prepareNewStudyInApp(path, mainWindow),
    onStudyChanged: updateTitle,
  });
  session = current;
  registerIpc(current, () => mainWindow);

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
  updateTitle(current.openStudy);
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
    if (!session) {
      pendingOpenPath = path;
      return;
    }
    focusMainWindow();
    void openStudyFile(path).then((opened) => opened && sendMenuCommand('study-changed'));
  });

  app.on('window-all-closed', () => app.quit());

  // The study closes only after the running calls finished (an import or a merge is not cut off).
  app.on('will-quit', (event) => {
    const closing = session;
    if (!closing) return;
    event.preventDefault();
    session = null;
    void closing.closeWhenIdle().finally(() => app.quit());
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
