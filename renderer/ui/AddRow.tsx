/**
 * Inputs for a new entry, then its add button; Enter in one of the inputs adds
 * too. A <div>, not a <form>, so it also serves inside another form (the setup
 * wizard), where Enter must not submit the whole form.
 */
import type { KeyboardEvent, ReactNode } from 'react';

interface AddRowProps {
  /** The inputs of the new entry. */
  children: ReactNode;
  addLabel: string;
  canAdd: boolean;
  onAdd: () => void;
  addTestId?: string;
}

export function AddRow({ children, addLabel, canAdd, onAdd, addTestId }: AddRowProps) {
  const addOnEnter = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement)) return;
    event.preventDefault();
    if (canAdd) onAdd();
  };
  return (
    <div className="add-row" onKeyDown={addOnEnter}>
      {children}
      <button type="button" data-testid={addTestId} disabled={!canAdd} onClick={onAdd}>
        {addLabel}
      </button>
    </div>
  );
}
