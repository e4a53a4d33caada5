/**
 * How the mouse and keyboard code in the document view:
 * - a selection (dragged, double-clicked, or made with the keyboard) opens the
 *   code palette beside it; while a coding's popover is open, it is offered as
 *   that coding's new extent instead;
 * - a click on a highlight or a margin stripe opens that coding's popover; a
 *   click elsewhere in the text closes palette and popover;
 * - a number or valence key with text selected opens the palette at once and
 *   goes into it (a digit sequence there may go on to a sub-code);
 * - Enter with the caret in a highlight opens its popover;
 * - when the page changes width, palette and popover move with the text.
 */
import { useEffect, type RefObject } from 'react';
import type { SourceDocument } from '../../shared/api/types';
import { useCodings } from './coding-store';
import { CARD_WIDTH, useCodingUi, type Anchor } from './coding-ui-store';
import { currentSelectionSpan, showPendingHighlight, type Span } from './selection';
import { VALENCE_KEYS } from './valence-style';

const SELECTION_SETTLE_MS = 120;
export const PALETTE_GAP = 6;

export function relativeTo(page: HTMLElement, x: number, y: number): Anchor {
  const origin = page.getBoundingClientRect();
  return { x: Math.max(0, Math.min(x - origin.left, page.clientWidth - CARD_WIDTH)), y: y - origin.top };
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

export function useCodingInteraction(
  document: SourceDocument | null,
  textRef: RefObject<HTMLElement | null>,
  pageRef: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    const root = textRef.current;
    const page = pageRef.current;
    if (!document || !root || !page) return;
    const text = document.text;
    let pressedInText = false;
    let settleTimer: ReturnType<typeof setTimeout> | undefined;

    /** A fresh selection: to the palette, or to the open popover as a new extent. */
    const offer = (span: Span, range: Range, keys?: string[]) => {
      const ui = useCodingUi.getState();
      if (useCodings.getState().selectedId) {
        ui.setReselection(span);
        return;
      }
      const rects = range.getClientRects();
      const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
      const anchor = relativeTo(page, last.left, last.bottom + PALETTE_GAP);
      ui.openPalette({ span, anchor, key: `${span.start}-${span.end}`, keys });
      showPendingHighlight(range);
    };

    const onMouseDown = (event: MouseEvent) => {
      if (event.button !== 0) return;
      pressedInText = true;
    };

    const onMouseUp = (event: MouseEvent) => {
      if (!pressedInText || event.button !== 0) return;
      pressedInText = false;
      clearTimeout(settleTimer);
      const found = currentSelectionSpan(root, text);
      if (found) return offer(found.span, found.range);
      const ui = useCodingUi.getState();
      const target = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-coding-id]') : null;
      const codingId = target && root.contains(target) ? target.dataset.codingId : undefined;
      if (codingId && !codingId.startsWith('pending-')) {
        ui.openPopover(codingId, relativeTo(page, event.clientX - 20, event.clientY + 14));
        return;
      }
      ui.closePalette();
      if (useCodings.getState().selectedId) ui.closePopover();
    };

    // Keyboard selections (and programmatic ones) settle a moment before the palette shows.
    const onSelectionChange = () => {
      if (pressedInText) return;
      clearTimeout(settleTimer);
      settleTimer = setTimeout(() => {
        if (pressedInText || isEditable(window.document.activeElement)) return;
        const found = currentSelectionSpan(root, text);
        if (found) offer(found.span, found.range);
      }, SELECTION_SETTLE_MS);
    };

    // Enter with the caret in a highlight (caret browsing, F7) opens that coding.
    const openAtCaret = (): boolean => {
      const selection = window.getSelection();
      const node = selection?.isCollapsed ? selection.anchorNode : null;
      const element = node ? (node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement) : null;
      const piece = element?.closest<HTMLElement>('.coding-hl');
      const codingId = piece && root.contains(piece) ? piece.dataset.codingId : undefined;
      if (!piece || !codingId || codingId.startsWith('pending-')) return false;
      const box = piece.getBoundingClientRect();
      useCodingUi.getState().openPopover(codingId, relativeTo(page, box.left, box.bottom + PALETTE_GAP));
      return true;
    };

    // A number or valence key right after selecting, before the palette is there.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const inText = event.target instanceof Node && (event.target === window.document.body || page.parentElement === event.target || root.contains(event.target));
      if (event.key === 'Enter' && inText && !useCodingUi.getState().palette) {
        if (openAtCaret()) event.preventDefault();
        return;
      }
      const digit = event.key >= '1' && event.key <= '9' && event.key.length === 1;
      if (!digit && !(event.key in VALENCE_KEYS)) return;
      if (useCodingUi.getState().palette || isEditable(event.target)) return;
      const found = currentSelectionSpan(root, text);
      if (!found || useCodings.getState().selectedId) return;
      event.preventDefault();
      event.stopImmediatePropagation(); // the key belongs to this selection, not to the coding made before it
      clearTimeout(settleTimer);
      offer(found.span, found.range, [event.key]);
    };

    // The page changed width (a pane handle, the window) and the text re-wrapped: the palette follows the
    // selection and the popover its coding, instead of staying where they were on the page.
    let pageWidth = page.clientWidth;
    const onPageResize = () => {
      if (page.clientWidth === pageWidth || page.clientWidth === 0) return;
      pageWidth = page.clientWidth;
      const ui = useCodingUi.getState();
      const selectedId = useCodings.getState().selectedId;
      const piece = ui.popoverAnchor && selectedId ? root.querySelector(`.coding-hl[data-coding-id="${CSS.escape(selectedId)}"]`) : null;
      const selection = ui.palette ? window.getSelection() : null;
      const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
      const pieceBox = piece?.getClientRects()[0];
      const rangeRects = range && root.contains(range.commonAncestorContainer) ? range.getClientRects() : null;
      const rangeBox = rangeRects?.[rangeRects.length - 1];
      ui.moveAnchors({
        popover: pieceBox && relativeTo(page, pieceBox.left, pieceBox.bottom + PALETTE_GAP),
        palette: rangeBox && relativeTo(page, rangeBox.left, rangeBox.bottom + PALETTE_GAP),
      });
    };
    const pageObserver = new ResizeObserver(onPageResize);
    pageObserver.observe(page);

    root.addEventListener('mousedown', onMouseDown);
    window.addEventListener('mouseup', onMouseUp);
    window.document.addEventListener('selectionchange', onSelectionChange);
    window.addEventListener('keydown', onKeyDown);
    return () => {
      clearTimeout(settleTimer);
      pageObserver.disconnect();
      root.removeEventListener('mousedown', onMouseDown);
      window.removeEventListener('mouseup', onMouseUp);
      window.document.removeEventListener('selectionchange', onSelectionChange);
      window.removeEventListener('keydown', onKeyDown);
      useCodingUi.getState().closePalette();
      useCodingUi.getState().closePopover();
    };
  }, [document, textRef, pageRef]);
}
