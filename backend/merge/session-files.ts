/**
 * What the merge calls keep per host session: bundles staged for preview and
 * apply (a staged file is taken from the session once and kept here until it
 * has been applied, so that preview and apply can read it in turn), and
 * exported bundles waiting to be downloaded (browser host).
 */
import { randomUUID } from 'node:crypto';
import type { Session } from '../api/session';

type StagedEntry = ReturnType<Session['takeStaged']>[number];

const stagedBundles = new WeakMap<Session, Map<string, StagedEntry>>();
const downloads = new WeakMap<Session, Map<string, { fileName: string; bytes: Uint8Array }>>();
const MAX_DOWNLOADS = 5;

/** The path of a staged bundle (taking it over from the session on first use). */
export function stagedBundlePath(session: Session, stagedId: string): string {
  let entries = stagedBundles.get(session);
  if (!entries) stagedBundles.set(session, (entries = new Map()));
  let entry = entries.get(stagedId);
  if (!entry) {
    entry = session.takeStaged([stagedId])[0]!;
    entries.set(stagedId, entry);
  }
  return entry.path;
}

/** Done with a staged bundle: remove the staged copy. */
export function releaseStagedBundle(session: Session, stagedId: string): void {
  const entry = stagedBundles.get(session)?.get(stagedId);
  if (!entry) return;
  stagedBundles.get(session)!.delete(stagedId);
  session.discard([entry]);
}

export function addDownload(session: Session, fileName: string, bytes: Uint8Array): string {
  let entries = downloads.get(session);
  if (!entries) downloads.set(session, (entries = new Map()));
  const id = randomUUID();
  entries.set(id, { fileName, bytes });
  while (entries.size > MAX_DOWNLOADS) entries.delete(entries.keys().next().value!);
  return id;
}

export function getDownload(session: Session, id: string): { fileName: string; bytes: Uint8Array } | undefined {
  return downloads.get(session)?.get(id);
}
