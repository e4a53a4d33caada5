/**
 * Auto-code: give the hits of the search (all of them, or the checked ones)
 * one code and valence in one go. One undoable action; hits already coded
 * with that code by the same inspector are skipped by the backend.
 */
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { VALENCES, type Valence } from '../../shared/vocabulary';
import { api } from '../api/client';
import { notify, reportError } from '../ui/toast-store';
import { useCodings } from '../coding/coding-store';
import { paletteItems } from '../coding/palette-items';
import { useFramework } from '../framework/framework-store';
import { nl } from '../text/nl';
import { hitKey, useSearch } from './search-store';

type Scope = 'all' | 'checked';

export function AutocodeForm() {
  const result = useSearch((store) => store.result);
  const query = useSearch((store) => store.searchedQuery);
  const checked = useSearch((store) => store.checked);
  const setAutocoding = useSearch((store) => store.setAutocoding);
  const codes = useFramework((store) => store.codes);
  const items = useMemo(() => paletteItems(codes), [codes]);
  const [codeId, setCodeId] = useState('');
  const [valence, setValence] = useState<Valence>('neutraal');
  const [scope, setScope] = useState<Scope>('all');
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const baseId = useId();
  // Checking hits means coding those; unchecking all goes back to all hits.
  const anyChecked = checked.size > 0;
  useEffect(() => setScope(anyChecked ? 'checked' : 'all'), [anyChecked]);
  if (!result) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!codeId) return setProblem(nl.autocode.needCode);
    const hits = scope === 'checked' ? result.hits.filter((hit) => checked.has(hitKey(hit))) : undefined;
    if (hits && hits.length === 0) return setProblem(nl.autocode.needHits);
    setProblem(null);
    setRunning(true);
    try {
      const outcome = await api.autocode({
        query,
        codeId,
        valence,
        hits: hits?.map(({ sourceId, start, end }) => ({ sourceId, start, end })),
      });
      notify(nl.autocode.done(outcome.created, outcome.skipped));
      setAutocoding(false);
    } catch (error) {
      reportError(error);
    } finally {
      setRunning(false);
    }
  };

  return (
    <form className="autocode-form" data-testid="autocode-form" aria-label={nl.autocode.formLabel} onSubmit={(event) => void submit(event)}>
      <h3 className="autocode-title">{nl.autocode.title}: “{query}”</h3>
      <div className="autocode-fields">
        <label htmlFor={`${baseId}-code`}>{nl.autocode.code}</label>
        <select id={`${baseId}-code`} data-testid="autocode-code" value={codeId} onChange={(event) => setCodeId(event.target.value)}>
          <option value="">{nl.autocode.chooseCode}</option>
          {items.map((item) => (
            <option key={item.code.id} value={item.code.id}>
              {`${'\u2003'.repeat(item.depth)}${item.code.name}`}
            </option>
          ))}
        </select>
        <label htmlFor={`${baseId}-valence`}>{nl.autocode.valence}</label>
        <select
          id={`${baseId}-valence`}
          data-testid="autocode-valence"
          value={valence}
          onChange={(event) => setValence(event.target.value as Valence)}
        >
          {VALENCES.map((option) => (
            <option key={option} value={option}>
              {nl.coding.valence[option]}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="autocode-scope">
        <legend>{nl.autocode.scope}</legend>
        <label>
          <input type="radio" name={`${baseId}-scope`} data-testid="autocode-scope-all" checked={scope === 'all'} onChange={() => setScope('all')} />
          {nl.autocode.all(result.hits.length, result.truncated)}
        </label>
        <label>
          <input
            type="radio"
            name={`${baseId}-scope`}
            data-testid="autocode-scope-checked"
            checked={scope === 'checked'}
            onChange={() => setScope('checked')}
          />
          {nl.autocode.checked(checked.size)}
        </label>
      </fieldset>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <div className="autocode-actions">
        <button type="button" className="small" data-testid="autocode-cancel" onClick={() => setAutocoding(false)}>
          {nl.common.cancel}
        </button>
        <button type="submit" className="small primary" data-testid="autocode-submit" disabled={running}>
          {running ? nl.autocode.running : nl.autocode.submit}
        </button>
      </div>
    </form>
  );
}
