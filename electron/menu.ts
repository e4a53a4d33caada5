/**
 * The Dutch application menu as a template. Only type imports from Electron:
 * main.ts turns the template into a Menu, tests inspect it directly.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/api/bridge';

export interface MenuOptions {
  /** False while developing: then the developer tools are in the menu. */
  isPackaged: boolean;
  platform: NodeJS.Platform;
  /** Send a command to the renderer (`veldwerk:menu`). */
  sendCommand: (command: MenuCommand) => void;
  showAbout: () => void;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const send = (command: MenuCommand) => () => options.sendCommand(command);

  const appMenu: MenuItemConstructorOptions = {
    label: 'Veldwerk',
    submenu: [
      { label: 'Over Veldwerk', click: options.showAbout },
      { type: 'separator' },
      { role: 'hide', label: 'Veldwerk verbergen' },
      { role: 'hideOthers', label: 'Andere verbergen' },
      { role: 'unhide', label: 'Alles tonen' },
      { type: 'separator' },
      { role: 'quit', label: 'Veldwerk afsluiten' },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: '&Bestand',
    submenu: [
      { id: 'new-study', label: 'Nieuw onderzoek…', accelerator: 'CmdOrCtrl+N', click: send('new-study') },
      { id: 'open-study', label: 'Openen…', accelerator: 'CmdOrCtrl+O', click: send('open-study') },
      { id: 'open-demo', label: 'Demo-onderzoek openen', click: send('open-demo') },
      { type: 'separator' },
      { role: 'close', label: 'Sluiten' },
      ...(isMac ? [] : ([{ type: 'separator' }, { role: 'quit', label: 'Afsluiten', accelerator: 'Ctrl+Q' }] as const)),
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: 'Be&werken',
    submenu: [
      // Not the native roles: the renderer decides between undoing typing in a
      // text field and undoing the last action in the study (coding, editing).
      { id: 'undo', label: 'Ongedaan maken', accelerator: 'CmdOrCtrl+Z', click: send('undo') },
      { id: 'redo', label: 'Opnieuw', accelerator: isMac ? 'Shift+CmdOrCtrl+Z' : 'CmdOrCtrl+Y', click: send('redo') },
      { type: 'separator' },
      { role: 'cut', label: 'Knippen' },
      { role: 'copy', label: 'Kopiëren' },
      { role: 'paste', label: 'Plakken' },
      { type: 'separator' },
      { role: 'selectAll', label: 'Alles selecteren' },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: 'Bee&ld',
    submenu: [
      { id: 'focus-search', label: 'Zoeken', accelerator: 'CmdOrCtrl+F', click: send('focus-search') },
      { type: 'separator' },
      { role: 'resetZoom', label: 'Ware grootte' },
      { role: 'zoomIn', label: 'Inzoomen' },
      { role: 'zoomOut', label: 'Uitzoomen' },
      { type: 'separator' },
      { role: 'togglefullscreen', label: 'Volledig scherm' },
      ...(options.isPackaged
        ? []
        : ([{ type: 'separator' }, { role: 'toggleDevTools', label: 'Ontwikkelaarshulpmiddelen' }] as const)),
    ],
  };

  const helpMenu: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [{ id: 'about', label: 'Over Veldwerk', click: options.showAbout }],
  };

  return [...(isMac ? [appMenu] : []), fileMenu, editMenu, viewMenu, helpMenu];
}
