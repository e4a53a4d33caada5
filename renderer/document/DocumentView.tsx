/**
 * The centre pane: the open source as readable text, with its codings drawn
 * as highlights and margin stripes. Lines carry their offsets (`data-start`)
 * so a search hit can be scrolled to and highlighted, and a selection turned
 * back into offsets for coding.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Code, Inspector } from '../../shared/api/types';
import { CodePalette } from '../coding/CodePalette';
import { CodingPopover } from '../coding/CodingPopover';
import { CodingToolbar } from '../coding/CodingToolbar';
import { CodingLookupContext, type CodingLookup } from '../coding/coding-lookup';
import { useCodings } from '../coding/coding-store';
import '../coding/coding.css';
import { ResizeHandles } from '../coding/ResizeHandles';
import { useCodingInteraction } from '../coding/use-coding-interaction';
import { useFramework } from '../framework/framework-store';
import { selectInspectors, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { DocumentChunk, type ChunkMark } from './DocumentChunk';
import './document.css';
import { DocumentHeader } from './DocumentHeader';
import { useDocument, type JumpTarget } from './document-store';
import { lineIndexAt, type DocLayout } from './layout';

export function DocumentView() {
  const document = useDocument((store) => store.document);
  const layout = useDocument((store) => store.layout);
  const loading = useDocument((store) => store.loading);
  const target = useDocument((store) => store.target);
  const byLine = useCodings((store) => store.index.byLine);
  const selectedId = useCodings((store) => store.selectedId);
  const lookup = useLookup();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const pageRef = useRef<HTMLElement>(null);
  const textRef = useRef<HTMLDivElement>(null);

  const mark = useMemo(() => (layout && target ? markFor(layout, target) : null), [layout, target]);
  const markedChunkStart = useMemo(() => (layout && mark ? chunkStartFor(layout, mark.lineStart) : null), [layout, mark]);
  const rendered = useRenderedChunks(layout, scrollerRef, textRef);
  // The chunk holding a search hit is built at once (and stays built), so the hit can be scrolled to.
  if (markedChunkStart !== null) rendered.add(markedChunkStart);
  useCodingInteraction(document, textRef, pageRef);

  // A newly opened source starts at the top, unless it was opened to show a hit.
  const hasTarget = target !== null;
  useLayoutEffect(() => {
    if (!hasTarget) scrollerRef.current?.scrollTo({ top: 0 });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when another source opens
  }, [document]);

  useEffect(() => {
    if (mark) return scrollToLine(scrollerRef.current, mark.lineStart);
  }, [mark]);

  if (!document || !layout) {
    return (
      <main className="pane document-pane" data-testid="document-view" aria-busy={loading}>
        <p className="pane-empty centred">{loading ? nl.document.loading : nl.document.empty}</p>
      </main>
    );
  }

  return (
    <main className="pane document-pane" data-testid="document-view" aria-busy={loading}>
      <div className="doc-scroller" ref={scrollerRef} tabIndex={0} role="region" aria-label={document.title}>
        <article className="doc-page" ref={pageRef}>
          <DocumentHeader document={document} />
          <CodingToolbar />
          <CodingLookupContext.Provider value={lookup}>
            {selectedId && <SelectedCodingStyle id={selectedId} />}
            <div className="doc-text" ref={textRef} aria-label={nl.document.textLabel} data-source-id={document.id}>
              {layout.chunks.map((chunk) => (
                <DocumentChunk
                  key={chunk.start}
                  chunk={chunk}
                  byLine={byLine}
                  mark={chunk.start === markedChunkStart ? mark : null}
                  rendered={rendered.has(chunk.start)}
                />
              ))}
            </div>
            <ResizeHandles pageRef={pageRef} textRef={textRef} />
            <CodingPopover />
            <CodePalette />
          </CodingLookupContext.Provider>
        </article>
      </div>
    </main>
  );
}

/** Chunks built when a source opens; the rest follow as they come within LOOKAHEAD of the view. */
const INITIAL_CHUNKS = 3;
const LOOKAHEAD = '2500px 0px';

/**
 * Which chunks have their lines built. A 300-page source has some 10,000
 * lines: building them all would take seconds, so a chunk is built when it
 * nears the view, and then stays built (a selection or a scroll back finds
 * it as it was).
 */
function useRenderedChunks(
  layout: DocLayout | null,
  scrollerRef: RefObject<HTMLElement | null>,
  textRef: RefObject<HTMLElement | null>,
): Set<number> {
  const [, setBuilt] = useState(0);
  const rendered = useMemo(() => new Set(layout?.chunks.slice(0, INITIAL_CHUNKS).map((chunk) => chunk.start) ?? []), [layout]);
  useEffect(() => {
    const root = textRef.current;
    if (!layout || !root) return;
    const observer = new IntersectionObserver(
      (entries) => {
        let added = 0;
        for (const entry of entries) {
          const start = Number((entry.target as HTMLElement).dataset.chunkStart);
          if (entry.isIntersecting && !rendered.has(start)) {
            rendered.add(start);
            added++;
          }
        }
        if (added > 0) setBuilt((count) => count + added);
      },
      { root: scrollerRef.current, rootMargin: LOOKAHEAD },
    );
    for (const section of root.querySelectorAll('.doc-chunk.pending')) observer.observe(section);
    return () => observer.disconnect();
  }, [layout, rendered, scrollerRef, textRef]);
  return rendered;
}

/** Codes and inspectors by id, rebuilt only when the framework or the team changes. */
function useLookup(): CodingLookup {
  const codes = useFramework((store) => store.codes);
  const inspectors = useSession(selectInspectors);
  return useMemo(
    () => ({
      codes: new Map<string, Code>(codes.map((code) => [code.id, code])),
      inspectors: new Map<string, Inspector>(inspectors.map((inspector) => [inspector.id, inspector])),
    }),
    [codes, inspectors],
  );
}

/** The selected coding stands out, without re-rendering the lines it covers. */
function SelectedCodingStyle({ id }: { id: string }) {
  const selector = `[data-coding-id="${CSS.escape(id)}"]`;
  return (
    <style>{`.doc-text .coding-hl${selector} { outline: 2px solid rgba(20, 30, 45, 0.55); outline-offset: 1px; }
.doc-text .margin-stripe${selector} { box-shadow: 0 0 0 2px rgba(20, 30, 45, 0.55); }`}</style>
  );
}

/** The line holding the target's start, and the part of that line to highlight. */
function markFor(layout: DocLayout, target: JumpTarget): ChunkMark | null {
  if (layout.lines.length === 0) return null;
  const line = layout.lines[lineIndexAt(layout.lines, target.start)]!;
  const from = Math.max(0, target.start - line.start);
  const to = Math.min(line.text.length, Math.max(from, target.end - line.start));
  return { lineStart: line.start, from, to };
}

function chunkStartFor(layout: DocLayout, lineStart: number): number | null {
  let found: number | null = null;
  for (const chunk of layout.chunks) {
    if (chunk.start > lineStart) break;
    found = chunk.start;
  }
  return found;
}

/**
 * Centre the line in view. Chunks above it may still have estimated heights;
 * once they are drawn their real size can shift the line, so centre again on
 * the next frames. Returns a cleanup that cancels pending frames.
 */
function scrollToLine(scroller: HTMLElement | null, lineStart: number): () => void {
  let frame = 0;
  let attempts = 0;
  const centre = () => {
    const line = scroller?.querySelector<HTMLElement>(`[data-start="${lineStart}"]`);
    if (!line) return;
    line.scrollIntoView({ block: 'center' });
    if (++attempts < 3) frame = requestAnimationFrame(centre);
  };
  centre();
  return () => cancelAnimationFrame(frame);
}
