/**
 * The files of a batch, as material arrives: a folder with sub-folders (walked
 * here, for the CLI and the desktop's folder dialog) or a dossier export zip
 * (./dossier-zip.ts). Each file keeps its path inside the folder, from which
 * its details are guessed. Shortcuts are not followed, operating-system
 * litter is passed over, and a folder with more files than one batch takes is
 * refused whole.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { UserError } from '../../errors';
import type { FileRef } from '../../store/staging-store';

export interface BatchFile {
  /** Forward slashes, relative to the folder or zip. */
  relativePath: string;
  /** The bytes: the user's own file by its path, or a sealed piece of the staging store (an upload, a zip's entry). */
  file: FileRef;
}

export interface BatchRefused {
  relativePath: string;
  reason: string;
}

export const MAX_BATCH_FILES = 2000;
const MAX_DEPTH = 32;

export const REFUSALS = {
  shortcut: 'Dit is een snelkoppeling (symbolische link); Veldwerk volgt die niet. Kies het bestand zelf.',
  nestedZip: 'Een zip-bestand in de map of zip wordt niet uitgepakt; pak het eerst uit en importeer die map.',
} as const;

/** Finder's and Explorer's own files, which nobody means to import. */
export function isSystemLitter(relativePath: string): boolean {
  const parts = relativePath.split('/');
  const name = parts[parts.length - 1]!;
  return parts.includes('__MACOSX') || name.startsWith('.') || /^(thumbs\.db|desktop\.ini)$/i.test(name) || name.startsWith('~$');
}

export function isZipName(name: string): boolean {
  return /\.zip$/i.test(name);
}

export function tooManyFiles(): UserError {
  return new UserError(`De map of zip bevat meer dan ${MAX_BATCH_FILES.toLocaleString('nl-NL')} bestanden; importeer hem in delen. Er is niets geïmporteerd.`, 'rejected');
}

/** Every file under `folder`, depth first in name order; shortcuts and nested zips listed as refused. */
export function collectFolder(folder: string): { files: BatchFile[]; refused: BatchRefused[] } {
  const files: BatchFile[] = [];
  const refused: BatchRefused[] = [];
  const walk = (directory: string, prefix: string, depth: number) => {
    if (depth > MAX_DEPTH) throw new UserError('De map is te diep genest (meer dan 32 niveaus). Er is niets geïmporteerd.', 'rejected');
    const names = readdirSync(directory).sort((a, b) => a.localeCompare(b, 'nl'));
    for (const name of names) {
      const path = join(directory, name);
      const relativePath = prefix ? `${prefix}/${name}` : name;
      if (isSystemLitter(relativePath)) continue;
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) refused.push({ relativePath, reason: REFUSALS.shortcut });
      else if (stat.isDirectory()) walk(path, relativePath, depth + 1);
      else if (!stat.isFile()) continue;
      else if (isZipName(name)) refused.push({ relativePath, reason: REFUSALS.nestedZip });
      else {
        files.push({ relativePath, file: { path, fileName: basename(relativePath) } });
        if (files.length > MAX_BATCH_FILES) throw tooManyFiles();
      }
    }
  };
  try {
    if (!lstatSync(folder).isDirectory()) throw new UserError(`"${basename(folder)}" is geen map.`, 'invalid-input');
    walk(folder, '', 0);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`De map "${basename(folder)}" kan niet worden gelezen. Er is niets geïmporteerd.`, 'invalid-input');
  }
  return { files, refused };
}
