/**
 * A row of select filters over one filter object: each select sets one key,
 * its empty option ("Alle rollen") clears it. Used above the source list and
 * the evidence matrix.
 */
import { EnumSelect } from './EnumSelect';

export interface SelectFilter<K extends string> {
  key: K;
  label: string;
  testId: string;
  emptyLabel: string;
  options: ReadonlyArray<{ value: string; label: string }>;
}

interface SelectFiltersProps<K extends string> {
  filters: ReadonlyArray<SelectFilter<K>>;
  values: { readonly [key in K]?: string | null };
  onChange: (key: K, value: string | null) => void;
}

export function SelectFilters<K extends string>({ filters, values, onChange }: SelectFiltersProps<K>) {
  return (
    <>
      {filters.map((filter) => (
        <EnumSelect
          key={filter.key}
          aria-label={filter.label}
          data-testid={filter.testId}
          value={values[filter.key] ?? null}
          options={filter.options}
          emptyLabel={filter.emptyLabel}
          onChange={(value) => onChange(filter.key, value)}
        />
      ))}
    </>
  );
}
