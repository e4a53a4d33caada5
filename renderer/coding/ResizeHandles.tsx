/**
 * Handles at both ends of the selected coding: drag one to move that end (the
 * highlight follows while dragging; the change is stored on release), or focus
 * it and use ← → (Ctrl: a word at a time; stored after a short pause).
 * Placed over the page, measured from the coding's highlight pieces, and
 * measured again whenever the page changes size.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import type { Coding } from '../../shared/api/types';
import { useDocument } from '../document/document-store';
import { nl } from '../text/nl';
import { isPendingId, useCodings } from './coding-store';
import { offsetAtPoint } from './selection';

type Edge = 'start' | 'end';

interface HandlePlace {
  x: number;
  y: number;
  height: number;
}

const KEY_COMMIT_DELAY_MS = 600;

export function ResizeHandles({ pageRef, textRef }: { pageRef: RefObject<HTMLElement | null>; textRef: RefObject<HTMLElement | null> }) {
  const coding = useCodings((store) => (store.selectedId ? store.codings.get(store.selectedId) : undefined));
  const index = useCodings((store) => store.index);
  const [places, setPlaces] = useState<Record<Edge, HandlePlace> | null>(null);
  const drag = useRef<{ edge: Edge; original: Coding } | null>(null);
  const keyEdit = useRef<{ original: Coding; timer: ReturnType<typeof setTimeout> } | null>(null);

  const measure = useCallback(() => {
    const page = pageRef.current;
    const root = textRef.current;
    if (!page || !root || !coding) return setPlaces(null);
    const pieces = root.querySelectorAll<HTMLElement>(`.coding-hl[data-coding-id="${CSS.escape(coding.id)}"]`);
    const firstRects = pieces[0]?.getClientRects();
    const lastRects = pieces[pieces.length - 1]?.getClientRects();
    const first = firstRects?.[0];
    const last = lastRects?.[lastRects.length - 1];
    if (!first || !last) return setPlaces(null);
    const origin = page.getBoundingClientRect();
    setPlaces({
      start: { x: first.left - origin.left, y: first.top - origin.top, height: first.height },
      end: { x: last.right - origin.left, y: last.top - origin.top, height: last.height },
    });
  }, [coding, pageRef, textRef]);

  useLayoutEffect(measure, [measure, index]);
  // The text re-wraps when the window or a pane handle changes the page's width, and moves when chunks above it are drawn.
  useEffect(() => {
    const page = pageRef.current;
    if (!page || !coding) return;
    const observer = new ResizeObserver(() => measure());
    observer.observe(page);
    return () => observer.disconnect();
  }, [measure, pageRef, coding]);

  if (!coding || !places || isPendingId(coding.id)) return null;

  const moveEdge = (edge: Edge, offset: number): Coding => {
    const current = useCodings.getState().codings.get(coding.id) ?? coding;
    return edge === 'start'
      ? { ...current, start: Math.max(0, Math.min(offset, current.end - 1)) }
      : { ...current, end: Math.max(current.start + 1, offset) };
  };

  const onPointerDown = (edge: Edge) => (event: PointerEvent<HTMLSpanElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { edge, original: coding };
  };

  const onPointerMove = (event: PointerEvent<HTMLSpanElement>) => {
    const current = drag.current;
    const root = textRef.current;
    if (!current || !root) return;
    const offset = offsetAtPoint(event.clientX, event.clientY, root);
    if (offset === null) return;
    const next = moveEdge(current.edge, offset);
    useCodings.getState().preview(coding.id, { start: next.start, end: next.end });
  };

  const onPointerUp = (event: PointerEvent<HTMLSpanElement>) => {
    const current = drag.current;
    drag.current = null;
    event.currentTarget.releasePointerCapture(event.pointerId);
    if (!current) return;
    const now = useCodings.getState().codings.get(coding.id);
    if (!now || (now.start === current.original.start && now.end === current.original.end)) return;
    void useCodings.getState().update(coding.id, { start: now.start, end: now.end }, current.original);
  };

  const onKeyDown = (edge: Edge) => (event: KeyboardEvent<HTMLSpanElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const text = useDocument.getState().document?.text ?? '';
    const current = useCodings.getState().codings.get(coding.id) ?? coding;
    const from = edge === 'start' ? current.start : current.end;
    const step = event.key === 'ArrowLeft' ? -1 : 1;
    const target = event.ctrlKey ? wordBoundary(text, from, step) : from + step;
    const next = moveEdge(edge, Math.max(0, Math.min(text.length, target)));
    const pending = keyEdit.current;
    if (pending) clearTimeout(pending.timer);
    const original = pending?.original ?? current;
    useCodings.getState().preview(coding.id, { start: next.start, end: next.end });
    keyEdit.current = {
      original,
      timer: setTimeout(() => {
        keyEdit.current = null;
        const now = useCodings.getState().codings.get(coding.id);
        if (now) void useCodings.getState().update(coding.id, { start: now.start, end: now.end }, original);
      }, KEY_COMMIT_DELAY_MS),
    };
  };

  return (
    <>
      {(['start', 'end'] as const).map((edge) => (
        <span
          key={edge}
          className={`resize-handle resize-${edge}`}
          data-testid={`resize-handle-${edge}`}
          role="slider"
          tabIndex={0}
          aria-label={edge === 'start' ? nl.coding.handleStart : nl.coding.handleEnd}
          aria-valuenow={edge === 'start' ? coding.start : coding.end}
          aria-valuemin={0}
          aria-valuemax={useDocument.getState().document?.text.length ?? 0}
          title={edge === 'start' ? nl.coding.handleStart : nl.coding.handleEnd}
          style={{ left: places[edge].x, top: places[edge].y, height: places[edge].height }}
          onPointerDown={onPointerDown(edge)}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onKeyDown={onKeyDown(edge)}
        />
      ))}
    </>
  );
}

/** The next word boundary from `offset` in direction `step` (±1). */
function wordBoundary(text: string, offset: number, step: number): number {
  let position = offset;
  const isWord = (index: number) => /[\p{L}\p{N}]/u.test(text[index] ?? '');
  if (step > 0) {
    while (position < text.length && !isWord(position)) position++;
    while (position < text.length && isWord(position)) position++;
  } else {
    while (position > 0 && !isWord(position - 1)) position--;
    while (position > 0 && isWord(position - 1)) position--;
  }
  return position;
}
