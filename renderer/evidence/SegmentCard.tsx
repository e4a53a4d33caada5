/**
 * One coded segment as evidence: where it comes from (source, type, role,
 * page, who coded it, valence) and the coded words in their context, with
 * actions below (go to the source, link to a judgment, unlink).
 */
import type { ReactNode } from 'react';
import type { EvidenceSegment } from '../../shared/api/types';
import { MEASURE_LABELS, ROLE_LABELS, SOURCE_TYPE_LABELS } from '../../shared/vocabulary';
import { useFramework } from '../framework/framework-store';
import { selectInspectors, selectInstitutions, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { jumpToSegment } from './jump';
import { segmentContext } from './segment-text';

interface SegmentCardProps {
  segment: EvidenceSegment;
  /** The code of the list: a segment coded on another (sub-)code says which. */
  listCodeId?: string;
  /** Name the institution too (lists that span institutions). */
  showInstitution?: boolean;
  testId?: string;
  /** Called before the jump, e.g. to bring the list along beside the text. */
  onJump?: () => void;
  children?: ReactNode;
}

export function SegmentCard({ segment, listCodeId, showInstitution = false, testId = 'evidence-segment', onJump, children }: SegmentCardProps) {
  const codes = useFramework((store) => store.codes);
  const inspectors = useSession(selectInspectors);
  const institutions = useSession(selectInstitutions);
  const coder = inspectors.find((inspector) => inspector.id === segment.coderId);
  const institution = institutions.find((candidate) => candidate.id === segment.institutionId);
  const code = codes.find((candidate) => candidate.id === segment.codeId);
  const context = segmentContext(segment);

  const facts = [
    SOURCE_TYPE_LABELS[segment.sourceType],
    segment.role ? ROLE_LABELS[segment.role] : null,
    segment.measure ? MEASURE_LABELS[segment.measure] : null,
    showInstitution && institution ? institution.name : null,
  ].filter((fact): fact is string => fact !== null);

  return (
    <article className="segment-card" data-testid={testId} data-coding-id={segment.codingId} data-source-id={segment.sourceId}>
      <header className="segment-head">
        <span className={`valence-chip valence-${segment.valence}`}>
          <span aria-hidden="true">{nl.evidence.valenceSign[segment.valence]}</span> {nl.evidence.valence[segment.valence]}
        </span>
        <h4 className="segment-title">{segment.sourceTitle}</h4>
        {segment.page !== null && <span className="segment-page">{nl.evidence.page(segment.page)}</span>}
        {segment.ocr && (
          <span className="segment-ocr" data-testid="segment-ocr" title={nl.evidence.ocrHint}>
            {nl.evidence.ocr}
          </span>
        )}
        {coder && (
          <span className="initials-badge segment-coder" title={nl.evidence.coderLabel(coder.name)} aria-label={nl.evidence.coderLabel(coder.name)}>
            {coder.initials}
          </span>
        )}
      </header>
      <p className="segment-facts">
        {facts.join(' · ')}
        {segment.quotable && <span className="quotable-mark"> · ★ {nl.evidence.quotable}</span>}
        {code && listCodeId && code.id !== listCodeId && <span className="segment-code"> · {nl.evidence.codedAs(code.name)}</span>}
      </p>
      <blockquote className="segment-text">
        {context.cutBefore && <span className="segment-context">…</span>}
        <span className="segment-context">{context.before}</span>
        <mark className="segment-mark">{context.text}</mark>
        <span className="segment-context">{context.after}</span>
        {context.cutAfter && <span className="segment-context">…</span>}
      </blockquote>
      {segment.note && (
        <p className="segment-note">
          <span className="visually-hidden">{nl.evidence.note}: </span>
          {segment.note}
        </p>
      )}
      <footer className="segment-actions">
        <button
          type="button"
          className="small"
          data-testid="segment-jump"
          aria-label={nl.evidence.jumpLabel(segment.sourceTitle)}
          onClick={() => {
            onJump?.();
            jumpToSegment(segment);
          }}
        >
          {nl.evidence.jump}
        </button>
        {children}
      </footer>
    </article>
  );
}
