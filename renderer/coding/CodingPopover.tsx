/**
 * The popover of one coding, opened by clicking its highlight or stripe:
 * change its code, valence, note or "citeerbaar", move it to newly selected
 * text, or delete it. Every change is stored at once (the note when the field
 * is left) and can be undone.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Coding } from '../../shared/api/types';
import { VALENCES, type Valence } from '../../shared/vocabulary';
import { useToasts } from '../ui/toast-store';
import { useDocument } from '../document/document-store';
import { useFramework } from '../framework/framework-store';
import { inspectorLabel } from '../study/initials';
import { selectInspectors, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { Button } from '../ui/Button';
import { isPendingId, useCodings } from './coding-store';
import { cardPosition, useCodingUi, type Anchor } from './coding-ui-store';
import { paletteItems } from './palette-items';
import { clearDocumentSelection } from './selection';

const PREVIEW_CHARS = 160;

export function CodingPopover() {
  const selectedId = useCodings((store) => store.selectedId);
  const coding = useCodings((store) => (store.selectedId ? store.codings.get(store.selectedId) : undefined));
  const anchor = useCodingUi((store) => store.popoverAnchor);
  if (!selectedId || !coding || !anchor) return null;
  return <Popover key={selectedId} coding={coding} anchor={anchor} />;
}

function Popover({ coding, anchor }: { coding: Coding; anchor: Anchor }) {
  const codes = useFramework((store) => store.codes);
  const items = useMemo(() => paletteItems(codes), [codes]);
  const inspectors = useSession(selectInspectors);
  const text = useDocument((store) => store.document?.text ?? '');
  const reselection = useCodingUi((store) => store.reselection);
  const update = useCodings((store) => store.update);
  const [note, setNote] = useState(coding.note);
  const rootRef = useRef<HTMLDivElement>(null);
  const baseId = useId();
  const pending = isPendingId(coding.id);

  const code = codes.find((candidate) => candidate.id === coding.codeId);
  const coder = inspectors.find((inspector) => inspector.id === coding.coderId);

  // A note changed elsewhere (undo) shows here unless one is typing.
  useEffect(() => {
    if (document.activeElement?.id !== `${baseId}-note`) setNote(coding.note);
  }, [coding.note, baseId]);

  useLayoutEffect(() => {
    rootRef.current?.scrollIntoView({ block: 'nearest' });
  }, []);

  const saveNote = () => {
    if (note !== coding.note) void update(coding.id, { note });
  };

  // Escape closes, wherever focus is (the note is saved on its way out).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || useCodingUi.getState().palette) return;
      event.preventDefault();
      close();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });

  const close = () => {
    saveNote();
    useCodingUi.getState().closePopover();
  };

  const remove = () => {
    useCodingUi.getState().closePopover();
    void useCodings.getState().remove(coding.id).then((removed) => removed && useToasts.getState().show('info', nl.coding.deleted));
  };

  const useSelection = () => {
    if (!reselection) return;
    void update(coding.id, { start: reselection.start, end: reselection.end });
    useCodingUi.getState().setReselection(null);
    clearDocumentSelection();
  };

  const excerpt = text.slice(coding.start, coding.end);
  return (
    <div
      ref={rootRef}
      className="coding-popover floating-card"
      data-testid="coding-popover"
      data-coding-id={coding.id}
      role="dialog"
      aria-label={nl.coding.popoverLabel(code?.name ?? nl.coding.unknownCode)}
      style={cardPosition(anchor)}
    >
      <div className="popover-head">
        <span className="palette-swatch" style={{ backgroundColor: code?.color ?? '#8a94a1' }} />
        <strong className="popover-title">{code?.name ?? nl.coding.unknownCode}</strong>
        <Button className="icon-button small" label={nl.coding.closePopover} onClick={close}>
          ×
        </Button>
      </div>
      <p className="popover-meta muted">
        {nl.coding.codedBy(coder ? inspectorLabel(coder) : nl.coding.unknownCoder, nl.formatDate(coding.createdAt.slice(0, 10)))}
        {pending && ` · ${nl.coding.saving}`}
      </p>
      <blockquote className="popover-excerpt">
        {excerpt.length > PREVIEW_CHARS ? `${excerpt.slice(0, PREVIEW_CHARS)}…` : excerpt}
      </blockquote>
      <div className="popover-grid">
        <label htmlFor={`${baseId}-code`}>{nl.coding.code}</label>
        <select
          id={`${baseId}-code`}
          data-testid="coding-code"
          value={coding.codeId}
          disabled={pending}
          onChange={(event) => void update(coding.id, { codeId: event.target.value })}
        >
          {!code && <option value={coding.codeId}>{nl.coding.unknownCode}</option>}
          {items.map((item) => (
            <option key={item.code.id} value={item.code.id}>
              {`${'\u2003'.repeat(item.depth)}${item.code.name}`}
            </option>
          ))}
        </select>
        <label htmlFor={`${baseId}-valence`}>{nl.coding.valenceLabel}</label>
        <select
          id={`${baseId}-valence`}
          data-testid="coding-valence"
          value={coding.valence}
          disabled={pending}
          onChange={(event) => void update(coding.id, { valence: event.target.value as Valence })}
        >
          {VALENCES.map((option) => (
            <option key={option} value={option}>
              {nl.coding.valence[option]}
            </option>
          ))}
        </select>
        <label htmlFor={`${baseId}-note`}>{nl.coding.note}</label>
        <textarea
          id={`${baseId}-note`}
          data-testid="coding-note"
          rows={2}
          maxLength={5000}
          value={note}
          disabled={pending}
          onChange={(event) => setNote(event.target.value)}
          onBlur={saveNote}
        />
      </div>
      <label className="popover-quotable" title={nl.coding.quotableHint}>
        <input
          type="checkbox"
          data-testid="coding-quotable"
          checked={coding.quotable}
          disabled={pending}
          onChange={(event) => void update(coding.id, { quotable: event.target.checked })}
        />
        {nl.coding.quotable}
      </label>
      <p className="popover-hint muted">{nl.coding.useSelectionHint}</p>
      <div className="popover-actions">
        <Button
          className="small"
          data-testid="coding-use-selection"
          label={nl.coding.useSelectionLabel}
          disabled={!reselection || pending}
          onMouseDown={(event) => event.preventDefault()}
          onClick={useSelection}
        >
          {nl.coding.useSelection}
        </Button>
        <button type="button" className="small danger-outline" data-testid="coding-delete" aria-label={nl.coding.deleteLabel} disabled={pending} onClick={remove}>
          {nl.coding.delete}
        </button>
      </div>
    </div>
  );
}
