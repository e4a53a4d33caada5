/**
 * The matrix: codes as rows (norms with their sub-codes, then context codes),
 * institutions as columns plus a total. A cell shows how many segments were
 * coded, how they are valued, and from which source types and roles they come.
 * The cells form one grid: arrow keys move, Enter or Space opens the segments.
 * A click on one part of a cell (a valence count, a source-type or role badge)
 * opens only that part's segments.
 */
import { useEffect, type CSSProperties } from 'react';
import type { Institution } from '../../shared/api/types';
import { ROLE_LABELS, SOURCE_TYPE_LABELS, type Role, type SourceType } from '../../shared/vocabulary';
import { reportError } from '../ui/toast-store';
import { nl } from '../text/nl';
import type { CellSplit } from '../coding/retrieval-store';
import { useEvidence, type EvidenceSelection } from './evidence-store';
import type { GridPosition } from './grid-nav';
import { roleCounts, sourceTypeCounts, valenceParts, type CellCounts, type MatrixRow } from './matrix';
import { useGridKeys } from './use-grid-keys';

interface EvidenceMatrixProps {
  rows: MatrixRow[];
  institutions: Institution[];
  totals: { cells: CellCounts[]; total: CellCounts };
}

export function EvidenceMatrix({ rows, institutions, totals }: EvidenceMatrixProps) {
  const selection = useEvidence((store) => store.selection);
  const showDetails = useEvidence((store) => store.showDetails);
  const columnCount = institutions.length + 1;
  const selectedRow = selection ? rows.findIndex((row) => row.code.id === selection.codeId) : -1;
  const selectedCol = selection ? (selection.institutionId === null ? institutions.length : institutions.findIndex((i) => i.id === selection.institutionId)) : -1;
  const institutionAt = (col: number) => (col < institutions.length ? institutions[col]!.id : null);
  const choose = (row: number, col: number, split: CellSplit = {}) => {
    const code = rows[row]?.code;
    if (!code) return;
    setFocus({ row, col });
    const next: EvidenceSelection = { codeId: code.id, institutionId: institutionAt(col), split };
    useEvidence.getState().select(next).catch(reportError);
  };
  const { tableRef, focus, setFocus, onKeyDown } = useGridKeys({
    rows: rows.length,
    cols: columnCount,
    onActivate: (at) => choose(at.row, at.col),
    // "-" folds the row's sub-codes away, "+" shows them again.
    onKey: (at, event) => {
      const row = rows[at.row];
      if (!row?.hasChildren || (event.key !== '-' && event.key !== '+')) return false;
      event.preventDefault();
      if (row.expanded === (event.key === '-')) useEvidence.getState().toggleCollapsed(row.code.id);
      return true;
    },
  });
  const active: GridPosition = {
    row: Math.min(focus.row, Math.max(0, rows.length - 1)),
    col: Math.min(focus.col, columnCount - 1),
  };

  // Follow a selection made elsewhere (e.g. from the judgment editor).
  useEffect(() => {
    if (selectedRow >= 0 && selectedCol >= 0) setFocus({ row: selectedRow, col: selectedCol });
  }, [selectedRow, selectedCol, setFocus]);

  const normRows = rows.filter((row) => rows.find((top) => top.code.id === row.topId)?.code.kind === 'norm');
  const contextRows = rows.filter((row) => !normRows.includes(row));
  const groups = [
    { key: 'norms', label: nl.evidence.groupNorms, rows: normRows },
    { key: 'context', label: nl.evidence.groupContext, rows: contextRows },
  ].filter((group) => group.rows.length > 0);

  return (
    <div className="matrix-scroller">
      <table
        ref={tableRef}
        className="evidence-matrix"
        role="grid"
        aria-label={nl.evidence.matrixLabel}
        data-testid="evidence-matrix"
        style={{ minWidth: tableMinWidth(institutions.length) }}
        onKeyDown={onKeyDown}
      >
        <thead>
          <tr>
            <th scope="col" className="code-col">
              {nl.evidence.codeColumn}
            </th>
            {institutions.map((institution, col) => (
              <th key={institution.id} scope="col" className={col === selectedCol ? 'selected-col' : undefined}>
                {institution.name}
              </th>
            ))}
            <th scope="col" className={`total-col ${selectedCol === institutions.length ? 'selected-col' : ''}`}>
              {nl.evidence.total}
            </th>
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.key}>
            <tr className="group-row">
              <th scope="rowgroup" colSpan={columnCount + 1}>
                {group.label}
              </th>
            </tr>
            {group.rows.map((row) => {
              const rowIndex = rows.indexOf(row);
              return (
                <tr key={row.code.id} className={`matrix-row depth-${Math.min(row.depth, 3)} ${rowIndex === selectedRow ? 'selected-row' : ''}`}>
                  <RowHeader row={row} />
                  {[...row.cells, row.total].map((cell, col) => (
                    <MatrixCell
                      key={col}
                      counts={cell}
                      codeKey={row.code.key}
                      codeName={row.code.name}
                      institutionId={institutionAt(col)}
                      place={col < institutions.length ? institutions[col]!.name : nl.evidence.allInstitutions}
                      row={rowIndex}
                      col={col}
                      isTotal={col === institutions.length}
                      tabbable={rowIndex === active.row && col === active.col}
                      selected={rowIndex === selectedRow && col === selectedCol}
                      showDetails={showDetails}
                      onChoose={choose}
                    />
                  ))}
                </tr>
              );
            })}
          </tbody>
        ))}
        <tfoot>
          <tr className="totals-row">
            <th scope="row">{nl.evidence.allCodes}</th>
            {[...totals.cells, totals.total].map((cell, col) => (
              <td key={col} className={col === institutions.length ? 'total-col' : undefined} data-testid="evidence-column-total" data-institution-id={institutionAt(col) ?? 'totaal'} data-total={cell.total}>
                <span className="cell-total">{cell.total}</span>
                {cell.total > 0 && <span className="cell-sources"> {nl.evidence.fromSources(cell.sources)}</span>}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Fixed-layout tables need a floor, or many institutions squeeze the cells unreadable. */
export const tableMinWidth = (institutionCount: number) => `${240 + (institutionCount + 1) * 130}px`;

function RowHeader({ row }: { row: MatrixRow }) {
  const toggle = () => useEvidence.getState().toggleCollapsed(row.code.id);
  return (
    <th scope="row" className={`row-head kind-${row.code.kind}`}>
      <div className="row-head-inner" style={{ paddingLeft: `${row.depth * 18}px` }}>
        {row.hasChildren ? (
          <button
            type="button"
            className="icon-button small fold-button"
            aria-expanded={row.expanded}
            aria-label={row.expanded ? nl.evidence.collapse(row.code.name) : nl.evidence.expand(row.code.name)}
            onClick={toggle}
          >
            <span aria-hidden="true">{row.expanded ? '▾' : '▸'}</span>
          </button>
        ) : (
          <span className="fold-space" aria-hidden="true" />
        )}
        <span className="code-dot" style={{ background: row.code.color }} aria-hidden="true" />
        <span className="row-name">{row.code.name}</span>
      </div>
    </th>
  );
}

interface MatrixCellProps {
  counts: CellCounts | null;
  codeKey: string;
  codeName: string;
  institutionId: string | null;
  place: string;
  row: number;
  col: number;
  isTotal: boolean;
  tabbable: boolean;
  selected: boolean;
  showDetails: boolean;
  onChoose(row: number, col: number, split?: CellSplit): void;
}

/** The part of a cell under the pointer (a valence count or a badge), or the whole cell. */
function splitAt(target: EventTarget): CellSplit {
  const part = (target as HTMLElement).closest<HTMLElement>('[data-split-key]');
  if (!part) return {};
  return { [part.dataset.splitKey as keyof CellSplit]: part.dataset.splitValue } as CellSplit;
}

function MatrixCell(props: MatrixCellProps) {
  const { counts, row, col } = props;
  return (
    <td
      role="gridcell"
      className={`evidence-cell ${props.isTotal ? 'total-col' : ''} ${props.selected ? 'selected' : ''} ${counts ? '' : 'empty'}`}
      data-testid="evidence-cell"
      data-code-key={props.codeKey}
      data-institution-id={props.institutionId ?? 'totaal'}
      data-total={counts?.total ?? 0}
      data-row={row}
      data-col={col}
      tabIndex={props.tabbable ? 0 : -1}
      aria-selected={props.selected}
      aria-label={nl.evidence.cellLabel(props.codeName, props.place, describeCounts(counts))}
      title={describeCounts(counts)}
      onClick={(event) => props.onChoose(row, col, splitAt(event.target))}
    >
      {counts ? <CellContent counts={counts} showDetails={props.showDetails} /> : <span className="cell-empty" aria-hidden="true">·</span>}
    </td>
  );
}

function CellContent({ counts, showDetails }: { counts: CellCounts; showDetails: boolean }) {
  const parts = valenceParts(counts);
  const types = sourceTypeCounts(counts);
  const roles = roleCounts(counts);
  return (
    <div className="cell-content" aria-hidden="true">
      <div className="cell-top">
        <span className="cell-total">{counts.total}</span>
        <span className="cell-valences">
          {parts
            .filter((part) => part.n > 0)
            .map((part) => (
              <span key={part.valence} className={`valence-number valence-${part.valence}`} data-split-key="valence" data-split-value={part.valence}>
                {nl.evidence.valenceSign[part.valence]}
                {part.n}
              </span>
            ))}
        </span>
      </div>
      <ValenceBar parts={parts} />
      {showDetails && types.length > 0 && (
        <div className="cell-badges">
          {types.map(({ key, n }) => (
            <span key={key} className="count-badge type-badge" data-split-key="sourceType" data-split-value={key}>
              {nl.evidence.typeShort[key]} {n}
            </span>
          ))}
        </div>
      )}
      {showDetails && roles.length > 0 && (
        <div className="cell-badges">
          {roles.map(({ key, n }) => (
            <span key={key} className="count-badge role-badge" data-split-key="role" data-split-value={key}>
              {nl.evidence.roleShort[key]} {n}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}

export function ValenceBar({ parts }: { parts: ReturnType<typeof valenceParts> }) {
  return (
    <div className="valence-bar" aria-hidden="true">
      {parts
        .filter((part) => part.n > 0)
        .map((part) => (
          <span key={part.valence} className={`valence-bar-part valence-${part.valence}`} style={{ flexGrow: part.n } as CSSProperties} />
        ))}
    </div>
  );
}

/** The whole cell in words, for the accessible name and the tooltip. */
function describeCounts(counts: CellCounts | null): string {
  if (!counts) return nl.evidence.emptyCell;
  const valences = valenceParts(counts)
    .filter((part) => part.n > 0)
    .map((part) => `${part.n} ${nl.evidence.valence[part.valence]}`)
    .join(', ');
  const types = sourceTypeCounts(counts)
    .map(({ key, n }) => `${SOURCE_TYPE_LABELS[key as SourceType]} ${n}`)
    .join(', ');
  const roles = roleCounts(counts)
    .map(({ key, n }) => `${ROLE_LABELS[key as Role]} ${n}`)
    .join(', ');
  return [`${nl.evidence.fragments(counts.total)} ${nl.evidence.fromSources(counts.sources)}`, valences, types, roles].filter(Boolean).join('; ');
}
