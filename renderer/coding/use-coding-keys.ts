/**
 * The keyboard paths of the coding view that need no mouse at all (the
 * palette and a fresh selection have their own, in CodePalette and
 * use-coding-interaction):
 * - + - 0 set the valence of the open coding, or of the coding just made;
 * - J / K (or Alt+↓ / Alt+↑) go to the next / previous coding and open it;
 * - Enter moves into the open coding's popover, Delete deletes it, C toggles "citeerbaar";
 * - L shows or hides the labels in the margin; ? opens the shortcut sheet.
 * Keys typed into fields, and keys while another view is in front, are left alone.
 */
import { useEffect, type RefObject } from 'react';
import type { Coding } from '../../shared/api/types';
import { useToasts } from '../ui/toast-store';
import { useDocument } from '../document/document-store';
import { nl } from '../text/nl';
import { describeCoding, type CodingLookup } from './coding-lookup';
import { isPendingId, useCodings } from './coding-store';
import { useCodingUi } from './coding-ui-store';
import { PALETTE_GAP, relativeTo } from './use-coding-interaction';
import { VALENCE_KEYS } from './valence-style';
import { neighbour } from './coding-order';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The visible codings of the open source in reading order. */
export function codingsInOrder(): Coding[] {
  const { codings, index } = useCodings.getState();
  return [...codings.values()]
    .filter((coding) => index.lanes.has(coding.id) && !isPendingId(coding.id))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.id.localeCompare(b.id));
}

/** The stored id of a coding that may still be on its way to the backend; null when storing failed. */
function storedId(id: string): Promise<string | null> {
  if (!isPendingId(id)) return Promise.resolve(id);
  return new Promise((resolve) => {
    const unsubscribe = useCodings.subscribe((state) => {
      if (state.lastMadeId === id) return;
      unsubscribe();
      resolve(state.lastMadeId && !isPendingId(state.lastMadeId) ? state.lastMadeId : null);
    });
  });
}

export function useCodingKeys(lookupRef: RefObject<CodingLookup>, textRef: RefObject<HTMLElement | null>, pageRef: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    /** Scroll a coding into view and open its popover there, building its chunk first when it is far away. */
    const openCoding = (coding: Coding, attempt = 0) => {
      const page = pageRef.current;
      const piece = textRef.current?.querySelector<HTMLElement>(`.coding-hl[data-coding-id="${CSS.escape(coding.id)}"]`);
      if (!page) return;
      if (!piece) {
        if (attempt > 0) return;
        const sourceId = useDocument.getState().document?.id;
        if (sourceId) void useDocument.getState().open(sourceId, { start: coding.start, end: coding.end });
        requestAnimationFrame(() => requestAnimationFrame(() => openCoding(coding, attempt + 1)));
        return;
      }
      piece.scrollIntoView({ block: 'center' });
      const box = piece.getBoundingClientRect();
      useCodingUi.getState().openPopover(coding.id, relativeTo(page, box.left, box.bottom + PALETTE_GAP));
      const ordered = codingsInOrder();
      const position = ordered.findIndex((candidate) => candidate.id === coding.id) + 1;
      useCodingUi.getState().announce(nl.codingDay.reached(position, ordered.length, describeCoding(lookupRef.current, coding)));
    };

    const setValence = (key: string): boolean => {
      const valence = VALENCE_KEYS[key];
      const { selectedId, lastMadeId, update, preview } = useCodings.getState();
      const target = selectedId ?? lastMadeId;
      if (!valence || !target) return false;
      preview(target, { valence });
      void storedId(target).then((id) => {
        if (id) void update(id, { valence });
      });
      const coding = useCodings.getState().codings.get(target);
      if (coding) useCodingUi.getState().announce(describeCoding(lookupRef.current, coding));
      return true;
    };

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey) return;
      const page = pageRef.current;
      if (!page?.offsetParent || isEditable(event.target)) return;
      const ui = useCodingUi.getState();
      if (event.key === '?') {
        ui.setSheetOpen(!ui.sheetOpen);
        event.preventDefault();
        return;
      }
      if (ui.palette) return;
      const inPopover = event.target instanceof Element && event.target.closest('[data-testid="coding-popover"]') !== null;
      const inDocument = event.target === document.body || (event.target instanceof Node && page.parentElement?.contains(event.target));
      if (!inDocument) return;
      // Text selected in the document: its keys are the palette's (use-coding-interaction), whichever listener runs first.
      const selection = window.getSelection();
      const anchor = selection && !selection.isCollapsed ? selection.anchorNode : null;
      if (anchor && textRef.current?.contains(anchor)) return;
      const { selectedId } = useCodings.getState();
      const selected = selectedId ? useCodings.getState().codings.get(selectedId) : undefined;
      const key = event.key;
      let handled = true;
      if (event.altKey) {
        if (key === 'ArrowDown' || key === 'ArrowUp') move(key === 'ArrowDown' ? 1 : -1);
        else handled = false;
      } else if (key === 'j' || key === 'J') move(1);
      else if (key === 'k' || key === 'K') move(-1);
      else if (key === 'l' || key === 'L') ui.toggleLabels();
      else if (key in VALENCE_KEYS && !inPopover) handled = setValence(key);
      else if (selected && key === 'Delete') remove(selected.id);
      else if (selected && (key === 'c' || key === 'C')) void useCodings.getState().update(selected.id, { quotable: !selected.quotable });
      else if (selected && key === 'Enter' && !inPopover) {
        document.querySelector<HTMLElement>('[data-testid="coding-popover"] [data-testid="coding-code"]')?.focus();
      } else handled = false;
      if (handled) event.preventDefault();
    };

    const move = (step: 1 | -1) => {
      const next = neighbour(codingsInOrder(), useCodings.getState().selectedId, step);
      if (next) openCoding(next);
      else useCodingUi.getState().announce(nl.codingDay.noCodings);
      // Keys keep working on the text, not on a control the mouse last touched.
      page()?.closest<HTMLElement>('.doc-scroller')?.focus({ preventScroll: true });
    };
    const page = () => pageRef.current;

    const remove = (id: string) => {
      useCodingUi.getState().closePopover();
      void useCodings.getState().remove(id).then((removed) => removed && useToasts.getState().show('info', nl.coding.deleted));
      page()?.closest<HTMLElement>('.doc-scroller')?.focus({ preventScroll: true });
    };

    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [lookupRef, textRef, pageRef]);
}
