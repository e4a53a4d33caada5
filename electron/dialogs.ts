/** Native dialogs of the desktop app, in Dutch. */
import { app, dialog, type BrowserWindow, type FileFilter, type MessageBoxOptions, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { join } from 'node:path';
import { STUDY_EXTENSION, suggestedStudyFileName, withStudyExtension } from './args';

const STUDY_FILTERS = [{ name: 'Veldwerk-onderzoek', extensions: [STUDY_EXTENSION] }];

/** What the save dialog offers for each kind of file the backend writes. */
export type SaveKind = 'study' | 'bundle' | 'report' | 'template' | 'export';

const SAVE_KINDS: Record<SaveKind, { title: string; filters: FileFilter[] }> = {
  study: { title: 'Kopie opslaan', filters: STUDY_FILTERS },
  bundle: { title: 'Bundel opslaan', filters: [{ name: 'Veldwerk-bundel', extensions: ['vwbundle'] }] },
  report: { title: 'Rapportconcept opslaan', filters: [{ name: 'Word-document', extensions: ['docx'] }] },
  template: { title: 'Rapportsjabloon opslaan', filters: [{ name: 'Word-document', extensions: ['docx'] }] },
  export: {
    title: 'Export opslaan',
    filters: [
      { name: 'REFI-QDA-project', extensions: ['qdpx'] },
      { name: 'REFI-QDA-codeboek', extensions: ['qdc'] },
      { name: 'Excel-werkmap', extensions: ['xlsx'] },
    ],
  },
};

export interface Dialogs {
  chooseStudyToOpen(): Promise<string | null>;
  /** A folder of material to import at once (batch import). */
  chooseFolder(): Promise<string | null>;
  chooseNewStudyPath(studyName: string): Promise<string | null>;
  chooseSavePath(suggestedName: string, kind: SaveKind): Promise<string | null>;
  showAbout(): void;
  showError(title: string, message: string): void;
}

export function createDialogs(getWindow: () => BrowserWindow | null): Dialogs {
  const parent = () => {
    const win = getWindow();
    return win && !win.isDestroyed() ? win : null;
  };

  return {
    async chooseStudyToOpen() {
      const options: OpenDialogOptions = {
        title: 'Onderzoek openen',
        buttonLabel: 'Openen',
        filters: STUDY_FILTERS,
        properties: ['openFile'],
      };
      const win = parent();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },

    async chooseFolder() {
      const options: OpenDialogOptions = { title: 'Map met bronnen importeren', buttonLabel: 'Map kiezen', properties: ['openDirectory'] };
      const win = parent();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },

    async chooseNewStudyPath(studyName) {
      const options: SaveDialogOptions = {
        title: 'Nieuw onderzoek opslaan',
        buttonLabel: 'Opslaan',
        defaultPath: join(app.getPath('documents'), suggestedStudyFileName(studyName)),
        filters: STUDY_FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const win = parent();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : withStudyExtension(result.filePath);
    },

    async chooseSavePath(suggestedName, kind) {
      const { title, filters } = SAVE_KINDS[kind];
      const options: SaveDialogOptions = {
        title,
        buttonLabel: 'Opslaan',
        defaultPath: join(app.getPath('documents'), suggestedName),
        // The filter of the suggested name's extension first: the dialog preselects it.
        filters: [...filters].sort((a, b) => Number(hasExtensionOf(b, suggestedName)) - Number(hasExtensionOf(a, suggestedName))),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const win = parent();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },

    showAbout() {
      const options: MessageBoxOptions = {
        type: 'info',
        title: 'Over Veldwerk',
        message: `Veldwerk ${app.getVersion()}`,
        detail:
          'Coderen, beoordelen en rapporteren voor inspectieteams in de jeugdbescherming.\n\n' +
          `Electron ${process.versions.electron ?? '?'} · Chromium ${process.versions.chrome ?? '?'} · Node.js ${process.versions.node}`,
        buttons: ['Sluiten'],
        noLink: true,
      };
      const win = parent();
      void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
    },

    showError(title, message) {
      dialog.showErrorBox(title, message);
    },
  };
}

function hasExtensionOf(filter: FileFilter, fileName: string): boolean {
  return filter.extensions.some((extension) => fileName.toLowerCase().endsWith(`.${extension}`));
}
