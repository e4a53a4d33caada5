/** The three filters above the source list: institution, source type and role. */
import { ROLE_LABELS, ROLES, SOURCE_TYPE_LABELS, SOURCE_TYPES } from '../../shared/vocabulary';
import { reportError } from '../app/toast-store';
import { selectInstitutions, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { EnumSelect, optionsOf } from '../ui/EnumSelect';
import { useSources } from './sources-store';

const TYPE_OPTIONS = optionsOf(SOURCE_TYPES, SOURCE_TYPE_LABELS);
const ROLE_OPTIONS = optionsOf(ROLES, ROLE_LABELS);

export function SourceFilters() {
  const institutions = useSession(selectInstitutions);
  const filters = useSources((store) => store.filters);
  const setFilter = useSources((store) => store.setFilter);
  const institutionOptions = institutions.map((institution) => ({ value: institution.id, label: institution.name }));

  return (
    <div className="source-filters" role="group" aria-label={nl.sources.filters}>
      <EnumSelect
        aria-label={nl.sources.filterInstitution}
        data-testid="filter-institution"
        value={filters.institutionId}
        options={institutionOptions}
        emptyLabel={nl.sources.allInstitutions}
        onChange={(value) => setFilter('institutionId', value).catch(reportError)}
      />
      <EnumSelect
        aria-label={nl.sources.filterType}
        data-testid="filter-type"
        value={filters.sourceType}
        options={TYPE_OPTIONS}
        emptyLabel={nl.sources.allTypes}
        onChange={(value) => setFilter('sourceType', value).catch(reportError)}
      />
      <EnumSelect
        aria-label={nl.sources.filterRole}
        data-testid="filter-role"
        value={filters.role}
        options={ROLE_OPTIONS}
        emptyLabel={nl.sources.allRoles}
        onChange={(value) => setFilter('role', value).catch(reportError)}
      />
    </div>
  );
}
