/** The study's rating scale in the settings: values from best to worst, reorder, add, remove, save. */
import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client';
import { notify, reportError } from '../app/toast-store';
import { nl } from '../text/nl';
import { useJudgments } from './judgments-store';
import { moveItem, scaleProblems, toneAt } from './scale';

interface Row {
  /** Stable key for React while values are edited and moved. */
  key: number;
  value: string;
}

let nextKey = 1;
const toRows = (values: readonly string[]): Row[] => values.map((value) => ({ key: nextKey++, value }));

export function RatingScaleEditor() {
  const scale = useJudgments((store) => store.scale);
  const loaded = useJudgments((store) => store.loaded);
  const [rows, setRows] = useState<Row[]>(() => toRows(scale));
  const [newValue, setNewValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!useJudgments.getState().loaded) useJudgments.getState().load().catch(reportError);
  }, []);
  const scaleKey = scale.join('\n');
  useEffect(() => setRows(toRows(scaleKey ? scaleKey.split('\n') : [])), [scaleKey]);

  const values = rows.map((row) => row.value);
  const changed = values.map((value) => value.trim()).join('\n') !== scaleKey;
  const problems = scaleProblems(values);

  const update = (key: number, value: string) => setRows(rows.map((row) => (row.key === key ? { ...row, value } : row)));
  const add = (event: FormEvent) => {
    event.preventDefault();
    const value = newValue.trim();
    if (!value) return;
    setRows([...rows, { key: nextKey++, value }]);
    setNewValue('');
  };
  const save = async () => {
    if (problems.length > 0) return setError(nl.judgments.scaleProblems[problems[0]!]);
    try {
      await useJudgments.getState().saveScale(values.map((value) => value.trim()));
      setError(null);
      notify(nl.judgments.scaleSaved);
    } catch (caught) {
      setError(errorMessage(caught, nl.errors.unexpected));
    }
  };

  return (
    <section className="settings-section rating-scale-editor" data-testid="rating-scale-editor">
      <h3>{nl.judgments.scaleHeading}</h3>
      <p className="field-hint">{nl.judgments.scaleIntro}</p>
      {loaded && (
        <ol className="scale-rows">
          {rows.map((row, index) => {
            const tone = toneAt(index, rows.length);
            return (
              <li key={row.key} className="scale-row" data-testid="scale-row">
                <span className="rating-swatch" style={{ background: tone.strong }} aria-hidden="true" />
                <input
                  aria-label={nl.judgments.scaleValue(index + 1)}
                  value={row.value}
                  maxLength={100}
                  onChange={(event) => update(row.key, event.target.value)}
                />
                <button
                  type="button"
                  className="icon-button small"
                  aria-label={nl.judgments.moveUp(row.value)}
                  title={nl.judgments.moveUp(row.value)}
                  disabled={index === 0}
                  onClick={() => setRows(moveItem(rows, index, -1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-button small"
                  aria-label={nl.judgments.moveDown(row.value)}
                  title={nl.judgments.moveDown(row.value)}
                  disabled={index === rows.length - 1}
                  onClick={() => setRows(moveItem(rows, index, 1))}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="icon-button small"
                  aria-label={nl.judgments.removeValue(row.value)}
                  title={nl.judgments.removeValue(row.value)}
                  disabled={rows.length <= 2}
                  onClick={() => setRows(rows.filter((other) => other.key !== row.key))}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <form className="add-row" onSubmit={add}>
        <input
          aria-label={nl.judgments.newValue}
          placeholder={nl.judgments.newValue}
          value={newValue}
          maxLength={100}
          disabled={rows.length >= 10}
          onChange={(event) => setNewValue(event.target.value)}
        />
        <button type="submit" disabled={!newValue.trim() || rows.length >= 10}>
          {nl.judgments.addValue}
        </button>
      </form>
      <p className="field-hint">{nl.judgments.scaleNote}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="primary" data-testid="scale-save" disabled={!changed} onClick={() => void save()}>
        {nl.judgments.saveScale}
      </button>
    </section>
  );
}
