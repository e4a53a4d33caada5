/** The filters above the matrix: source type, role, measure, coder, valence, quotable only. */
import { MEASURES, MEASURE_LABELS, ROLES, ROLE_LABELS, SOURCE_TYPES, SOURCE_TYPE_LABELS, VALENCES } from '../../shared/vocabulary';
import type { EvidenceFilter } from '../../shared/api/types';
import { reportError } from '../app/toast-store';
import { selectInspectors, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { EnumSelect, optionsOf } from '../ui/EnumSelect';
import { activeFilter, useEvidence } from './evidence-store';

const VALENCE_OPTIONS = VALENCES.map((valence) => ({ value: valence, label: nl.evidence.valence[valence] ?? valence }));

export function EvidenceFilters() {
  const filter = useEvidence((store) => store.filter);
  const showDetails = useEvidence((store) => store.showDetails);
  const inspectors = useSession(selectInspectors);
  const filtered = Object.keys(activeFilter(filter)).length > 0;

  const set = <K extends keyof EvidenceFilter>(key: K, value: EvidenceFilter[K]) =>
    useEvidence.getState().setFilter(key, value).catch(reportError);
  const coderOptions = inspectors.map((inspector) => ({ value: inspector.id, label: `${inspector.name} (${inspector.initials})` }));

  return (
    <div className="evidence-filters" role="group" aria-label={nl.evidence.filtersLabel}>
      <EnumSelect
        aria-label={nl.evidence.filterType}
        data-testid="evidence-filter-type"
        value={filter.sourceType ?? null}
        options={optionsOf(SOURCE_TYPES, SOURCE_TYPE_LABELS)}
        emptyLabel={nl.evidence.allTypes}
        onChange={(value) => set('sourceType', value ?? undefined)}
      />
      <EnumSelect
        aria-label={nl.evidence.filterRole}
        data-testid="evidence-filter-role"
        value={filter.role ?? null}
        options={optionsOf(ROLES, ROLE_LABELS)}
        emptyLabel={nl.evidence.allRoles}
        onChange={(value) => set('role', value ?? undefined)}
      />
      <EnumSelect
        aria-label={nl.evidence.filterMeasure}
        data-testid="evidence-filter-measure"
        value={filter.measure ?? null}
        options={optionsOf(MEASURES, MEASURE_LABELS)}
        emptyLabel={nl.evidence.allMeasures}
        onChange={(value) => set('measure', value ?? undefined)}
      />
      <EnumSelect
        aria-label={nl.evidence.filterCoder}
        data-testid="evidence-filter-coder"
        value={filter.coderId ?? null}
        options={coderOptions}
        emptyLabel={nl.evidence.allCoders}
        onChange={(value) => set('coderId', value ?? undefined)}
      />
      <EnumSelect
        aria-label={nl.evidence.filterValence}
        data-testid="evidence-filter-valence"
        value={filter.valence ?? null}
        options={VALENCE_OPTIONS}
        emptyLabel={nl.evidence.allValences}
        onChange={(value) => set('valence', value ?? undefined)}
      />
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
