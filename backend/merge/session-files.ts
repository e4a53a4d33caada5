/**
 * What the merge calls keep per host session: bundles staged for preview and
 * apply (a staged file is taken from the session once and kept here until it
 * has been applied, so that preview and apply can read it in turn). An
 * uploaded bundle stays sealed in the session's staging store and is read
 * from there into memory for each; the user's own bundle file (CLI) is read
 * where it is.
 * Exported bundles wait with every produced file (api/produced-files.ts).
 */
import type { Session } from '../api/session';
import type { BundleSource } from './bundle-file';

type StagedEntry = ReturnType<Session['takeStaged']>[number];

const stagedBundles = new WeakMap<Session, Map<string, StagedEntry>>();

/** Where a staged bundle is read from (taking it over from the session on first use). */
export function stagedBundleSource(session: Session, stagedId: string): BundleSource {
  let entries = stagedBundles.get(session);
  if (!entries) stagedBundles.set(session, (entries = new Map()));
  let entry = entries.get(stagedId);
  if (!entry) {
    entry = session.takeStaged([stagedId])[0]!;
    entries.set(stagedId, entry);
  }
  return entry.path ? { path: entry.path } : { bytes: entry.read() };
}

/** Done with a staged bundle: remove the staged copy. */
export function releaseStagedBundle(session: Session, stagedId: string): void {
  const entry = stagedBundles.get(session)?.get(stagedId);
  if (!entry) return;
  stagedBundles.get(session)!.delete(stagedId);
  session.discard([entry]);
}
