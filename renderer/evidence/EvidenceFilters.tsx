/** The filters above the matrix: source type, role, measure, coder, valence, quotable only. */
import { MEASURES, MEASURE_LABELS, ROLES, ROLE_LABELS, SOURCE_TYPES, SOURCE_TYPE_LABELS, VALENCES } from '../../shared/vocabulary';
import type { EvidenceFilter } from '../../shared/api/types';
import { reportError } from '../ui/toast-store';
import { inspectorOptions } from '../study/initials';
import { selectInspectors, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { optionsOf } from '../ui/EnumSelect';
import { SelectFilters, type SelectFilter } from '../ui/SelectFilters';
import { activeFilter, useEvidence } from './evidence-store';

type SelectKey = Exclude<keyof EvidenceFilter, 'quotableOnly'>;

const TYPE_OPTIONS = optionsOf(SOURCE_TYPES, SOURCE_TYPE_LABELS);
const ROLE_OPTIONS = optionsOf(ROLES, ROLE_LABELS);
const MEASURE_OPTIONS = optionsOf(MEASURES, MEASURE_LABELS);
const VALENCE_OPTIONS = VALENCES.map((valence) => ({ value: valence, label: nl.evidence.valence[valence] ?? valence }));

export function EvidenceFilters() {
  const filter = useEvidence((store) => store.filter);
  const showDetails = useEvidence((store) => store.showDetails);
  const inspectors = useSession(selectInspectors);
  const filtered = Object.keys(activeFilter(filter)).length > 0;

  const set = <K extends keyof EvidenceFilter>(key: K, value: EvidenceFilter[K]) =>
    useEvidence.getState().setFilter(key, value).catch(reportError);
  const selects: Array<SelectFilter<SelectKey>> = [
    { key: 'sourceType', label: nl.evidence.filterType, testId: 'evidence-filter-type', emptyLabel: nl.evidence.allTypes, options: TYPE_OPTIONS },
    { key: 'role', label: nl.evidence.filterRole, testId: 'evidence-filter-role', emptyLabel: nl.evidence.allRoles, options: ROLE_OPTIONS },
    {
      key: 'measure',
      label: nl.evidence.filterMeasure,
      testId: 'evidence-filter-measure',
      emptyLabel: nl.evidence.allMeasures,
      options: MEASURE_OPTIONS,
    },
    {
      key: 'coderId',
      label: nl.evidence.filterCoder,
      testId: 'evidence-filter-coder',
      emptyLabel: nl.evidence.allCoders,
      options: inspectorOptions(inspectors),
    },
    {
      key: 'valence',
      label: nl.evidence.filterValence,
      testId: 'evidence-filter-valence',
      emptyLabel: nl.evidence.allValences,
      options: VALENCE_OPTIONS,
    },
  ];

  return (
    <div className="evidence-filters" role="group" aria-label={nl.evidence.filtersLabel}>
      <SelectFilters filters={selects} values={filter} onChange={(key, value) => set(key, value ?? undefined)} />
      <label className="check-label">
        <input
          type="checkbox"
          data-testid="evidence-filter-quotable"
          checked={filter.quotableOnly === true}
          onChange={(event) => set('quotableOnly', event.target.checked || undefined)}
        />
        {nl.evidence.quotableOnly}
      </label>
      {filtered && (
        <button type="button" className="small" onClick={() => useEvidence.getState().clearFilters().catch(reportError)}>
          {nl.evidence.clearFilters}
        </button>
      )}
      <label className="check-label details-toggle">
        <input type="checkbox" checked={showDetails} onChange={(event) => useEvidence.getState().setShowDetails(event.target.checked)} />
        {nl.evidence.showDetails}
      </label>
    </div>
  );
}
