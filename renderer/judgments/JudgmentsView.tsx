/**
 * The "Oordelen" view: the judgment table the team discusses (institutions ×
 * norms), printable, and beside it the editor of the chosen judgment.
 */
import { useEffect } from 'react';
import { reportError } from '../ui/toast-store';
import { useEntitiesChanged } from '../api/study-changes';
import { selectStudy, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { JudgmentEditor } from './JudgmentEditor';
import { JudgmentTable } from './JudgmentTable';
import { useJudgments, targetKey } from './judgments-store';
import './judgments.css';
import { toneAt } from './scale';

const JUDGMENT_INPUTS = ['judgment', 'judgmentEvidence', 'coding', 'code', 'institution', 'study'] as const;

export function JudgmentsView() {
  const editing = useJudgments((store) => store.editing);
  const scale = useJudgments((store) => store.scale);
  const study = useSession(selectStudy);

  useEffect(() => {
    useJudgments.getState().load().catch(reportError);
  }, []);
  // Judgments, their links and the scale, changed anywhere; a deleted coding drops out of the evidence.
  useEntitiesChanged(JUDGMENT_INPUTS, () => useJudgments.getState().load().catch(reportError));

  return (
    <main className={`judgments-view ${editing ? 'with-editor' : ''}`} aria-label={nl.views.judgments}>
      <div className="judgments-main">
        <header className="view-header">
          <div>
            <h2 className="view-title">{nl.judgments.heading}</h2>
            <p className="section-intro screen-only">{nl.judgments.intro}</p>
            <p className="print-only">
              {study?.name} · {nl.judgments.printedOn(nl.formatDate(new Date().toISOString().slice(0, 10)))}
            </p>
          </div>
          <button type="button" className="screen-only" aria-label={nl.judgments.printLabel} data-testid="judgments-print" onClick={() => window.print()}>
            {nl.judgments.print}
          </button>
        </header>
        <JudgmentTable />
        {scale.length > 0 && (
          <ol className="scale-legend" aria-label={nl.judgments.scaleHeading}>
            {scale.map((rating, index) => {
              const tone = toneAt(index, scale.length);
              return (
                <li key={rating} className="scale-legend-item">
                  <span className="rating-swatch" style={{ background: tone.strong }} aria-hidden="true" />
                  {rating}
                </li>
              );
            })}
          </ol>
        )}
      </div>
      {editing && <JudgmentEditor key={targetKey(editing)} target={editing} />}
    </main>
  );
}
