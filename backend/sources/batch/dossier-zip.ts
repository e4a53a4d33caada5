/**
 * A dossier export zip, unpacked within the limits before anything of it is
 * read: entry count, declared total size and expansion ratio (./zip-limits,
 * the same checks as for a Word document), names that climb out of the
 * archive (`..`, absolute paths) refuse the zip whole, as a hostile one;
 * nested zips and shortcuts are refused per file. Entries are sealed into
 * the session's staging store (store/staging-store.ts) under random ids,
 * never written under their own names, so no entry name can reach a path.
 */
import { basename } from 'node:path';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { UserError } from '../../errors';
import { asInputFile, type FileRef, type StagingStore } from '../../store/staging-store';
import { DEFAULT_LIMITS } from '../extract/types';
import { tooManyEntries, zipEntryProblem, type ZipLimits } from '../zip-limits';
import { isSystemLitter, isZipName, MAX_BATCH_FILES, REFUSALS, tooManyFiles, type BatchFile, type BatchRefused } from './batch-files';

const SUBJECT = 'Het zip-bestand';
const NOTHING = ' Er is niets geïmporteerd.';
const DAMAGED = `${SUBJECT} is beschadigd of onvolledig.${NOTHING}`;
const TRAVERSAL = `${SUBJECT} bevat een bestand met een pad buiten de zip (zoals ../ of een absoluut pad); dat wijst op een kwaadaardig bestand.${NOTHING}`;
/** Unix file type bits in the high half of the external attributes. */
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

export const DOSSIER_ZIP_LIMITS: ZipLimits = {
  maxZipEntries: DEFAULT_LIMITS.maxZipEntries,
  maxUncompressedBytes: DEFAULT_LIMITS.maxUncompressedBytes,
  maxExpansionRatio: DEFAULT_LIMITS.maxExpansionRatio,
};

/**
 * The zip's files unpacked into `store`, each piece's id added to `pieces`
 * as it is written; throws a UserError when the zip breaks a limit (the
 * caller removes the pieces then, as when the batch is done).
 */
export async function unpackDossierZip(
  source: FileRef,
  store: StagingStore,
  pieces: string[],
  limits: ZipLimits = DOSSIER_ZIP_LIMITS,
): Promise<{ files: BatchFile[]; refused: BatchRefused[] }> {
  let zip: ZipFile;
  const options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false };
  try {
    // The user's own zip is read where it is; an upload from its sealed piece, in memory.
    zip = 'path' in source && source.path ? await yauzl.openPromise(source.path, options) : await yauzl.fromBufferPromise(asInputFile(source).read(), options);
  } catch {
    throw new UserError(DAMAGED);
  }
  try {
    if (zip.entryCount > limits.maxZipEntries) throw new UserError(tooManyEntries(limits, SUBJECT) + NOTHING);
    return await unpackEntries(zip, store, pieces, limits);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(/absolute path|invalid relative path/.test(String((error as Error)?.message)) ? TRAVERSAL : DAMAGED);
  } finally {
    zip.close();
  }
}

async function unpackEntries(zip: ZipFile, store: StagingStore, pieces: string[], limits: ZipLimits) {
  const files: BatchFile[] = [];
  const refused: BatchRefused[] = [];
  let declaredTotal = 0;
  for await (const entry of zip.eachEntry()) {
    const relativePath = entryName(entry).replace(/\/+$/, '');
    if (entry.fileName.endsWith('/') || isSystemLitter(relativePath)) continue;
    const problem = zipEntryProblem(entry, (declaredTotal += entry.uncompressedSize), limits, SUBJECT);
    if (problem) throw new UserError(problem + NOTHING);
    if (isShortcut(entry)) refused.push({ relativePath, reason: REFUSALS.shortcut });
    else if (isZipName(relativePath)) refused.push({ relativePath, reason: REFUSALS.nestedZip });
    else {
      if (files.length >= MAX_BATCH_FILES) throw tooManyFiles();
      // validateEntrySizes fails the stream as soon as more bytes come out than the directory declared.
      const piece = await store.putStream(await zip.openReadStreamPromise(entry));
      pieces.push(piece);
      files.push({ relativePath, file: store.inputFile(piece, basename(relativePath)) });
    }
  }
  return { files, refused };
}

const UTF8_FLAG = 0x800;
const UNICODE_PATH_FIELD = 0x7075;

/**
 * The entry's name. A zip that does not say its names are UTF-8 is read as
 * CP437 by the standard, yet Info-ZIP on Linux and many other writers store
 * UTF-8 without saying so ("Cliëntdossiers" would become "Cli├½ntdossiers"):
 * bytes that are valid UTF-8 beyond ASCII are read as UTF-8, as 7-Zip does.
 * yauzl has already refused names that climb out of the zip; UTF-8 never
 * encodes '/', '.' or '\\' in its multi-byte sequences, so that check holds.
 */
function entryName(entry: Entry): string {
  const declared = (entry.generalPurposeBitFlag & UTF8_FLAG) !== 0 || entry.extraFields.some((field) => field.id === UNICODE_PATH_FIELD);
  if (declared || !entry.fileNameRaw.some((byte) => byte >= 0x80)) return entry.fileName;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(entry.fileNameRaw).replace(/\\/g, '/');
  } catch {
    return entry.fileName;
  }
}

function isShortcut(entry: Entry): boolean {
  return ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK;
}
