/**
 * Pure helpers around study file paths: which study the command line names,
 * the suggested file name for a new study and where the demo lives.
 */
import { isAbsolute, join, resolve } from 'node:path';
import { DEMO_STUDY_FILE_NAME } from '../backend/app-paths';

export { DEMO_STUDY_FILE_NAME };
export const STUDY_EXTENSION = 'veldwerk';

export function isStudyFileName(path: string): boolean {
  return path.toLowerCase().endsWith(`.${STUDY_EXTENSION}`);
}

/**
 * The study file named on a command line, resolved against `cwd`, or null.
 * `argv` is Electron's: `[electron, '.', ...args]` in development,
 * `[Veldwerk, ...args]` when packaged. Switches (`--foo`, also the ones
 * Chromium adds for a second instance) are skipped; only `.veldwerk` files count.
 */
export function studyPathFromArgv(argv: readonly string[], options: { isPackaged: boolean; cwd: string }): string | null {
  const args = argv.slice(options.isPackaged ? 1 : 2);
  for (const arg of args) {
    if (!arg || arg.startsWith('-')) continue;
    if (!isStudyFileName(arg)) continue;
    return isAbsolute(arg) ? arg : resolve(options.cwd, arg);
  }
  return null;
}

/** File name for a new study: the study name without characters file systems refuse, plus `.veldwerk`. */
export function suggestedStudyFileName(studyName: string): string {
  const cleaned = studyName
    .normalize('NFC')
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '')
    .slice(0, 120)
    .trim();
  return `${cleaned || 'Nieuw onderzoek'}.${STUDY_EXTENSION}`;
}

/** Make sure a path chosen in a save dialog ends in `.veldwerk`. */
export function withStudyExtension(path: string): string {
  return isStudyFileName(path) ? path : `${path}.${STUDY_EXTENSION}`;
}

export function demoStudyPathIn(userDataDir: string): string {
  return join(userDataDir, DEMO_STUDY_FILE_NAME);
}
