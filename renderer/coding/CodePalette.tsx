/**
 * The code palette: appears beside a fresh selection in the document, without
 * taking focus, so the keyboard keeps working on the text:
 * 1-9 choose a top-level code, a second digit one of its sub-codes ("21":
 * the first sub-code of the second norm; a code without sub-codes applies at
 * once, one with them after a short pause or Enter); letters filter the list and Enter
 * applies the highlighted code; ↑/↓ move; + - 0 set the valence; Tab goes to
 * the note and the "citeerbaar" box; Escape closes. Everything also works
 * with the mouse.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { VALENCES, type Valence } from '../../shared/vocabulary';
import { useFramework } from '../framework/framework-store';
import { nl } from '../text/nl';
import { Button } from '../ui/Button';
import { useCodings } from './coding-store';
import { cardPosition, useCodingUi, type PendingSelection } from './coding-ui-store';
import { filterItems, paletteItems, resolveDigits, type PaletteItem } from './palette-items';
import { clearDocumentSelection } from './selection';
import { VALENCE_KEYS } from './valence-style';
import { useDocument } from '../document/document-store';
import { useMemos } from '../memos/memo-store';

/** Write a memo on the selected passage instead of coding it: the Memo's tab opens with the passage. */
function memoOnPassage(selection: PendingSelection): void {
  const sourceId = useDocument.getState().document?.id;
  if (!sourceId) return;
  useMemos.getState().startDraft({ sourceId, start: selection.span.start, end: selection.span.end });
  useCodingUi.getState().closePalette();
  clearDocumentSelection();
}


/** How long a digit that could go on to a sub-code waits for the next one. */
export const DIGIT_SEQUENCE_MS = 700;

export function CodePalette() {
  const palette = useCodingUi((store) => store.palette);
  if (!palette) return null;
  return <Palette key={palette.key} selection={palette} />;
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

function Palette({ selection }: { selection: PendingSelection }) {
  const codes = useFramework((store) => store.codes);
  const items = useMemo(() => paletteItems(codes), [codes]);
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const [valence, setValence] = useState<Valence>('neutraal');
  const [note, setNote] = useState('');
  const [quotable, setQuotable] = useState(false);
  const shown = useMemo(() => filterItems(items, filter), [items, filter]);
  const rootRef = useRef<HTMLDivElement>(null);
  const noteRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const digits = useRef({ typed: '', timer: undefined as ReturnType<typeof setTimeout> | undefined });

  // The latest values for the window key handler, without re-subscribing on every keystroke.
  const state = useRef({ shown, active, valence, note, quotable, filter });
  state.current = { shown, active, valence, note, quotable, filter };

  const apply = (item: PaletteItem | undefined) => {
    clearTimeout(digits.current.timer);
    digits.current.typed = '';
    if (!item) return;
    const { valence: chosenValence, note: chosenNote, quotable: chosenQuotable } = state.current;
    useCodings.getState().create({
      ...selection.span,
      codeId: item.code.id,
      valence: chosenValence,
      note: chosenNote.trim(),
      quotable: chosenQuotable,
    });
    clearDocumentSelection();
    useCodingUi.getState().closePalette();
  };
  const applyRef = useRef(apply);
  applyRef.current = apply;

  useLayoutEffect(() => {
    rootRef.current?.scrollIntoView({ block: 'nearest' });
  }, []);

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active, filter]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyM' && rootRef.current?.offsetParent) {
        event.preventDefault();
        memoOnPassage(selection);
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      // Another view is in front (the coding panes are hidden): the palette waits.
      if (!rootRef.current?.offsetParent) return;
      const insidePalette = rootRef.current?.contains(event.target as Node) ?? false;
      if (insidePalette || isEditable(event.target)) return; // the palette's own fields handle their keys
      const handled = handleKey(event.key, event.shiftKey);
      if (handled) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    /** A digit goes on the typed sequence; the code it reaches applies when no sub-code can follow. */
    const typeDigit = (digit: string) => {
      const sequence = digits.current;
      clearTimeout(sequence.timer);
      const reached = resolveDigits(items, sequence.typed + digit);
      if (!reached.item) {
        // Leads nowhere: what was typed before stands.
        const before = sequence.typed ? resolveDigits(items, sequence.typed).item : undefined;
        sequence.typed = '';
        if (before) applyRef.current(before);
        return;
      }
      sequence.typed += digit;
      setFilter('');
      setActive(items.indexOf(reached.item));
      const item = reached.item;
      if (reached.complete) applyRef.current(item);
      else sequence.timer = setTimeout(() => applyRef.current(item), DIGIT_SEQUENCE_MS);
    };
    const handleKey = (key: string, shift: boolean): boolean => {
      const current = state.current;
      if (key >= '1' && key <= '9' && key.length === 1) {
        typeDigit(key);
        return true;
      }
      if (key in VALENCE_KEYS) {
        setValence(VALENCE_KEYS[key]!);
        return true;
      }
      switch (key) {
        case 'Escape':
          useCodingUi.getState().closePalette();
          return true;
        case 'Enter':
          clearTimeout(digits.current.timer);
          applyRef.current(current.shown[current.active]);
          return true;
        case 'ArrowDown':
          setActive((index) => Math.min(current.shown.length - 1, index + 1));
          return true;
        case 'ArrowUp':
          setActive((index) => Math.max(0, index - 1));
          return true;
        case 'Backspace':
          setFilter((text) => text.slice(0, -1));
          setActive(0);
          return true;
        case 'Tab':
          if (shift) return false;
          noteRef.current?.focus();
          return true;
      }
      if (key.length === 1 && (/\p{L}/u.test(key) || (key === ' ' && current.filter.length > 0))) {
        setFilter((text) => text + key);
        setActive(0);
        return true;
      }
      return false;
    };
    window.addEventListener('keydown', onKeyDown, true);
    // Keys typed before the palette was there (a digit, a valence key right after selecting).
    for (const key of selection.keys ?? []) handleKey(key, false);
    const sequence = digits.current;
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      clearTimeout(sequence.timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the early keys are played once, when the palette opens
  }, [items]);

  /** Keys inside the palette's own fields: Enter applies, Escape closes. */
  const onFieldKeyDown = (event: ReactKeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      useCodingUi.getState().closePalette();
    } else if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) {
      event.preventDefault();
      apply(shown[active]);
    }
  };

  const activeItem = shown[active];
  const listId = `palette-list-${selection.key}`;
  return (
    <div
      ref={rootRef}
      className="code-palette floating-card"
      data-testid="code-palette"
      role="dialog"
      aria-label={nl.coding.paletteLabel}
      style={cardPosition(selection.anchor)}
      onKeyDown={onFieldKeyDown}
      onMouseDown={(event) => {
        // Keep the document selection (and focus) while the mouse works in the palette.
        if (!isEditable(event.target)) event.preventDefault();
      }}
    >
      <div className="palette-head">
        <span className={`palette-filter truncate${filter ? '' : ' muted'}`} aria-label={nl.coding.filterLabel} role="status">
          {filter || nl.coding.filterPlaceholder}
        </span>
        <span className="palette-length muted">{nl.coding.selectionLength(selection.span.end - selection.span.start)}</span>
        <Button className="icon-button small" label={nl.coding.closePalette} onClick={() => useCodingUi.getState().closePalette()}>
          ×
        </Button>
      </div>
      <ul
        ref={listRef}
        id={listId}
        className="palette-list"
        role="listbox"
        aria-label={nl.coding.paletteLabel}
        aria-activedescendant={activeItem ? `${listId}-${activeItem.code.id}` : undefined}
      >
        {shown.length === 0 && <li className="palette-empty muted">{nl.coding.noMatches}</li>}
        {shown.map((item, index) => (
          <li
            key={item.code.id}
            id={`${listId}-${item.code.id}`}
            role="option"
            aria-selected={index === active}
            aria-label={nl.coding.itemLabel(item.code.name, item.digits ? Number(item.digits) : null)}
            data-testid="palette-item"
            data-code-key={item.code.key}
            className={`palette-item${index === active ? ' active' : ''}`}
            style={{ paddingLeft: 8 + item.depth * 16 }}
            onMouseEnter={() => setActive(index)}
            onClick={() => apply(item)}
          >
            <span className="palette-number">{item.digits ?? ''}</span>
            <span className="palette-swatch" style={{ backgroundColor: item.code.color }} />
            <span className="palette-name truncate">{item.code.name}</span>
          </li>
        ))}
      </ul>
      <div className="palette-valence" role="group" aria-label={nl.coding.valenceLabel}>
        {VALENCES.map((option) => (
          <Button
            key={option}
            className={`valence-toggle valence-${option}`}
            data-testid={`palette-valence-${option}`}
            aria-pressed={valence === option}
            label={nl.coding.valenceButton(nl.coding.valence[option], nl.coding.valenceKey[option])}
            tabIndex={-1}
            onClick={() => setValence(option)}
          >
            <span aria-hidden="true">{nl.coding.valenceKey[option]}</span> {nl.coding.valence[option]}
          </Button>
        ))}
      </div>
      <div className="palette-extra">
        <input
          ref={noteRef}
          type="text"
          className="palette-note"
          data-testid="palette-note"
          aria-label={nl.coding.noteLabel}
          placeholder={nl.coding.note}
          maxLength={5000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
        <label className="palette-quotable" title={nl.coding.quotableHint}>
          <input
            type="checkbox"
            data-testid="palette-quotable"
            checked={quotable}
            onChange={(event) => setQuotable(event.target.checked)}
          />
          {nl.coding.quotable}
        </label>
      </div>
      <button type="button" className="small palette-memo" data-testid="palette-memo" onClick={() => memoOnPassage(selection)}>
        ✎ {nl.codingDay.passageMemoButton}
      </button>
      <p className="palette-hint muted">{nl.coding.paletteHint}</p>
    </div>
  );
}
