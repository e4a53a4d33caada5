/**
 * The survey tables as HTML tables, in Dutch notation, small groups as "n < 10".
 * A table is named in full for screen readers (question, split, n); on screen
 * the block above it carries a short title (`tableTitle`), as the question is
 * already the view's heading.
 */
import { formatMeanNl, formatNumberNl, formatPercentNl, suppressedLabel } from '../../shared/survey';
import type { SurveyTable } from '../../shared/api/types';
import { nl } from '../text/nl';

/** The full name of a table: what it counts, how it is split, and n. */
export function tableLabel(table: SurveyTable): string {
  if (table.kind === 'distribution') return nl.survey.tableCaption(table.question, table.suppressed ? suppressedLabel(table.minGroup) : nl.survey.answered(table.n));
  if (table.kind === 'split') return nl.survey.splitCaption(table.question, table.by);
  return nl.survey.meanCaption(table.mean, table.by);
}

/** The short title above a table, under the question it belongs to. */
export function tableTitle(table: SurveyTable): string {
  if (table.kind === 'distribution') return nl.survey.distributionTitle(table.suppressed ? suppressedLabel(table.minGroup) : nl.survey.answered(table.n));
  if (table.kind === 'split') return nl.survey.splitTitle(table.by);
  return nl.survey.meanCaption(table.mean, table.by);
}

export function SurveyTableView({ table }: { table: SurveyTable }) {
  if (table.kind === 'distribution') return <DistributionTable table={table} />;
  if (table.kind === 'split') return <SplitTable table={table} />;
  return <MeanTable table={table} />;
}

function DistributionTable({ table }: { table: Extract<SurveyTable, { kind: 'distribution' }> }) {
  const small = suppressedLabel(table.minGroup);
  return (
    <table className="survey-table" data-testid="survey-table" aria-label={tableLabel(table)}>
      <thead>
        <tr>
          <th scope="col">{nl.survey.answer}</th>
          <th scope="col" className="number">{nl.survey.count}</th>
          <th scope="col" className="number">{nl.survey.percentage}</th>
        </tr>
      </thead>
      <tbody>
        {table.suppressed ? (
          <tr data-testid="survey-row" data-suppressed="true">
            <td colSpan={3} className="survey-suppressed">{nl.survey.suppressedNote(table.minGroup)}</td>
          </tr>
        ) : (
          table.answers.map((answer) => (
            <tr key={answer.answer} data-testid="survey-row">
              <th scope="row">{answer.answer}</th>
              <td className="number">{formatNumberNl(answer.n ?? 0)}</td>
              <td className="number">{answer.pct === null ? '' : formatPercentNl(answer.pct)}</td>
            </tr>
          ))
        )}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{nl.survey.total}</th>
          <td className="number" data-testid="survey-total">{table.suppressed ? small : formatNumberNl(table.n)}</td>
          <td />
        </tr>
        {table.missing > 0 && (
          <tr className="muted">
            <th scope="row">{nl.survey.missing}</th>
            <td className="number">{formatNumberNl(table.missing)}</td>
            <td />
          </tr>
        )}
      </tfoot>
    </table>
  );
}

function SplitTable({ table }: { table: Extract<SurveyTable, { kind: 'split' }> }) {
  const small = suppressedLabel(table.minGroup);
  const answers = table.total.answers.map((answer) => answer.answer);
  return (
    <table className="survey-table survey-split" data-testid="survey-table" aria-label={tableLabel(table)}>
      <thead>
        <tr>
          <th scope="col">{table.by}</th>
          <th scope="col" className="number">n</th>
          {answers.map((answer) => (
            <th key={answer} scope="col" className="number">
              {answer}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.groups.map((group) => (
          <tr key={group.group} data-testid="survey-row" data-suppressed={group.suppressed ? 'true' : undefined}>
            <th scope="row">{group.group}</th>
            {group.suppressed ? (
              <td className="survey-suppressed" colSpan={answers.length + 1}>
                {small}
              </td>
            ) : (
              <>
                <td className="number">{formatNumberNl(group.n)}</td>
                {group.answers.map((answer) => (
                  <td key={answer.answer} className="number" title={`${formatNumberNl(answer.n ?? 0)} van ${formatNumberNl(group.n)}`}>
                    {answer.pct === null ? '' : formatPercentNl(answer.pct)}
                    <span className="survey-count"> ({formatNumberNl(answer.n ?? 0)})</span>
                  </td>
                ))}
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MeanTable({ table }: { table: Extract<SurveyTable, { kind: 'mean' }> }) {
  const small = suppressedLabel(table.minGroup);
  return (
    <table className="survey-table" data-testid="survey-mean-table" aria-label={tableLabel(table)}>
      <thead>
        <tr>
          <th scope="col">{table.by ?? nl.survey.group}</th>
          <th scope="col" className="number">n</th>
          <th scope="col" className="number">{nl.survey.meanHeader}</th>
        </tr>
      </thead>
      <tbody>
        {table.groups.map((group) => (
          <tr key={group.group} data-testid="survey-mean-row" data-suppressed={group.suppressed ? 'true' : undefined}>
            <th scope="row">{group.group}</th>
            {group.suppressed ? (
              <td className="survey-suppressed" colSpan={2}>
                {small}
              </td>
            ) : (
              <>
                <td className="number">{formatNumberNl(group.n)}</td>
                <td className="number">{group.mean === null ? '' : formatMeanNl(group.mean)}</td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
