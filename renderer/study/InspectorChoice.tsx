/**
 * "Wie ben je?": choose the inspector working at this laptop. Required while
 * nobody is chosen; afterwards reachable from the top bar to switch. A study
 * without inspectors (made with `veldwerk init`) lets the user add themselves.
 */
import { useId } from 'react';
import type { Inspector } from '../../shared/api/types';
import { useUi } from '../ui/ui-store';
import { reportError } from '../ui/toast-store';
import { nl } from '../text/nl';
import { Dialog } from '../ui/Dialog';
import { AddRow } from '../ui/AddRow';
import { InspectorInputs, useInspectorDraft } from './InspectorListEditor';
import { selectInspectors, useSession } from './session-store';

export function InspectorChoice({ required }: { required: boolean }) {
  const inspectors = useSession(selectInspectors);
  const currentId = useSession((store) => store.session?.currentInspectorId ?? null);
  const setInspector = useSession((store) => store.setInspector);
  const closeDialog = useUi((store) => store.closeDialog);

  const choose = async (inspector: Inspector) => {
    try {
      await setInspector(inspector.id);
      closeDialog();
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <Dialog title={nl.inspector.title} onClose={required ? undefined : closeDialog} className="inspector-dialog">
      <p className="muted">{inspectors.length ? nl.inspector.intro : nl.inspector.introNobody}</p>
      {inspectors.length === 0 && <AddYourself onAdded={(inspector) => void choose(inspector)} />}
      <ul className="inspector-grid" data-testid="inspector-choice">
        {inspectors.map((inspector) => (
          <InspectorOption
            key={inspector.id}
            inspector={inspector}
            current={inspector.id === currentId}
            onChoose={() => void choose(inspector)}
          />
        ))}
      </ul>
    </Dialog>
  );
}

function InspectorOption({ inspector, current, onChoose }: { inspector: Inspector; current: boolean; onChoose: () => void }) {
  const nameId = useId();
  return (
    <li className={`inspector-option ${current ? 'current' : ''}`}>
      <button type="button" className="initials-button" aria-describedby={nameId} aria-pressed={current} onClick={onChoose}>
        {inspector.initials}
      </button>
      <span id={nameId} className="inspector-name">
        {inspector.name}
      </span>
    </li>
  );
}

/** Name and initials of the first inspector, who is then the one working. */
function AddYourself({ onAdded }: { onAdded: (inspector: Inspector) => void }) {
  const typed = useInspectorDraft();
  const addInspector = useSession((store) => store.addInspector);
  const add = async () => {
    if (!typed.draft) return;
    try {
      onAdded(await addInspector(typed.draft.name, typed.draft.initials));
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <AddRow addLabel={nl.inspector.addYourself} canAdd={typed.draft !== null} onAdd={() => void add()} addTestId="inspector-new-add">
      <InspectorInputs typed={typed} nameLabel={nl.setup.inspectorName} initialsLabel={nl.setup.inspectorInitials} testIdPrefix="inspector-new" />
    </AddRow>
  );
}
