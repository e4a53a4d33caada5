/**
 * Says how many codings the evidence leaves out because a merge deleted their
 * code or source, and leads to Team › Conflicten where each waits for a
 * decision: nothing coded drops out without a word. Shown above the evidence
 * matrix and in the retrieval list (there also for the chosen code).
 */
import { useEffect, useState } from 'react';
import type { LeftOutCodings } from '../../shared/api/types';
import { api } from '../api/client';
import { useChangeVersion } from '../api/study-changes';
import { useTeam } from '../merge/team-store';
import { nl } from '../text/nl';
import { reportError } from '../ui/toast-store';
import { useUi } from '../ui/ui-store';
import { activeFilter, useEvidence } from './evidence-store';

const INPUTS = ['coding', 'code', 'source', 'conflict'] as const;

/** The codings left out under the evidence filters, fetched again whenever codings, codes, sources or conflicts change. */
export function useLeftOut(): LeftOutCodings | null {
  const filterKey = useEvidence((store) => JSON.stringify(activeFilter(store.filter)));
  const version = useChangeVersion(INPUTS);
  const [leftOut, setLeftOut] = useState<LeftOutCodings | null>(null);
  useEffect(() => {
    let current = true;
    api['evidence.leftOut']({ filter: JSON.parse(filterKey) })
      .then((found) => current && setLeftOut(found))
      .catch(reportError);
    return () => void (current = false);
  }, [filterKey, version]);
  return leftOut;
}

export const leftOutTotal = (leftOut: LeftOutCodings | null) => (leftOut ? leftOut.codeDeleted + leftOut.sourceDeleted : 0);

export function LeftOutNotice({ leftOut, codeId = null }: { leftOut: LeftOutCodings | null; codeId?: string | null }) {
  const total = leftOutTotal(leftOut);
  if (!leftOut || total === 0) return null;
  const forCode = codeId ? (leftOut.byCode[codeId] ?? 0) : null;
  const toConflicts = () => {
    useTeam.getState().showTab('conflicts');
    useUi.getState().showView('team');
  };
  return (
    <p className="evidence-notice left-out-notice" role="status" data-testid="left-out-notice" data-total={total} data-for-code={forCode ?? ''}>
      {nl.retrieval.leftOut(total, leftOut.codeDeleted, leftOut.sourceDeleted)}
      {forCode !== null && forCode > 0 && <> {nl.retrieval.leftOutForCode(forCode)}</>}{' '}
      <button type="button" className="link-button" data-testid="left-out-conflicts" onClick={toConflicts}>
        {nl.retrieval.toConflicts}
      </button>
    </p>
  );
}
