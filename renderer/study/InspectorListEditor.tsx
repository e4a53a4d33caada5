/**
 * The inspectors of a new study: name and initials, added one by one. The
 * inputs for a new inspector (the initials suggested from the name) also serve
 * the study settings.
 */
import { useState } from 'react';
import { nl } from '../text/nl';
import { ChipListEditor } from '../ui/ChipListEditor';
import { suggestInitials } from './initials';

export interface NewInspector {
  name: string;
  initials: string;
}

/** The name and initials being typed for a new inspector, and the inspector they make (null without a name). */
export function useInspectorDraft() {
  const [name, setName] = useState('');
  const [initials, setInitials] = useState('');
  const trimmed = name.trim();
  const draft: NewInspector | null = trimmed ? { name: trimmed, initials: initials.trim() || suggestInitials(trimmed) } : null;
  const clear = () => {
    setName('');
    setInitials('');
  };
  return { name, initials, setName, setInitials, draft, clear };
}

type InspectorDraft = ReturnType<typeof useInspectorDraft>;

interface InspectorInputsProps {
  typed: InspectorDraft;
  nameLabel: string;
  initialsLabel: string;
  /** `…-name` and `…-initials` become the inputs' test ids. */
  testIdPrefix?: string;
}

export function InspectorInputs({ typed, nameLabel, initialsLabel, testIdPrefix }: InspectorInputsProps) {
  return (
    <>
      <input
        data-testid={testIdPrefix && `${testIdPrefix}-name`}
        aria-label={nameLabel}
        placeholder={nl.setup.inspectorName}
        value={typed.name}
        maxLength={300}
        onChange={(event) => typed.setName(event.target.value)}
      />
      <input
        className="initials-input"
        data-testid={testIdPrefix && `${testIdPrefix}-initials`}
        aria-label={initialsLabel}
        placeholder={suggestInitials(typed.name) || nl.setup.inspectorInitials}
        value={typed.initials}
        maxLength={10}
        onChange={(event) => typed.setInitials(event.target.value)}
      />
    </>
  );
}

/** What a chip shows of an inspector: the initials badge and the name. */
export function InspectorChip({ inspector }: { inspector: NewInspector }) {
  return (
    <>
      <span className="initials-badge">{inspector.initials}</span>
      <span>{inspector.name}</span>
    </>
  );
}

interface InspectorListEditorProps {
  inspectors: NewInspector[];
  onChange: (inspectors: NewInspector[]) => void;
}

export function InspectorListEditor({ inspectors, onChange }: InspectorListEditorProps) {
  const typed = useInspectorDraft();
  return (
    <ChipListEditor
      legend={nl.setup.inspectors}
      emptyText={nl.setup.noInspectors}
      items={inspectors}
      onChange={onChange}
      keyOf={(inspector, index) => `${inspector.initials}-${index}`}
      chip={(inspector) => <InspectorChip inspector={inspector} />}
      removeLabel={(inspector) => nl.setup.removeInspector(inspector.name)}
      draft={typed.draft}
      onAdded={typed.clear}
      addLabel={nl.setup.addInspector}
      addTestId="setup-inspector-add"
    >
      <InspectorInputs typed={typed} nameLabel={nl.setup.inspectorName} initialsLabel={nl.setup.inspectorInitials} testIdPrefix="setup-inspector" />
    </ChipListEditor>
  );
}
