// Bewerken > Ongedaan maken / Opnieuw are menu commands for the renderer (not
// the native roles), so the renderer can undo the last action in the study,
// or the typing in a text field.
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { isMenuCommand, MENU_COMMANDS } from '../../shared/api/bridge';
import { buildMenuTemplate } from '../../electron/menu';

describe('undo and redo in the menu', () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    it(`send 'undo' and 'redo' to the renderer (${platform})`, () => {
      const sent: string[] = [];
      const template = buildMenuTemplate({ isPackaged: true, platform, sendCommand: (command) => sent.push(command), showAbout: () => {} });
      const edit = template.find((item) => item.label?.replace('&', '') === 'Bewerken')!.submenu as MenuItemConstructorOptions[];
      const [undo, redo] = edit;
      expect(undo).toMatchObject({ id: 'undo', label: 'Ongedaan maken', accelerator: 'CmdOrCtrl+Z' });
      expect(redo).toMatchObject({ id: 'redo', label: 'Opnieuw' });
      expect(undo!.role).toBeUndefined();
      expect(redo!.role).toBeUndefined();
      (undo!.click as () => void)();
      (redo!.click as () => void)();
      expect(sent).toEqual(['undo', 'redo']);
    });
  }

  it('lets the bridge pass them on', () => {
    expect(MENU_COMMANDS).toContain('undo');
    expect(MENU_COMMANDS).toContain('redo');
    expect(isMenuCommand('redo')).toBe(true);
  });
});
