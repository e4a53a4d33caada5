/**
 * The findings of one norm at one institution, or across institutions, beside
 * the judgment: written and ordered by the team, with the suggestions the data
 * give (numbers computed by Veldwerk) to accept, edit or leave.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { FINDING_KINDS, FINDING_KIND_LABELS, figuresBeside, type Finding, type FindingKind, type SuggestedFinding } from '../../shared/findings';
import { api } from '../api/client';
import { notify, reportError } from '../ui/toast-store';
import { selectInspectors, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { Field } from '../ui/Field';
import { findingsOf, useFindings } from './findings-store';

interface Scope {
  codeId: string;
  /** Null: across institutions (the overarching report). */
  institutionId: string | null;
}

interface Draft {
  id?: string;
  kind: FindingKind;
  text: string;
  figures: Finding['figures'];
  evidenceCodingIds: string[];
}

const EMPTY: Draft = { kind: 'bevinding', text: '', figures: [], evidenceCodingIds: [] };

export function FindingsPanel({ codeId, institutionId }: { codeId: string; institutionId: string }) {
  const [across, setAcross] = useState(false);
  const scope: Scope = { codeId, institutionId: across ? null : institutionId };
  const all = useFindings((store) => store.findings);
  const findings = findingsOf(all, scope.codeId, scope.institutionId);
  const [draft, setDraft] = useState<Draft | null>(null);
  const headingId = useId();

  const loaded = useFindings((store) => store.loaded);
  useEffect(() => {
    if (!loaded) useFindings.getState().load().catch(reportError);
  }, [loaded]);

  return (
    <section className="findings-panel" aria-labelledby={headingId} data-testid="findings-panel">
      <header className="findings-head">
        <h4 id={headingId}>{nl.findings.heading(findings.length)}</h4>
        <label className="findings-scope">
          <input type="checkbox" data-testid="findings-across" checked={across} onChange={(event) => setAcross(event.target.checked)} />
          {nl.findings.across}
        </label>
      </header>
      {findings.length === 0 ? <p className="muted">{nl.findings.none}</p> : <FindingList findings={findings} onEdit={setDraft} />}
      {draft ? (
        <FindingForm scope={scope} draft={draft} onDone={() => setDraft(null)} />
      ) : (
        <button type="button" className="small" data-testid="finding-new" onClick={() => setDraft(EMPTY)}>
          {nl.findings.add}
        </button>
      )}
      <Suggestions scope={scope} onEdit={setDraft} />
    </section>
  );
}

function FindingList({ findings, onEdit }: { findings: Finding[]; onEdit: (draft: Draft) => void }) {
  const inspectors = useSession(selectInspectors);
  const initialsOf = (id: string | null) => inspectors.find((inspector) => inspector.id === id)?.initials ?? '–';
  const move = (index: number, by: -1 | 1) => {
    const target = findings[index + by];
    if (!target) return;
    // Moving down is moving the next one up.
    const [id, beforeId] = by === -1 ? [findings[index]!.id, target.id] : [target.id, findings[index]!.id];
    useFindings.getState().move(id, beforeId).catch(reportError);
  };
  return (
    <ol className="finding-list" data-testid="finding-list">
      {findings.map((finding, index) => (
        <li key={finding.id} className={`finding finding-${finding.kind}`} data-testid="finding">
          <p className="finding-kind">
            {FINDING_KIND_LABELS[finding.kind]} · {initialsOf(finding.authorId)}
          </p>
          <p className="finding-text">{finding.text}</p>
          {figuresBeside(finding).length > 0 && (
            <ul className="finding-figures" aria-label={nl.findings.figures}>
              {figuresBeside(finding).map((figure) => (
                <li key={figure.text} title={figure.basis}>
                  {figure.text}
                </li>
              ))}
            </ul>
          )}
          <div className="finding-actions">
            <button type="button" className="small" aria-label={nl.findings.upLabel} disabled={index === 0} onClick={() => move(index, -1)}>
              ↑
            </button>
            <button type="button" className="small" aria-label={nl.findings.downLabel} disabled={index === findings.length - 1} onClick={() => move(index, 1)}>
              ↓
            </button>
            <button type="button" className="small" onClick={() => onEdit({ ...finding })}>
              {nl.findings.edit}
            </button>
            <button type="button" className="small" data-testid="finding-delete" onClick={() => useFindings.getState().remove(finding.id).catch(reportError)}>
              {nl.findings.remove}
            </button>
          </div>
        </li>
      ))}
    </ol>
  );
}

function FindingForm({ scope, draft, onDone }: { scope: Scope; draft: Draft; onDone: () => void }) {
  const [kind, setKind] = useState<FindingKind>(draft.kind);
  const [text, setText] = useState(draft.text);
  const [busy, setBusy] = useState(false);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await useFindings.getState().save({ ...scope, id: draft.id, kind, text, figures: draft.figures, evidenceCodingIds: draft.evidenceCodingIds });
      notify(nl.findings.saved);
      onDone();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="finding-form" onSubmit={save} data-testid="finding-form">
      <Field label={nl.findings.kind}>
        <select data-testid="finding-kind" value={kind} onChange={(event) => setKind(event.target.value as FindingKind)}>
          {FINDING_KINDS.map((option) => (
            <option key={option} value={option}>
              {FINDING_KIND_LABELS[option]}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={nl.findings.text}
        hint={[draft.figures.length > 0 ? nl.findings.figuresKept(draft.figures.length) : null, kind === 'casus' ? nl.findings.casusNames : null].filter(Boolean).join(' ') || undefined}
      >
        <textarea data-testid="finding-text" rows={4} value={text} onChange={(event) => setText(event.target.value)} />
      </Field>
      <div className="finding-form-actions">
        <button type="submit" className="primary small" data-testid="finding-save" disabled={busy || !text.trim()}>
          {nl.findings.save}
        </button>
        <button type="button" className="small" onClick={onDone}>
          {nl.common.cancel}
        </button>
      </div>
    </form>
  );
}

function Suggestions({ scope, onEdit }: { scope: Scope; onEdit: (draft: Draft) => void }) {
  const [suggestions, setSuggestions] = useState<SuggestedFinding[] | null>(null);
  const findings = useFindings((store) => store.findings);
  const { codeId, institutionId } = scope;
  useEffect(() => {
    let current = true;
    setSuggestions(null);
    api['finding.suggest']({ codeId, institutionId })
      .then((found) => current && setSuggestions(found))
      .catch(reportError);
    return () => {
      current = false;
    };
  }, [codeId, institutionId]);
  // A suggestion already taken over (same text in this scope) is not offered again.
  const taken = new Set(findingsOf(findings, scope.codeId, scope.institutionId).map((finding) => finding.text));
  const open = suggestions?.filter((suggestion) => !taken.has(suggestion.text)) ?? [];
  if (suggestions === null || open.length === 0) return null;
  const accept = (suggestion: SuggestedFinding) =>
    useFindings
      .getState()
      .save({ ...scope, ...suggestion })
      .then(() => notify(nl.findings.saved), reportError);
  return (
    <details className="finding-suggestions" open data-testid="finding-suggestions">
      <summary>{nl.findings.suggestions(open.length)}</summary>
      <p className="field-hint">{nl.findings.suggestionsHint}</p>
      <ul>
        {open.map((suggestion) => (
          <li key={suggestion.text} data-testid="finding-suggestion">
            <p className="finding-kind">{FINDING_KIND_LABELS[suggestion.kind]}</p>
            <p className="finding-text">{suggestion.text}</p>
            <div className="finding-actions">
              <button type="button" className="small" data-testid="finding-accept" onClick={() => void accept(suggestion)}>
                {nl.findings.accept}
              </button>
              <button type="button" className="small" onClick={() => onEdit({ ...suggestion })}>
                {nl.findings.editFirst}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </details>
  );
}
