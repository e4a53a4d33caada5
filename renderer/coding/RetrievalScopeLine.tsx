/**
 * Says what a retrieval list opened from the evidence matrix is narrowed to
 * (the cell's institution and part), with a button back to the whole code.
 */
import { ROLE_LABELS, SOURCE_TYPE_LABELS } from '../../shared/vocabulary';
import { selectInstitutions, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { useRetrieval } from './retrieval-store';

export function RetrievalScopeLine() {
  const institutionId = useRetrieval((store) => store.institutionId);
  const split = useRetrieval((store) => store.split);
  const institutions = useSession(selectInstitutions);
  const parts = [
    institutionId ? (institutions.find((institution) => institution.id === institutionId)?.name ?? nl.retrieval.unknownInstitution) : null,
    split.valence ? nl.evidence.valence[split.valence] : null,
    split.sourceType ? SOURCE_TYPE_LABELS[split.sourceType] : null,
    split.role ? ROLE_LABELS[split.role] : null,
  ].filter((part): part is string => Boolean(part));
  if (parts.length === 0) return null;
  return (
    <p className="retrieval-scope" data-testid="retrieval-scope" role="status">
      <span>{nl.retrieval.narrowedTo(parts)}</span>
      <button type="button" className="small" data-testid="retrieval-widen" onClick={() => useRetrieval.getState().widen()}>
        {nl.retrieval.widen}
      </button>
    </p>
  );
}
