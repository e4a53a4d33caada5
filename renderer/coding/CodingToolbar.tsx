/**
 * The coding row of the document header: undo and redo (titled with what
 * they would undo or redo), whose codings are shown, and how many.
 */
import { useEffect } from 'react';
import { inspectorLabel } from '../study/initials';
import { selectInspectors, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { Button } from '../ui/Button';
import { redoLast, undoLast, useCodings, type CoderFilter } from './coding-store';
import { useCodingUi } from './coding-ui-store';

function filterValue(filter: CoderFilter): string {
  return typeof filter === 'string' ? filter : `inspector:${filter.inspectorId}`;
}

function parseFilter(value: string): CoderFilter {
  if (value === 'all' || value === 'mine') return value;
  return { inspectorId: value.slice('inspector:'.length) };
}

export function CodingToolbar() {
  const undo = useCodings((store) => store.undo);
  const refreshUndo = useCodings((store) => store.refreshUndo);
  const filter = useCodings((store) => store.filter);
  const setFilter = useCodings((store) => store.setFilter);
  const shown = useCodings((store) => store.index.lanes.size);
  const total = useCodings((store) => store.codings.size);
  const inspectors = useSession(selectInspectors);
  const sourceId = useCodings((store) => store.sourceId);
  const showLabels = useCodingUi((store) => store.showLabels);
  const toggleLabels = useCodingUi((store) => store.toggleLabels);

  // Other parts of the program also make undoable changes: ask again when a source opens.
  useEffect(() => void refreshUndo(), [refreshUndo, sourceId]);

  const undoTitle = nl.coding.undoTitle(undo.undoLabel);
  const redoTitle = nl.coding.redoTitle(undo.redoLabel);
  return (
    <div className="coding-toolbar" role="toolbar" aria-label={nl.coding.toolbarLabel} onPointerEnter={() => void refreshUndo()}>
      <Button className="small" data-testid="undo-button" label={undoTitle} disabled={undo.undoLabel === null} onClick={undoLast}>
        <span aria-hidden="true">↶</span> {nl.coding.undo}
      </Button>
      <Button className="small" data-testid="redo-button" label={redoTitle} disabled={undo.redoLabel === null} onClick={redoLast}>
        <span aria-hidden="true">↷</span> {nl.coding.redo}
      </Button>
      <Button className="small" data-testid="labels-toggle" label={nl.codingDay.labelsTitle} aria-pressed={showLabels} onClick={toggleLabels}>
        {nl.codingDay.labels}
      </Button>
      <Button className="small" data-testid="shortcuts-button" label={nl.codingDay.sheetButton} onClick={() => useCodingUi.getState().setSheetOpen(true)}>
        ?
      </Button>
      <span className="toolbar-spacer" />
      <select
        data-testid="coder-filter"
        aria-label={nl.coding.coderFilterLabel}
        title={nl.coding.coderFilterLabel}
        value={filterValue(filter)}
        onChange={(event) => setFilter(parseFilter(event.target.value))}
      >
        <option value="all">{nl.coding.allCoders}</option>
        <option value="mine">{nl.coding.mine}</option>
        {inspectors.map((inspector) => (
          <option key={inspector.id} value={`inspector:${inspector.id}`}>
            {inspectorLabel(inspector)}
          </option>
        ))}
      </select>
      <span className="coding-count muted" data-testid="coding-count">
        {shown === total ? nl.coding.count(total) : `${shown} / ${nl.coding.count(total)}`}
      </span>
    </div>
  );
}
