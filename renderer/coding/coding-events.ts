/**
 * A counter that goes up after every change to codings (create, edit, delete,
 * auto-code) and after every undo or redo, whatever it undid. Views that show
 * derived figures (evidence, judgments, review) subscribe and refetch:
 *
 *   const codingVersion = useCodingVersion();
 *   useEffect(() => { void reload(); }, [codingVersion]);
 *
 * Code that changes codings itself, outside the document view (a merge, a
 * delete from the evidence list), calls `bumpCodingVersion({ reloadOpenSource: true })`
 * so the open document fetches its codings again as well.
 */
import { create } from 'zustand';

interface CodingEvents {
  version: number;
  /** Goes up when the open document should fetch its codings again. */
  reloadRequest: number;
}

export const useCodingEvents = create<CodingEvents>()(() => ({ version: 0, reloadRequest: 0 }));

/** The current coding version; the component re-renders when it goes up. */
export function useCodingVersion(): number {
  return useCodingEvents((store) => store.version);
}

/** Tell every subscriber that codings (or anything undo/redo touched) changed. */
export function bumpCodingVersion(options: { reloadOpenSource?: boolean } = {}): void {
  useCodingEvents.setState((store) => ({
    version: store.version + 1,
    reloadRequest: options.reloadOpenSource ? store.reloadRequest + 1 : store.reloadRequest,
  }));
}
