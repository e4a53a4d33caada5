/**
 * The "Bewijs" view: filters, the evidence matrix with its legend and the
 * file-review table under it; beside them the segments and memos of the
 * chosen cell. The data is fetched again each time the view opens and
 * whenever codings change.
 */
import { useEffect, useMemo } from 'react';
import { ROLE_LABELS, SOURCE_TYPE_LABELS, type Role, type SourceType } from '../../shared/vocabulary';
import { reportError } from '../ui/toast-store';
import { useFramework } from '../framework/framework-store';
import { useJudgments } from '../judgments/judgments-store';
import { ReviewSummaryTable } from '../review/ReviewSummaryTable';
import { useReview } from '../review/review-store';
import { selectInstitutions, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { EvidenceFilters } from './EvidenceFilters';
import { EvidenceMatrix } from './EvidenceMatrix';
import { EvidencePanel } from './EvidencePanel';
import { leftOutTotal, LeftOutNotice, useLeftOut } from './LeftOutNotice';
import { activeFilter, useEvidence } from './evidence-store';
import './evidence.css';
import { buildMatrixRows, columnTotals, keysInUse, type MatrixRow } from './matrix';
import { useEntitiesChanged } from '../api/study-changes';

const EVIDENCE_INPUTS = ['coding', 'code', 'source', 'institution', 'judgment', 'judgmentEvidence', 'reviewAnswer', 'reviewQuestion'] as const;

export function EvidenceView() {
  const codes = useFramework((store) => store.codes);
  const institutions = useSession(selectInstitutions);
  const cells = useEvidence((store) => store.cells);
  const collapsed = useEvidence((store) => store.collapsed);
  const loaded = useEvidence((store) => store.loaded);
  const filtered = useEvidence((store) => Object.keys(activeFilter(store.filter)).length > 0);
  const summariesLoaded = useReview((store) => store.summariesLoaded);
  const leftOut = useLeftOut();

  useEffect(() => {
    useEvidence.getState().load().catch(reportError);
    useJudgments.getState().load().catch(reportError);
    useReview.getState().loadQuestions().catch(reportError);
  }, []);
  useEffect(() => {
    if (!summariesLoaded) useReview.getState().loadSummaries().catch(reportError);
  }, [summariesLoaded]);
  // Codings, codes, sources, judgments and file-review answers changed anywhere: the counts, links and review follow.
  useEntitiesChanged(EVIDENCE_INPUTS, () => {
    useEvidence.getState().load().catch(reportError);
    useJudgments.getState().load().catch(reportError);
    useReview.getState().answersChanged();
  });

  const institutionIds = useMemo(() => institutions.map((institution) => institution.id), [institutions]);
  const rows = useMemo(() => buildMatrixRows(codes, cells, institutionIds, collapsed), [codes, cells, institutionIds, collapsed]);
  const totals = useMemo(() => columnTotals(rows, institutions.length), [rows, institutions.length]);

  return (
    <main className="evidence-view" aria-label={nl.evidence.label}>
      <div className="evidence-main">
        <header className="view-header">
          <div>
            <h2 className="view-title">{nl.evidence.heading}</h2>
            <p className="section-intro">{nl.evidence.intro}</p>
          </div>
        </header>
        <EvidenceFilters />
        {codes.length === 0 ? (
          <p className="pane-empty">{nl.evidence.emptyFramework}</p>
        ) : (
          <>
            {/* Codings left out by a merge are not "no codings yet": the notice below says what happened to them. */}
            {loaded && totals.total.total === 0 && leftOutTotal(leftOut) === 0 && (
              <p className="evidence-notice" role="status">
                {filtered ? nl.evidence.noCodingsFiltered : nl.evidence.noCodings}
              </p>
            )}
            <LeftOutNotice leftOut={leftOut} />
            <EvidenceMatrix rows={rows} institutions={institutions} totals={totals} />
            <Legend rows={rows} />
          </>
        )}
        <ReviewSummaryTable institutions={institutions} />
      </div>
      <EvidencePanel />
    </main>
  );
}

/** What the signs, colours and abbreviations in the cells mean (only those in use). */
function Legend({ rows }: { rows: MatrixRow[] }) {
  const showDetails = useEvidence((store) => store.showDetails);
  const types = useMemo(() => keysInUse(rows, (counts) => counts.bySourceType), [rows]);
  const roles = useMemo(() => keysInUse(rows, (counts) => counts.byRole), [rows]);
  const typeEntries = (Object.keys(SOURCE_TYPE_LABELS) as SourceType[]).filter((key) => types.has(key));
  const roleEntries = (Object.keys(ROLE_LABELS) as Role[]).filter((key) => roles.has(key));
  return (
    <div className="matrix-legend" aria-label={nl.evidence.legend} role="note">
      <div className="legend-line">
        <span className="legend-title">{nl.evidence.legendValence}</span>
        {(['positief', 'neutraal', 'negatief'] as const).map((valence) => (
          <span key={valence} className="legend-item">
            <span className={`legend-swatch valence-${valence}`} aria-hidden="true" />
            <span className={`valence-number valence-${valence}`}>{nl.evidence.valenceSign[valence]}</span> {nl.evidence.valence[valence]}
          </span>
        ))}
      </div>
      {showDetails && typeEntries.length > 0 && (
        <div className="legend-line">
          <span className="legend-title">{nl.evidence.legendTypes}</span>
          {typeEntries.map((key) => (
            <span key={key} className="legend-item">
              <span className="count-badge type-badge">{nl.evidence.typeShort[key]}</span> {SOURCE_TYPE_LABELS[key]}
            </span>
          ))}
        </div>
      )}
      {showDetails && roleEntries.length > 0 && (
        <div className="legend-line">
          <span className="legend-title">{nl.evidence.legendRoles}</span>
          {roleEntries.map((key) => (
            <span key={key} className="legend-item">
              <span className="count-badge role-badge">{nl.evidence.roleShort[key]}</span> {ROLE_LABELS[key]}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
