/**
 * The oordelentabel: a row per institution, a column per norm, each cell the
 * rating (coloured by its place on the scale, always with its text), the
 * start of the rationale and how much evidence is linked. The last row counts
 * the ratings per norm across institutions. Arrow keys move, Enter edits.
 */
import { useMemo, type CSSProperties } from 'react';
import type { Code, Institution, Judgment } from '../../shared/api/types';
import { useGridKeys } from '../evidence/use-grid-keys';
import { orderedTopLevel } from '../evidence/matrix';
import { useFramework } from '../framework/framework-store';
import { selectInstitutions, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { targetKey, useJudgments } from './judgments-store';
import { findJudgment, normOverview, ratingTone } from './scale';

export function JudgmentTable() {
  const codes = useFramework((store) => store.codes);
  const institutions = useSession(selectInstitutions);
  const judgments = useJudgments((store) => store.judgments);
  const scale = useJudgments((store) => store.scale);
  const editing = useJudgments((store) => store.editing);
  const drafts = useJudgments((store) => store.drafts);
  const norms = useMemo(() => orderedTopLevel(codes).filter((code) => code.kind === 'norm'), [codes]);
  const institutionIds = useMemo(() => institutions.map((institution) => institution.id), [institutions]);
  const open = (row: number, col: number) => {
    const institution = institutions[row];
    const norm = norms[col];
    if (!institution || !norm) return;
    setFocus({ row, col });
    useJudgments.getState().edit({ institutionId: institution.id, codeId: norm.id });
  };
  const { tableRef, focus, setFocus, onKeyDown } = useGridKeys({
    rows: institutions.length,
    cols: norms.length,
    onActivate: (at) => {
      open(at.row, at.col);
      // Straight on to the rating, so the keyboard user can judge at once.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="judgment-rating"]')?.focus());
    },
  });

  if (norms.length === 0) return <p className="pane-empty">{nl.judgments.noNorms}</p>;
  if (institutions.length === 0) return <p className="pane-empty">{nl.judgments.noInstitutions}</p>;

  const editingRow = editing ? institutions.findIndex((institution) => institution.id === editing.institutionId) : -1;
  const editingCol = editing ? norms.findIndex((norm) => norm.id === editing.codeId) : -1;
  const active = editingRow >= 0 && editingCol >= 0 ? { row: editingRow, col: editingCol } : focus;

  return (
    <div className="judgment-scroller">
      <table ref={tableRef} className="judgment-table" role="grid" aria-label={nl.judgments.tableLabel} data-testid="judgment-table" onKeyDown={onKeyDown}>
        <thead>
          <tr>
            <th scope="col" className="institution-col">
              {nl.judgments.institution}
            </th>
            {norms.map((norm) => (
              <th key={norm.id} scope="col" className="norm-col">
                <span className="code-dot" style={{ background: norm.color }} aria-hidden="true" />
                {norm.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {institutions.map((institution, row) => (
            <tr key={institution.id}>
              <th scope="row" className="institution-head">
                {institution.name}
              </th>
              {norms.map((norm, col) => (
                <JudgmentCell
                  key={norm.id}
                  norm={norm}
                  institution={institution}
                  judgment={findJudgment(judgments, institution.id, norm.id)}
                  scale={scale}
                  row={row}
                  col={col}
                  tabbable={row === Math.min(active.row, institutions.length - 1) && col === Math.min(active.col, norms.length - 1)}
                  selected={row === editingRow && col === editingCol}
                  hasDraft={drafts[targetKey({ institutionId: institution.id, codeId: norm.id })] !== undefined}
                  onOpen={open}
                />
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="overview-row">
            <th scope="row">{nl.judgments.overview}</th>
            {norms.map((norm) => {
              const overview = normOverview(judgments, scale, institutionIds, norm.id);
              const parts = [
                ...overview.byRating.filter((entry) => entry.n > 0).map((entry) => nl.judgments.overviewCount(entry.n, entry.rating)),
                ...(overview.offScale > 0 ? [nl.judgments.overviewCount(overview.offScale, nl.judgments.offScale)] : []),
                ...(overview.open > 0 ? [nl.judgments.open(overview.open)] : []),
              ];
              return (
                <td key={norm.id} data-testid="judgment-overview" data-code-key={norm.key}>
                  <ul className="overview-list">
                    {parts.map((part) => (
                      <li key={part}>{part}</li>
                    ))}
                  </ul>
                </td>
              );
            })}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

interface JudgmentCellProps {
  norm: Code;
  institution: Institution;
  judgment: Judgment | undefined;
  scale: string[];
  row: number;
  col: number;
  tabbable: boolean;
  selected: boolean;
  hasDraft: boolean;
  onOpen(row: number, col: number): void;
}

function JudgmentCell({ norm, institution, judgment, scale, row, col, tabbable, selected, hasDraft, onOpen }: JudgmentCellProps) {
  const rating = judgment?.rating ?? null;
  const tone = ratingTone(rating, scale);
  const evidence = judgment?.evidenceCodingIds.length ?? 0;
  const ratingText = rating === null ? nl.judgments.none : tone ? rating : `${rating} (${nl.judgments.offScale})`;
  const style = tone ? ({ '--tone-strong': tone.strong, '--tone-soft': tone.soft } as CSSProperties) : undefined;
  return (
    <td
      role="gridcell"
      className={`judgment-cell ${rating === null ? 'unrated' : 'rated'} ${tone ? '' : 'off-scale'} ${selected ? 'selected' : ''}`}
      style={style}
      data-testid="judgment-cell"
      data-code-key={norm.key}
      data-institution-id={institution.id}
      data-rating={rating ?? ''}
      data-row={row}
      data-col={col}
      tabIndex={tabbable ? 0 : -1}
      aria-selected={selected}
      aria-label={nl.judgments.cellLabel(norm.name, institution.name, ratingText)}
      onClick={() => onOpen(row, col)}
    >
      <div className="judgment-cell-inner" aria-hidden="true">
        <span className={rating === null ? 'rating-none' : 'rating-chip'}>
          {rating !== null && <span className="rating-dot" />}
          {ratingText}
        </span>
        {hasDraft && <span className="draft-mark">{nl.judgments.draft}</span>}
        {judgment?.rationale && <p className="rating-rationale">{judgment.rationale}</p>}
        {evidence > 0 && <p className="rating-evidence">{nl.judgments.evidenceCount(evidence)}</p>}
      </div>
    </td>
  );
}
