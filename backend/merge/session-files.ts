/**
 * What the merge calls keep per host session: bundles staged for preview and
 * apply (a staged file is taken from the session once and kept here until it
 * has been applied, so that preview and apply can read it in turn).
 * Exported bundles wait with every produced file (api/produced-files.ts).
 */
import type { Session } from '../api/session';

type StagedEntry = ReturnType<Session['takeStaged']>[number];

const stagedBundles = new WeakMap<Session, Map<string, StagedEntry>>();

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
