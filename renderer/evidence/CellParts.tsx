/**
 * The parts of the chosen matrix cell as buttons (the whole cell, each
 * valence, source type and role with its count): the keyboard's way to what a
 * click on a part of the cell does. Beside them, "Naast de tekst lezen" opens
 * the same segments in the retrieval list beside the document.
 */
import { useMemo } from 'react';
import { ROLE_LABELS, SOURCE_TYPE_LABELS, type Role, type SourceType } from '../../shared/vocabulary';
import { useRetrieval, type CellSplit } from '../coding/retrieval-store';
import { reportError } from '../ui/toast-store';
import { nl } from '../text/nl';
import { useEvidence, type EvidenceSelection } from './evidence-store';
import { countsOf, roleCounts, sourceTypeCounts, sumCounts, valenceParts, type CellCounts } from './matrix';

interface Part {
  key: string;
  label: string;
  n: number;
  split: CellSplit;
}

function partsOf(counts: CellCounts): Part[] {
  return [
    { key: 'all', label: nl.retrieval.wholeCell, n: counts.total, split: {} },
    ...valenceParts(counts)
      .filter((part) => part.n > 0)
      .map((part) => ({ key: `valence:${part.valence}`, label: nl.evidence.valence[part.valence]!, n: part.n, split: { valence: part.valence } })),
    ...sourceTypeCounts(counts).map(({ key, n }) => ({ key: `sourceType:${key}`, label: SOURCE_TYPE_LABELS[key as SourceType], n, split: { sourceType: key } })),
    ...roleCounts(counts).map(({ key, n }) => ({ key: `role:${key}`, label: ROLE_LABELS[key as Role], n, split: { role: key } })),
  ];
}

const sameSplit = (a: CellSplit, b: CellSplit) => JSON.stringify(a) === JSON.stringify(b);

export function CellParts({ selection }: { selection: EvidenceSelection }) {
  const cells = useEvidence((store) => store.cells);
  const counts = useMemo(
    () =>
      sumCounts(
        cells
          .filter((cell) => cell.codeId === selection.codeId && (selection.institutionId === null || cell.institutionId === selection.institutionId))
          .map((cell) => countsOf(cell))
          .filter((cell): cell is CellCounts => cell !== null),
      ),
    [cells, selection.codeId, selection.institutionId],
  );
  const split = selection.split ?? {};
  const choose = (part: Part) => useEvidence.getState().select({ ...selection, split: part.split }).catch(reportError);
  const readBesideText = () => useRetrieval.getState().openCell({ codeId: selection.codeId, institutionId: selection.institutionId, split });

  return (
    <div className="cell-parts">
      <div className="cell-part-buttons" role="group" aria-label={nl.retrieval.partsLabel}>
        {counts.total > 0 &&
          partsOf(counts).map((part) => (
            <button
              key={part.key}
              type="button"
              className="small cell-part"
              data-testid="cell-part"
              data-part={part.key}
              aria-pressed={sameSplit(part.split, split)}
              onClick={() => choose(part)}
            >
              {part.label} {part.n}
            </button>
          ))}
      </div>
      <button type="button" className="small" data-testid="evidence-open-retrieval" onClick={readBesideText}>
        {nl.retrieval.readBesideText}
      </button>
    </div>
  );
}
