/** The institutions of a new study: type a name, add it, remove it again. */
import { useState } from 'react';
import { nl } from '../text/nl';
import { ChipListEditor } from '../ui/ChipListEditor';

interface InstitutionListEditorProps {
  names: string[];
  onChange: (names: string[]) => void;
}

export function InstitutionListEditor({ names, onChange }: InstitutionListEditorProps) {
  const [typed, setTyped] = useState('');
  const name = typed.trim();

  return (
    <ChipListEditor
      legend={nl.setup.institutions}
      emptyText={nl.setup.noInstitutions}
      items={names}
      onChange={onChange}
      keyOf={(item) => item}
      chip={(item) => <span>{item}</span>}
      removeLabel={nl.setup.removeInstitution}
      draft={name && !names.includes(name) ? name : null}
      onAdded={() => setTyped('')}
      addLabel={nl.setup.addInstitution}
      addTestId="setup-institution-add"
    >
      <input
        data-testid="setup-institution-input"
        aria-label={nl.setup.institutionName}
        placeholder={nl.setup.institutionName}
        value={typed}
        maxLength={300}
        onChange={(event) => setTyped(event.target.value)}
      />
    </ChipListEditor>
  );
}
