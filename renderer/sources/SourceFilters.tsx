/** The three filters above the source list: institution, source type and role. */
import { ROLE_LABELS, ROLES, SOURCE_TYPE_LABELS, SOURCE_TYPES } from '../../shared/vocabulary';
import { reportError } from '../ui/toast-store';
import { selectInstitutions, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { optionsOf } from '../ui/EnumSelect';
import { SelectFilters, type SelectFilter } from '../ui/SelectFilters';
import { useSources, type SourceFilters as Filters } from './sources-store';

const TYPE_OPTIONS = optionsOf(SOURCE_TYPES, SOURCE_TYPE_LABELS);
const ROLE_OPTIONS = optionsOf(ROLES, ROLE_LABELS);

export function SourceFilters() {
  const institutions = useSession(selectInstitutions);
  const filters = useSources((store) => store.filters);
  const setFilter = useSources((store) => store.setFilter);
  const selects: Array<SelectFilter<keyof Filters>> = [
    {
      key: 'institutionId',
      label: nl.sources.filterInstitution,
      testId: 'filter-institution',
      emptyLabel: nl.sources.allInstitutions,
      options: institutions.map((institution) => ({ value: institution.id, label: institution.name })),
    },
    { key: 'sourceType', label: nl.sources.filterType, testId: 'filter-type', emptyLabel: nl.sources.allTypes, options: TYPE_OPTIONS },
    { key: 'role', label: nl.sources.filterRole, testId: 'filter-role', emptyLabel: nl.sources.allRoles, options: ROLE_OPTIONS },
  ];

  return (
    <div className="source-filters" role="group" aria-label={nl.sources.filters}>
      <SelectFilters filters={selects} values={filters} onChange={(key, value) => setFilter(key, value).catch(reportError)} />
    </div>
  );
}
