/**
 * Beside the matrix: the segments behind the chosen cell, and the memos on
 * its norm (the top-level code of its row) and on its institution.
 */
import { useId, type KeyboardEvent } from 'react';
import type { Code, EvidenceSegment, Institution } from '../../shared/api/types';
import { reportError } from '../ui/toast-store';
import { useFramework } from '../framework/framework-store';
import { findJudgment } from '../judgments/scale';
import { useJudgments } from '../judgments/judgments-store';
import { MemoEditor } from '../memos/MemoEditor';
import { selectInstitutions, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { SEGMENT_PAGE, useEvidence, type EvidencePanelTab } from './evidence-store';
import { normOf, topLevelAncestor } from './matrix';
import { SegmentCard } from './SegmentCard';
import { CellParts } from './CellParts';
import { useRetrieval } from '../coding/retrieval-store';

export function EvidencePanel() {
  const selection = useEvidence((store) => store.selection);
  const panelTab = useEvidence((store) => store.panelTab);
  const segmentsTotal = useEvidence((store) => store.segmentsTotal);
  const codes = useFramework((store) => store.codes);
  const institutions = useSession(selectInstitutions);
  const baseId = useId();

  const code = selection ? codes.find((candidate) => candidate.id === selection.codeId) ?? null : null;
  const top = code ? topLevelAncestor(codes, code.id) : null;
  const institution = selection?.institutionId ? institutions.find((candidate) => candidate.id === selection.institutionId) ?? null : null;

  if (!selection || !code) {
    return (
      <aside className="evidence-panel" aria-label={nl.evidence.panelLabel}>
        <p className="pane-empty">{nl.evidence.chooseCell}</p>
      </aside>
    );
  }

  const tabs: Array<{ tab: EvidencePanelTab; label: string; disabled: boolean }> = [
    { tab: 'segments', label: `${nl.evidence.tabSegments} (${segmentsTotal})`, disabled: false },
    { tab: 'code-memo', label: top?.kind === 'norm' ? nl.evidence.tabNormMemo : nl.evidence.tabCodeMemo, disabled: false },
    { tab: 'institution-memo', label: nl.evidence.tabInstitutionMemo, disabled: institution === null },
  ];
  const enabled = tabs.filter((tab) => !tab.disabled);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const index = enabled.findIndex((tab) => tab.tab === panelTab);
    const next = enabled[(index + (event.key === 'ArrowRight' ? 1 : enabled.length - 1)) % enabled.length]!;
    useEvidence.getState().setPanelTab(next.tab);
    document.getElementById(`${baseId}-${next.tab}-tab`)?.focus();
  };
  const place = institution?.name ?? nl.evidence.allInstitutions;

  return (
    <aside className="evidence-panel" aria-label={nl.evidence.panelLabel}>
      <header className="evidence-panel-head">
        <h3 className="evidence-panel-title">
          <span className="code-dot" style={{ background: code.color }} aria-hidden="true" />
          {code.name}
        </h3>
        <p className="muted">{place}</p>
        <CellParts selection={selection} />
      </header>
      <div className="tabs" role="tablist" aria-label={nl.evidence.panelLabel} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.tab}
            type="button"
            role="tab"
            id={`${baseId}-${tab.tab}-tab`}
            data-testid={`evidence-tab-${tab.tab}`}
            className="tab"
            aria-selected={panelTab === tab.tab}
            aria-controls={`${baseId}-panel`}
            tabIndex={panelTab === tab.tab ? 0 : -1}
            disabled={tab.disabled}
            title={tab.disabled ? nl.evidence.memoChooseInstitution : undefined}
            onClick={() => useEvidence.getState().setPanelTab(tab.tab)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div className="evidence-panel-body" role="tabpanel" id={`${baseId}-panel`} aria-labelledby={`${baseId}-${panelTab}-tab`}>
        {panelTab === 'segments' && <SegmentList code={code} place={place} showInstitution={institution === null} />}
        {panelTab === 'code-memo' && top && <MemoEditor key={`code:${top.id}`} targetType="code" targetId={top.id} subject={top.name} />}
        {panelTab === 'institution-memo' &&
          (institution ? (
            <MemoEditor key={`institution:${institution.id}`} targetType="institution" targetId={institution.id} subject={institution.name} />
          ) : (
            <p className="muted">{nl.evidence.memoChooseInstitution}</p>
          ))}
      </div>
    </aside>
  );
}

function SegmentList({ code, place, showInstitution }: { code: Code; place: string; showInstitution: boolean }) {
  const segments = useEvidence((store) => store.segments);
  const total = useEvidence((store) => store.segmentsTotal);
  const selection = useEvidence((store) => store.selection);
  // A jump takes the cell's list along: it shows beside the document under "Fragmenten".
  const bringListAlong = () => selection && useRetrieval.getState().openCell({ codeId: selection.codeId, institutionId: selection.institutionId, split: selection.split ?? {} });
  const loading = useEvidence((store) => store.segmentsLoading);
  if (loading && segments.length === 0) return <p className="muted panel-message">{nl.evidence.segmentsLoading}</p>;
  if (segments.length === 0) return <p className="muted panel-message">{nl.evidence.noSegments}</p>;
  return (
    <ul className="segment-list" data-testid="evidence-segments" aria-label={nl.evidence.segmentsLabel(code.name, place)} aria-busy={loading}>
      {segments.map((segment) => (
        <li key={segment.codingId}>
          <SegmentCard segment={segment} listCodeId={code.id} showInstitution={showInstitution} onJump={bringListAlong}>
            <EvidenceToggle segment={segment} />
          </SegmentCard>
        </li>
      ))}
      {segments.length < total && (
        <li>
          <p className="muted">{nl.retrieval.shownOf(segments.length, total)}</p>
          <button type="button" className="small" data-testid="evidence-more" onClick={() => useEvidence.getState().showMoreSegments().catch(reportError)}>
            {nl.retrieval.showMore(Math.min(SEGMENT_PAGE, total - segments.length))}
          </button>
        </li>
      )}
    </ul>
  );
}

/** Link the segment to (or unlink it from) the judgment of its norm at its institution. */
function EvidenceToggle({ segment }: { segment: EvidenceSegment }) {
  const codes = useFramework((store) => store.codes);
  const judgments = useJudgments((store) => store.judgments);
  const institutions = useSession(selectInstitutions);
  const norm = normOf(codes, segment.codeId);
  const institution: Institution | undefined = institutions.find((candidate) => candidate.id === segment.institutionId);
  if (!norm || !institution) return <span className="muted segment-context-note">{nl.evidence.contextNoJudgment}</span>;
  const linked = findJudgment(judgments, institution.id, norm.id)?.evidenceCodingIds.includes(segment.codingId) ?? false;

  const toggle = () =>
    useJudgments
      .getState()
      .link({ institutionId: institution.id, codeId: norm.id, codingId: segment.codingId, linked: !linked })
      .catch(reportError);

  return (
    <button
      type="button"
      className={`small evidence-toggle ${linked ? 'on' : ''}`}
      data-testid="segment-evidence-toggle"
      aria-pressed={linked}
      aria-label={nl.evidence.evidenceToggleLabel(norm.name, institution.name)}
      onClick={toggle}
    >
      <span className="toggle-box" aria-hidden="true">
        {linked ? '✓' : ''}
      </span>
      {nl.evidence.evidenceToggle}
    </button>
  );
}
