/** The current inspector's status of the open source (nieuw, bezig, klaar), in the document header. */
import { SOURCE_STATUSES, type SourceStatus } from '../../shared/api/types';
import { reportError } from '../ui/toast-store';
import { useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { useSources } from './sources-store';

export function SourceStatusSelect({ sourceId }: { sourceId: string }) {
  const me = useSession((store) => store.session?.currentInspectorId ?? null);
  const status = useSources((store) => {
    const entry = store.progress?.statuses.find((item) => item.sourceId === sourceId && item.inspectorId === me);
    return entry?.status ?? 'nieuw';
  });
  if (!me) return null;
  return (
    <label className="source-status-select">
      <span className="muted">{nl.codingDay.statusLabel}</span>
      <select
        data-testid="source-status-select"
        className={`status-${status}`}
        value={status}
        onChange={(event) => useSources.getState().setStatus(sourceId, event.target.value as SourceStatus).catch(reportError)}
      >
        {SOURCE_STATUSES.map((option) => (
          <option key={option} value={option}>
            {nl.codingDay.status[option]}
          </option>
        ))}
      </select>
    </label>
  );
}
