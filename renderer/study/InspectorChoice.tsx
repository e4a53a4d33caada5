/**
 * "Wie ben je?": choose the inspector working at this laptop. Required while
 * nobody is chosen; afterwards reachable from the top bar to switch.
 */
import { useId } from 'react';
import type { Inspector } from '../../shared/api/types';
import { useUi } from '../ui/ui-store';
import { reportError } from '../ui/toast-store';
import { nl } from '../text/nl';
import { Dialog } from '../ui/Dialog';
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
      <p className="muted">{nl.inspector.intro}</p>
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
