/** A select over a fixed vocabulary, with one "empty" option (e.g. "Alle rollen"). */
import type { SelectHTMLAttributes } from 'react';

interface EnumSelectProps<K extends string> extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> {
  value: K | null;
  options: ReadonlyArray<{ value: K; label: string }>;
  emptyLabel: string;
  onChange: (value: K | null) => void;
}

export function EnumSelect<K extends string>({ value, options, emptyLabel, onChange, ...rest }: EnumSelectProps<K>) {
  return (
    <select {...rest} value={value ?? ''} onChange={(event) => onChange((event.target.value || null) as K | null)}>
      <option value="">{emptyLabel}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

/** Turn a label record from shared/vocabulary.ts into select options, in its key order. */
export function optionsOf<K extends string>(keys: readonly K[], labels: Record<K, string>) {
  return keys.map((key) => ({ value: key, label: labels[key] }));
}
