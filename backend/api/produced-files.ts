/**
 * The one hand-off of a file the program produced (a report draft or its
 * appendix, an exchange export, the standard template, a team bundle, a survey
 * table): the producing call keeps it here for the session, and the host
 * hands it to the user. The browser host serves a kept file by a one-time
 * link (downloads.ts, GET /api/download/report/<id>); the app saves it where
 * the user chooses with its save dialog (`file.save`, `saveProducedFile`);
 * the CLI writes it to the path on its command line (`writeProducedFile`).
 */
import { randomUUID } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { UserError } from '../errors';
import type { HostServices, Session } from './session';

/** What the save dialog offers for the file (its title and file types). */
export type SaveKind = Parameters<NonNullable<HostServices['chooseSavePath']>>[1];

export interface ProducedFile {
  fileName: string;
  data: Buffer;
  kind: SaveKind;
  created: number;
}

/** What handing a kept file off by the save dialog gave: the path (null when the user cancelled) and whether it opened. */
export interface FileSaved {
  path: string | null;
  opened: boolean;
}

// Every file of a working session stays available from its dialog; only a very
// long session drops its oldest (drafts are a few MB each, held in memory).
const KEEP_MS = 12 * 60 * 60 * 1000;
const KEEP_COUNT = 40;
const stores = new WeakMap<object, Map<string, ProducedFile>>();

function storeOf(owner: object): Map<string, ProducedFile> {
  let store = stores.get(owner);
  if (!store) stores.set(owner, (store = new Map()));
  const now = Date.now();
  for (const [id, file] of store) if (now - file.created > KEEP_MS) store.delete(id);
  return store;
}

/** Keep a produced file for `owner` (a session); returns its id. The oldest go when there are too many. */
export function keepProducedFile(owner: object, file: { fileName: string; data: Uint8Array; kind: SaveKind }): string {
  const store = storeOf(owner);
  const id = randomUUID();
  const data = Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength);
  store.set(id, { fileName: file.fileName, data, kind: file.kind, created: Date.now() });
  while (store.size > KEEP_COUNT) store.delete(store.keys().next().value!);
  return id;
}

export function producedFile(owner: object, id: string): ProducedFile {
  const file = storeOf(owner).get(id);
  if (!file) throw new UserError('Dit bestand is niet meer beschikbaar; maak het opnieuw.', 'not-found');
  return file;
}

/** Browser host: the address a kept file is downloaded from (by a one-time link); null in hosts that save instead. */
export function downloadPathOf(session: Session, fileId: string): string | null {
  return session.host.kind === 'browser' ? `/api/download/report/${fileId}` : null;
}

/**
 * Save a kept file where the user chooses (the host's save dialog) and open it
 * when asked. Hosts without a dialog cannot: the browser downloads instead,
 * the CLI names a path.
 */
export async function saveProducedFile(session: Session, fileId: string, open: boolean): Promise<FileSaved> {
  const file = producedFile(session, fileId);
  if (!session.host.chooseSavePath) throw new UserError('Deze omgeving kan niet opslaan; download het bestand.', 'invalid-input');
  const path = await session.host.chooseSavePath(file.fileName, file.kind);
  if (!path) return { path: null, opened: false };
  writeProducedFile(path, file.data);
  const opened = open && session.host.openPath ? await session.host.openPath(path) : false;
  return { path, opened };
}

/** Write a file where the user said, whole or not at all (a half-written draft never takes the name); readable by the user only. */
export function writeProducedFile(path: string, data: Uint8Array): void {
  const partial = `${path}.${process.pid}.deel`;
  try {
    writeFileSync(partial, data, { mode: 0o600 });
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    const reason = (error as NodeJS.ErrnoException).code === 'EACCES' ? 'geen schrijfrechten' : 'de map bestaat niet of is niet beschikbaar';
    throw new UserError(`Het bestand kan niet worden opgeslagen in "${path}" (${reason}).`, 'rejected');
  }
}
