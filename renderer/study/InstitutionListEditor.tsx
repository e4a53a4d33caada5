/** The institutions of a new study: type a name, add it, remove it again. */
import { useState, type KeyboardEvent } from 'react';
import { nl } from '../text/nl';

interface InstitutionListEditorProps {
  names: string[];
  onChange: (names: string[]) => void;
}

export function InstitutionListEditor({ names, onChange }: InstitutionListEditorProps) {
  const [draft, setDraft] = useState('');

  const add = () => {
    const name = draft.trim();
    if (!name || names.includes(name)) return;
    onChange([...names, name]);
    setDraft('');
  };
  const addOnEnter = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    add();
  };

  return (
    <fieldset className="list-editor">
      <legend>{nl.setup.institutions}</legend>
      {names.length === 0 ? (
        <p className="muted">{nl.setup.noInstitutions}</p>
      ) : (
        <ul className="chip-list">
          {names.map((name) => (
            <li key={name} className="chip">
              <span>{name}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={nl.setup.removeInstitution(name)}
                title={nl.setup.removeInstitution(name)}
                onClick={() => onChange(names.filter((other) => other !== name))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="add-row">
        <input
          data-testid="setup-institution-input"
          aria-label={nl.setup.institutionName}
          placeholder={nl.setup.institutionName}
          value={draft}
          maxLength={300}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={addOnEnter}
        />
        <button type="button" data-testid="setup-institution-add" onClick={add} disabled={!draft.trim()}>
          {nl.setup.addInstitution}
        </button>
      </div>
    </fieldset>
  );
}
