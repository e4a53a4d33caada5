/** The study's rating scale in the settings: values from best to worst, reorder, add, remove, save. */
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { notify, reportError } from '../ui/toast-store';
import { nl } from '../text/nl';
import { AddRow } from '../ui/AddRow';
import { Button } from '../ui/Button';
import { useJudgments } from './judgments-store';
import { moveItem, scaleProblems, toneAt } from './scale';

interface Row {
  /** Stable key for React while values are edited and moved. */
  key: number;
  value: string;
}

/** The API contract takes at most ten values. */
const MAX_VALUES = 10;

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
  const full = rows.length >= MAX_VALUES;
  const add = () => {
    const value = newValue.trim();
    if (!value || full) return;
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
                <Button className="icon-button small" label={nl.judgments.moveUp(row.value)} disabled={index === 0} onClick={() => setRows(moveItem(rows, index, -1))}>
                  ↑
                </Button>
                <Button
                  className="icon-button small"
                  label={nl.judgments.moveDown(row.value)}
                  disabled={index === rows.length - 1}
                  onClick={() => setRows(moveItem(rows, index, 1))}
                >
                  ↓
                </Button>
                <Button
                  className="icon-button small"
                  label={nl.judgments.removeValue(row.value)}
                  disabled={rows.length <= 2}
                  onClick={() => setRows(rows.filter((other) => other.key !== row.key))}
                >
                  ×
                </Button>
              </li>
            );
          })}
        </ol>
      )}
      <AddRow addLabel={nl.judgments.addValue} canAdd={newValue.trim() !== '' && !full} onAdd={add}>
        <input
          aria-label={nl.judgments.newValue}
          placeholder={nl.judgments.newValue}
          value={newValue}
          maxLength={100}
          disabled={full}
          onChange={(event) => setNewValue(event.target.value)}
        />
      </AddRow>
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
