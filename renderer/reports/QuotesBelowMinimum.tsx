/**
 * What the minimum number of codings for quotes hides, per norm and
 * institution, with the writer's choice: apply the minimum or use the quotable
 * fragments anyway. A quote marked citeerbaar is never dropped without a word.
 */
import { useId } from 'react';
import type { QuotesBelowMinimum as Entry } from '../../shared/report-model';
import { nl } from '../text/nl';

export function QuotesBelowMinimum({
  entries,
  perInstitution,
  keep,
  onChange,
  disabled,
}: {
  entries: Entry[];
  /** Name the institution of each entry (an overarching draft; one institution's draft names it in the outline's heading). */
  perInstitution: boolean;
  keep: boolean;
  onChange: (keep: boolean) => void;
  disabled: boolean;
}) {
  const name = useId();
  if (entries.length === 0) return null;
  const quotable = entries.reduce((sum, entry) => sum + entry.quotable, 0);
  const text = nl.reports.belowMinimum;
  return (
    <fieldset className="report-fieldset report-below-minimum" data-testid="report-below-minimum">
      <legend>{keep ? text.keptTitle(quotable) : text.hiddenTitle(quotable)}</legend>
      <ul>
        {entries.map((entry) => (
          <li key={`${entry.codeKey}|${entry.institution}`}>{text.entry(entry.codeName, perInstitution ? entry.institution : null, entry.quotable, entry.codings, entry.minimum)}</li>
        ))}
      </ul>
      <label className="report-check">
        <input type="radio" name={name} checked={!keep} onChange={() => onChange(false)} disabled={disabled} />
        {text.apply}
      </label>
      <label className="report-check">
        <input type="radio" name={name} checked={keep} onChange={() => onChange(true)} disabled={disabled} data-testid="report-keep-quotes" />
        {text.keep}
      </label>
    </fieldset>
  );
}
