/**
 * The .qdpx container: a zip with project.qde and a flat sources/ folder
 * (lower case; one major program refuses Sources/). Written with yazl, read
 * with yauzl within limits: a project from outside is hostile until read.
 */
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import yazl from 'yazl';
import { UserError } from '../errors';
import { bytesOf, sizeOf, type FileSource } from '../store/staging-store';
import { noteFileName, sourceFileNames, writeProjectXml } from './qde-write';
import type { RefiProject } from './refi-model';

export const PROJECT_ENTRY = 'project.qde';

export async function writeQdpx(project: RefiProject): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(writeProjectXml(project), 'utf8'), PROJECT_ENTRY);
  for (const source of project.sources) {
    const names = sourceFileNames(source);
    zip.addBuffer(Buffer.from(source.plainText, 'utf8'), `sources/${names.plainText}`);
    if (source.original && names.original) zip.addBuffer(source.original.data, `sources/${names.original}`, { compress: false });
  }
  for (const note of project.notes) zip.addBuffer(Buffer.from(note.text, 'utf8'), `sources/${noteFileName(note)}`);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface ArchiveLimits {
  maxFileBytes: number;
  maxEntries: number;
  maxUncompressedBytes: number;
  maxExpansionRatio: number;
}

const MB = 1024 * 1024;
export const QDPX_LIMITS: ArchiveLimits = Object.freeze({
  maxFileBytes: 1024 * MB,
  maxEntries: 50_000,
  maxUncompressedBytes: 1024 * MB,
  maxExpansionRatio: 200,
});

/** Entries below this size cannot exhaust memory, whatever their ratio. */
const RATIO_CHECK_FROM_BYTES = MB;

const BROKEN = 'Het bestand is geen leesbaar REFI-QDA-project (.qdpx): het zip-archief is beschadigd of onvolledig.';

/** The archive's entries by name, inflated; refused with a Dutch message when it breaks a limit. */
export async function readQdpxEntries(source: FileSource, limits: ArchiveLimits = QDPX_LIMITS): Promise<Map<string, Buffer>> {
  let size: number;
  try {
    size = sizeOf(source);
  } catch {
    throw new UserError(`Het bestand "${source as string}" bestaat niet of kan niet worden gelezen.`, 'invalid-input');
  }
  if (size > limits.maxFileBytes) throw new UserError(`Het project is groter dan ${limits.maxFileBytes / MB} MB; dat is te groot om te importeren.`);
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytesOf(source), { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
  } catch {
    throw new UserError(BROKEN);
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new UserError(`Het project bestaat uit meer dan ${limits.maxEntries.toLocaleString('nl-NL')} bestanden; dat wijst op een beschadigd of kwaadaardig bestand.`);
    }
    return await inflateAll(zip, limits);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(BROKEN);
  } finally {
    zip.close();
  }
}

async function inflateAll(zip: ZipFile, limits: ArchiveLimits): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  let total = 0;
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName.endsWith('/')) continue;
    checkEntry(entry, (total += entry.uncompressedSize), limits);
    const chunks: Buffer[] = [];
    // validateEntrySizes makes yauzl fail as soon as more bytes come out than declared.
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    entries.set(entry.fileName.replace(/\\/g, '/'), Buffer.concat(chunks));
  }
  return entries;
}

function checkEntry(entry: Entry, declaredTotal: number, limits: ArchiveLimits): void {
  if (entry.isEncrypted()) throw new UserError('Het project is met een wachtwoord beveiligd; exporteer het zonder wachtwoord.');
  if (declaredTotal > limits.maxUncompressedBytes) {
    throw new UserError(`Het project is uitgepakt groter dan ${limits.maxUncompressedBytes / MB} MB; dat is te groot om te importeren.`);
  }
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize > RATIO_CHECK_FROM_BYTES && ratio > limits.maxExpansionRatio) {
    throw new UserError(
      `Het project bevat een bestand dat uitgepakt meer dan ${limits.maxExpansionRatio} keer zo groot wordt; dat wijst op een beschadigd of kwaadaardig bestand.`,
    );
  }
}
