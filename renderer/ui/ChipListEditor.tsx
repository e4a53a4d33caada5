/**
 * An editable list shown as chips: each entry with a remove button, and under
 * them a row of inputs to add one (the institutions and the inspectors of a
 * new study). The caller keeps the inputs' state and says which entry they
 * describe now (`draft`, null while they describe none).
 */
import type { ReactNode } from 'react';
import { AddRow } from './AddRow';
import { Button } from './Button';

interface ChipListEditorProps<T> {
  legend: string;
  emptyText: string;
  items: readonly T[];
  onChange: (items: T[]) => void;
  keyOf: (item: T, index: number) => string;
  /** What a chip shows of its entry. */
  chip: (item: T) => ReactNode;
  removeLabel: (item: T) => string;
  draft: T | null;
  /** Called after the draft was added: clear the inputs. */
  onAdded: () => void;
  addLabel: string;
  addTestId?: string;
  /** The inputs of the add row. */
  children: ReactNode;
}

export function ChipListEditor<T>(props: ChipListEditorProps<T>) {
  const { items, onChange, draft } = props;
  const add = () => {
    if (draft === null) return;
    onChange([...items, draft]);
    props.onAdded();
  };

  return (
    <fieldset className="list-editor">
      <legend>{props.legend}</legend>
      {items.length === 0 ? (
        <p className="muted">{props.emptyText}</p>
      ) : (
        <ul className="chip-list">
          {items.map((item, index) => (
            <li key={props.keyOf(item, index)} className="chip">
              {props.chip(item)}
              <Button className="chip-remove" label={props.removeLabel(item)} onClick={() => onChange(items.filter((_, other) => other !== index))}>
                ×
              </Button>
            </li>
          ))}
        </ul>
      )}
      <AddRow addLabel={props.addLabel} addTestId={props.addTestId} canAdd={draft !== null} onAdd={add}>
        {props.children}
      </AddRow>
    </fieldset>
  );
}
