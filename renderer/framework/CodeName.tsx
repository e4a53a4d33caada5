/** The name of a code; double-click or the rename action edits it in place (Enter saves, Escape cancels). */
import { useState, type KeyboardEvent } from 'react';
import type { Code } from '../../shared/api/types';
import { reportError } from '../ui/toast-store';
import { nl } from '../text/nl';
import { useFramework } from './framework-store';

export function CodeName({ code }: { code: Code }) {
  const renaming = useFramework((store) => store.renamingId === code.id);
  const setRenaming = useFramework((store) => store.setRenaming);
  if (!renaming) {
    return (
      <span className="code-name" onDoubleClick={() => setRenaming(code.id)}>
        {code.name}
      </span>
    );
  }
  return <NameInput code={code} onDone={() => setRenaming(null)} />;
}

function NameInput({ code, onDone }: { code: Code; onDone: () => void }) {
  const update = useFramework((store) => store.update);
  const [name, setName] = useState(code.name);

  const save = () => {
    onDone();
    const trimmed = name.trim();
    if (trimmed && trimmed !== code.name) update({ id: code.id, name: trimmed }).catch(reportError);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onDone();
    }
  };

  return (
    <input
      className="code-name-input"
      aria-label={nl.framework.nameInput(code.name)}
      value={name}
      maxLength={300}
      autoFocus
      onFocus={(event) => event.target.select()}
      onChange={(event) => setName(event.target.value)}
      onKeyDown={onKeyDown}
      onBlur={save}
    />
  );
}
