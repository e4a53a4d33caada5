/** Edit a code's definition in place; Ctrl+Enter saves, Escape cancels. */
import { useState, type KeyboardEvent } from 'react';
import type { Code } from '../../shared/api/types';
import { nl } from '../text/nl';

export function DefinitionEditor({ code, onDone }: { code: Code; onDone: (definition: string | null) => void }) {
  const [definition, setDefinition] = useState(code.definition);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onDone(null);
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onDone(definition);
    }
  };
  return (
    <div className="definition-editor">
      <textarea
        aria-label={nl.framework.definitionInput(code.name)}
        value={definition}
        maxLength={5000}
        rows={4}
        autoFocus
        onChange={(event) => setDefinition(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="definition-actions">
        <button type="button" className="small" onClick={() => onDone(null)}>
          {nl.common.cancel}
        </button>
        <button type="button" className="small primary" onClick={() => onDone(definition)}>
          {nl.framework.saveDefinition}
        </button>
      </div>
    </div>
  );
}
