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
import { useCodingUi } from '../coding/coding-ui-store';
import '../coding/coding.css';
import { ResizeHandles } from '../coding/ResizeHandles';
import { useCodingInteraction } from '../coding/use-coding-interaction';
import { useCodingKeys } from '../coding/use-coding-keys';
import { CodingAnnouncer, ShortcutSheet } from '../coding/ShortcutSheet';
import { PassageMemoMarks } from '../memos/PassageMemoMarks';
import { useFramework } from '../framework/framework-store';
import { selectInspectors, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { DocumentChunk, type ChunkMark } from './DocumentChunk';
import './document.css';
import { DocumentHeader } from './DocumentHeader';
import { useDocument, type JumpTarget } from './document-store';
import { charsPerLineAt, DEFAULT_CHARS_PER_LINE, lineIndexAt, type DocLayout } from './layout';

export function DocumentView() {
  const document = useDocument((store) => store.document);
  const layout = useDocument((store) => store.layout);
  const loading = useDocument((store) => store.loading);
  const target = useDocument((store) => store.target);
  const byLine = useCodings((store) => store.index.byLine);
  const selectedId = useCodings((store) => store.selectedId);
  const lookup = useLookup();
  const showLabels = useCodingUi((store) => store.showLabels);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const pageRef = useRef<HTMLElement>(null);
  const textRef = useRef<HTMLDivElement>(null);

  const mark = useMemo(() => (layout && target ? markFor(layout, target) : null), [layout, target]);
  const markedChunkStart = useMemo(() => (layout && mark ? chunkStartFor(layout, mark.lineStart) : null), [layout, mark]);
  const rendered = useRenderedChunks(layout, scrollerRef, textRef);
  const charsPerLine = useCharsPerLine(layout, textRef);
  useReadingPosition(layout, scrollerRef, textRef);
  // The chunk holding a search hit is built at once (and stays built), so the hit can be scrolled to.
  if (markedChunkStart !== null) rendered.add(markedChunkStart);
  useCodingInteraction(document, textRef, pageRef);
  const lookupRef = useRef(lookup);
  lookupRef.current = lookup;
  useCodingKeys(lookupRef, textRef, pageRef);

  // A newly opened source starts at the top, unless it was opened to show a hit.
  // By id: edited details of the same source (a new document object) keep the reading place.
  const hasTarget = target !== null;
  const documentId = document?.id;
  useLayoutEffect(() => {
    if (!hasTarget) scrollerRef.current?.scrollTo({ top: 0 });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when another source opens
  }, [documentId]);

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
        <article className={`doc-page${showLabels ? ' with-labels' : ''}`} ref={pageRef}>
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
                  charsPerLine={charsPerLine}
                />
              ))}
            </div>
            <ResizeHandles pageRef={pageRef} textRef={textRef} />
            <PassageMemoMarks pageRef={pageRef} textRef={textRef} />
            <CodingPopover />
            <CodePalette />
            <ShortcutSheet />
            <CodingAnnouncer />
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

/** How long the text column's width must hold before the estimates follow it (a pane drag moves it every frame). */
const WIDTH_SETTLE_MS = 150;

/**
 * About how many characters fit on a line of the text column, for the
 * heights of chunks not drawn yet. Follows the column's width (window size,
 * pane handles) once it has settled, so a drag re-renders nothing; the
 * browser re-wraps the drawn lines by itself and skips the chunks off screen.
 */
function useCharsPerLine(layout: DocLayout | null, textRef: RefObject<HTMLElement | null>): number {
  const [charsPerLine, setCharsPerLine] = useState(DEFAULT_CHARS_PER_LINE);
  useEffect(() => {
    const text = textRef.current;
    if (!layout || !text) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Width 0: the coding view is hidden behind another view; keep the last estimate.
    const follow = () => text.clientWidth > 0 && setCharsPerLine(charsPerLineAt(text.clientWidth));
    follow();
    const observer = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(follow, WIDTH_SETTLE_MS);
    });
    observer.observe(text);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [layout, textRef]);
  return charsPerLine;
}

/** Scrolls this long after the text column last changed width are the reader's again. */
const RESIZE_SETTLE_MS = 250;

/** Where the line at the top of the view is looked for: a few points down from the top edge, in case a gap or margin is there. */
const TOP_PROBES_PX = [2, 12, 24, 40];

/**
 * Keeps the passage being read at the top of the view when the text column
 * changes width (a pane handle, the window). The lines re-wrap, so all text
 * above the view changes height; and the browser's own scroll anchoring may
 * pick another line, or keep a long paragraph's first row in place while the
 * reader was deep inside it. So: remember, on every scroll, which line is at
 * the top and how far into it (as a fraction of its height), and after a
 * width change scroll so that the same fraction of that line is at the top
 * again, before the frame is painted. While the width is changing (a drag),
 * scrolls are the browser's and this hook's own corrections, not the reader's:
 * they leave the remembered place alone, so it does not creep.
 */
function useReadingPosition(layout: DocLayout | null, scrollerRef: RefObject<HTMLElement | null>, textRef: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const scroller = scrollerRef.current;
    const text = textRef.current;
    if (!layout || !scroller || !text) return;
    let anchor: { start: number; fraction: number } | null = null;
    let width = text.clientWidth;
    let resizingUntil = 0;
    let frame = 0;

    const lineAtTop = (): { start: number; fraction: number } | null => {
      const top = scroller.getBoundingClientRect().top;
      const column = text.getBoundingClientRect();
      for (const probe of TOP_PROBES_PX) {
        const line = document
          .elementsFromPoint(column.left + column.width / 2, top + probe)
          .map((element) => element.closest<HTMLElement>('[data-start]'))
          .find((element) => element !== null && text.contains(element));
        if (!line) continue;
        const box = line.getBoundingClientRect();
        return { start: Number(line.dataset.start), fraction: box.height > 0 ? (top - box.top) / box.height : 0 };
      }
      return null;
    };

    const onScroll = () => {
      if (performance.now() < resizingUntil) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        anchor = scroller.scrollTop > 0 ? lineAtTop() : null;
      });
    };

    const observer = new ResizeObserver(() => {
      const now = text.clientWidth;
      if (now === width || now === 0) return;
      width = now;
      resizingUntil = performance.now() + RESIZE_SETTLE_MS;
      cancelAnimationFrame(frame);
      const line = anchor && text.querySelector<HTMLElement>(`[data-start="${anchor.start}"]`);
      if (!anchor || !line) return;
      const box = line.getBoundingClientRect();
      scroller.scrollTop += box.top + anchor.fraction * box.height - scroller.getBoundingClientRect().top;
    });

    scroller.addEventListener('scroll', onScroll, { passive: true });
    observer.observe(text);
    return () => {
      cancelAnimationFrame(frame);
      scroller.removeEventListener('scroll', onScroll);
      observer.disconnect();
    };
  }, [layout, scrollerRef, textRef]);
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
