/**
 * The judgment of one norm at one institution: rating, rationale, and the
 * segments linked as evidence (each can be opened in its source or unlinked),
 * with the norm's other segments at this institution to search and link
 * from here, without going to Bewijs and back.
 * Unsaved changes are kept as a draft while another cell is looked at.
 */
import { useEffect, useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { fold } from '../coding/palette-items';
import type { EvidenceSegment } from '../../shared/api/types';
import { api } from '../api/client';
import { notify, reportError } from '../ui/toast-store';
import { useUi } from '../ui/ui-store';
import { useEvidence } from '../evidence/evidence-store';
import { SegmentCard } from '../evidence/SegmentCard';
import { useFramework } from '../framework/framework-store';
import { selectInstitutions, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { FindingsPanel } from '../findings/FindingsPanel';
import { targetKey, useJudgments, type JudgmentTarget } from './judgments-store';
import { findJudgment, ratingTone } from './scale';

export function JudgmentEditor({ target }: { target: JudgmentTarget }) {
  const codes = useFramework((store) => store.codes);
  const institutions = useSession(selectInstitutions);
  const scale = useJudgments((store) => store.scale);
  const judgment = useJudgments((store) => findJudgment(store.judgments, target.institutionId, target.codeId));
  const draft = useJudgments((store) => store.drafts[targetKey(target)]);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();

  const norm = codes.find((code) => code.id === target.codeId);
  const institution = institutions.find((candidate) => candidate.id === target.institutionId);
  const saved = { rating: judgment?.rating ?? null, rationale: judgment?.rationale ?? '' };
  const rating = draft ? draft.rating : saved.rating;
  const rationale = draft ? draft.rationale : saved.rationale;
  const dirty = draft !== undefined;

  const change = (next: { rating: string | null; rationale: string }) => {
    const same = next.rating === saved.rating && next.rationale === saved.rationale;
    useJudgments.getState().setDraft(target, same ? null : next);
  };

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    try {
      await useJudgments.getState().save({ ...target, rating, rationale });
      useJudgments.getState().setDraft(target, null);
      setSavedAt(new Date());
      notify(nl.judgments.saved);
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  const close = () => useJudgments.getState().edit(null);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
      document.querySelector<HTMLElement>('.judgment-cell[tabindex="0"]')?.focus();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    }
  };

  if (!norm || !institution) return null;
  const tone = ratingTone(rating, scale);
  const offScale = rating !== null && !scale.includes(rating);

  return (
    <aside className="judgment-editor" aria-labelledby={headingId} data-testid="judgment-editor" onKeyDown={onKeyDown}>
      <header className="judgment-editor-head">
        <div>
          <p className="editor-kicker">{nl.judgments.editorLabel}</p>
          <h3 id={headingId}>{nl.judgments.editorHeading(norm.name, institution.name)}</h3>
        </div>
        <Button className="icon-button" label={nl.judgments.closeEditor} onClick={close}>
          ×
        </Button>
      </header>
      <form className="judgment-form" onSubmit={save}>
        <Field label={nl.judgments.rating}>
          <select
            data-testid="judgment-rating"
            className="rating-select"
            style={tone ? { borderLeft: `6px solid ${tone.strong}` } : undefined}
            value={rating ?? ''}
            onChange={(event) => change({ rating: event.target.value || null, rationale })}
          >
            <option value="">{nl.judgments.noRating}</option>
            {scale.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
            {offScale && <option value={rating}>{`${rating} (${nl.judgments.offScale})`}</option>}
          </select>
        </Field>
        <Field label={nl.judgments.rationale}>
          <textarea
            data-testid="judgment-rationale"
            rows={9}
            value={rationale}
            placeholder={nl.judgments.rationalePlaceholder}
            onChange={(event) => change({ rating, rationale: event.target.value })}
          />
        </Field>
        <div className="judgment-actions">
          <button type="submit" className="primary" data-testid="judgment-save" disabled={!dirty || busy}>
            {nl.judgments.save}
          </button>
          <span className="judgment-status" data-testid="judgment-status" aria-live="polite">
            {dirty ? nl.judgments.unsaved : savedAt ? nl.judgments.savedAt(nl.memos.time(savedAt)) : ''}
          </span>
        </div>
      </form>
      <LinkedEvidence target={target} normName={norm.name} institutionName={institution.name} codingIds={judgment?.evidenceCodingIds ?? []} />
      <FindingsPanel codeId={target.codeId} institutionId={target.institutionId} />
    </aside>
  );
}

/** Candidates shown at once; the search narrows them. */
const MAX_CANDIDATES = 30;

function LinkedEvidence({ target, normName, institutionName, codingIds }: { target: JudgmentTarget; normName: string; institutionName: string; codingIds: string[] }) {
  const [all, setAll] = useState<EvidenceSegment[] | null>(null);
  const [query, setQuery] = useState('');
  const idsKey = codingIds.join(',');
  const headingId = useId();

  // Every segment of the norm at this institution: the linked ones and the candidates to link.
  useEffect(() => {
    let cancelled = false;
    api['evidence.segments']({ codeId: target.codeId, institutionId: target.institutionId, filter: {} })
      .then((found) => {
        if (!cancelled) setAll(found);
      })
      .catch(reportError);
    return () => {
      cancelled = true;
    };
  }, [target.codeId, target.institutionId]);

  const wanted = useMemo(() => new Set(idsKey ? idsKey.split(',') : []), [idsKey]);
  const segments = all === null ? null : all.filter((segment) => wanted.has(segment.codingId));
  const candidates = useMemo(() => {
    const words = fold(query).split(/\s+/).filter(Boolean);
    return (all ?? []).filter(
      (segment) =>
        !wanted.has(segment.codingId) &&
        words.every((word) => fold(`${segment.before} ${segment.text} ${segment.after} ${segment.sourceTitle} ${segment.note}`).includes(word)),
    );
  }, [all, wanted, query]);

  const link = (segment: EvidenceSegment) =>
    useJudgments.getState().link({ ...target, codingId: segment.codingId, linked: true }).catch(reportError);
  const unlink = (segment: EvidenceSegment) =>
    useJudgments.getState().link({ ...target, codingId: segment.codingId, linked: false }).catch(reportError);

  const toEvidence = () => {
    useUi.getState().showView('evidence');
    useEvidence.getState().setPanelTab('segments');
    useEvidence.getState().select({ codeId: target.codeId, institutionId: target.institutionId }).catch(reportError);
  };

  return (
    <section className="judgment-evidence" aria-labelledby={headingId}>
      <h4 id={headingId}>{nl.judgments.evidenceHeading(codingIds.length)}</h4>
      {segments === null ? (
        <p className="muted">{nl.common.loading}</p>
      ) : segments.length === 0 ? (
        <p className="muted">{nl.judgments.noEvidence}</p>
      ) : (
        <ul className="segment-list" data-testid="judgment-evidence">
          {segments.map((segment) => (
            <li key={segment.codingId}>
              <SegmentCard segment={segment} listCodeId={target.codeId} testId="judgment-evidence-segment">
                <button type="button" className="small" data-testid="judgment-evidence-unlink" aria-label={nl.judgments.unlinkLabel(segment.sourceTitle)} onClick={() => void unlink(segment)}>
                  {nl.judgments.unlink}
                </button>
              </SegmentCard>
            </li>
          ))}
        </ul>
      )}
      <details className="judgment-link" data-testid="judgment-link-section">
        <summary>{nl.codingDay.linkHeading(candidates.length)}</summary>
        <input
          type="search"
          data-testid="judgment-evidence-search"
          aria-label={nl.codingDay.linkSearch}
          placeholder={nl.codingDay.linkSearch}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        {all !== null && candidates.length === 0 && <p className="muted">{nl.codingDay.noCandidates}</p>}
        <ul className="segment-list">
          {candidates.slice(0, MAX_CANDIDATES).map((segment) => (
            <li key={segment.codingId}>
              <SegmentCard segment={segment} listCodeId={target.codeId} testId="judgment-candidate">
                <button type="button" className="small" data-testid="judgment-evidence-link" aria-label={nl.codingDay.linkLabel(segment.sourceTitle)} onClick={() => void link(segment)}>
                  {nl.codingDay.link}
                </button>
              </SegmentCard>
            </li>
          ))}
        </ul>
        {candidates.length > MAX_CANDIDATES && <p className="muted">{nl.codingDay.moreCandidates(candidates.length - MAX_CANDIDATES)}</p>}
      </details>
      <p className="evidence-hint">{nl.judgments.evidenceHint}</p>
      <button type="button" className="small" aria-label={nl.judgments.toEvidenceLabel(normName, institutionName)} onClick={toEvidence}>
        {nl.judgments.toEvidence}
      </button>
    </section>
  );
}
