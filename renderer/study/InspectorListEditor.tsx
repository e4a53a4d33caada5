/** The inspectors of a new study: name and initials, added one by one. */
import { useState, type KeyboardEvent } from 'react';
import { nl } from '../text/nl';
import { suggestInitials } from './initials';

export interface NewInspector {
  name: string;
  initials: string;
}

interface InspectorListEditorProps {
  inspectors: NewInspector[];
  onChange: (inspectors: NewInspector[]) => void;
}

export function InspectorListEditor({ inspectors, onChange }: InspectorListEditorProps) {
  const [name, setName] = useState('');
  const [initials, setInitials] = useState('');

  const add = () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    onChange([...inspectors, { name: trimmed, initials: initials.trim() || suggestInitials(trimmed) }]);
    setName('');
    setInitials('');
  };
  const addOnEnter = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    add();
  };

  return (
    <fieldset className="list-editor">
      <legend>{nl.setup.inspectors}</legend>
      {inspectors.length === 0 ? (
        <p className="muted">{nl.setup.noInspectors}</p>
      ) : (
        <ul className="chip-list">
          {inspectors.map((inspector, index) => (
            <li key={`${inspector.initials}-${index}`} className="chip">
              <span className="initials-badge">{inspector.initials}</span>
              <span>{inspector.name}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={nl.setup.removeInspector(inspector.name)}
                title={nl.setup.removeInspector(inspector.name)}
                onClick={() => onChange(inspectors.filter((_, other) => other !== index))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="add-row">
        <input
          data-testid="setup-inspector-name"
          aria-label={nl.setup.inspectorName}
          placeholder={nl.setup.inspectorName}
          value={name}
          maxLength={300}
          onChange={(event) => setName(event.target.value)}
          onKeyDown={addOnEnter}
        />
        <input
          className="initials-input"
          data-testid="setup-inspector-initials"
          aria-label={nl.setup.inspectorInitials}
          placeholder={suggestInitials(name) || nl.setup.inspectorInitials}
          value={initials}
          maxLength={10}
          onChange={(event) => setInitials(event.target.value)}
          onKeyDown={addOnEnter}
        />
        <button type="button" data-testid="setup-inspector-add" onClick={add} disabled={!name.trim()}>
          {nl.setup.addInspector}
        </button>
      </div>
    </fieldset>
  );
}
