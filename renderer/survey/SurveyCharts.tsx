/**
 * Clean bar charts as SVG in the page: one bar per answer (distribution), one
 * 100% bar per group (split), one bar per group (mean). Numbers in Dutch
 * notation; a suppressed group shows "n < 10" instead of a bar.
 */
import { foldAnswer, formatMeanNl, formatPercentNl, suppressedLabel, type AnswerCount, type GroupDistribution, type GroupMean } from '../../shared/survey';
import { nl } from '../text/nl';

const PALETTE = ['#1f5f8b', '#5b8fc9', '#9cc0e2', '#e0a458', '#c0643f', '#8e3b2d', '#6d7f3a', '#9b6fb0'];
const NEUTRAL = '#a3aab3';
const NEUTRAL_ANSWERS = new Set(['weet ik niet', 'weet niet', 'geen mening', 'niet van toepassing', 'n v t', 'nvt', 'geen antwoord']);

export function answerColors(answers: readonly string[]): Map<string, string> {
  const colors = new Map<string, string>();
  let index = 0;
  for (const answer of answers) {
    colors.set(answer, NEUTRAL_ANSWERS.has(foldAnswer(answer)) ? NEUTRAL : PALETTE[index++ % PALETTE.length]!);
  }
  return colors;
}

const ROW = 26;
const LABEL_WIDTH = 220;
const BAR_WIDTH = 320;
const VALUE_WIDTH = 70;
const WIDTH = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;

function clip(text: string, max = 34): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function DistributionChart({ question, answers, suppressed, minGroup }: { question: string; answers: AnswerCount[]; suppressed: boolean; minGroup: number }) {
  const colors = answerColors(answers.map((answer) => answer.answer));
  const height = suppressed ? ROW + 8 : answers.length * ROW + 8;
  return (
    <svg className="survey-chart" data-testid="survey-chart" role="img" aria-label={nl.survey.chartLabel(question)} viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height}>
      <title>{nl.survey.chartLabel(question)}</title>
      {suppressed ? (
        <text x={0} y={ROW - 8} className="survey-chart-muted">
          {suppressedLabel(minGroup)}
        </text>
      ) : (
        answers.map((answer, index) => {
          const y = index * ROW + 4;
          const width = ((answer.pct ?? 0) / 100) * BAR_WIDTH;
          return (
            <g key={answer.answer}>
              <text x={LABEL_WIDTH - 8} y={y + ROW / 2 + 4} textAnchor="end" className="survey-chart-label">
                <title>{answer.answer}</title>
                {clip(answer.answer)}
              </text>
              <rect x={LABEL_WIDTH} y={y + 3} width={BAR_WIDTH} height={ROW - 8} className="survey-chart-track" />
              <rect x={LABEL_WIDTH} y={y + 3} width={width} height={ROW - 8} fill={colors.get(answer.answer)} />
              <text x={LABEL_WIDTH + BAR_WIDTH + 6} y={y + ROW / 2 + 4} className="survey-chart-value">
                {answer.pct === null ? '' : formatPercentNl(answer.pct)}
              </text>
            </g>
          );
        })
      )}
    </svg>
  );
}

export function SplitChart({ question, answers, groups, minGroup }: { question: string; answers: string[]; groups: GroupDistribution[]; minGroup: number }) {
  const colors = answerColors(answers);
  const legendRows = Math.ceil(answers.length / 3);
  const height = groups.length * ROW + 12 + legendRows * 20;
  return (
    <svg className="survey-chart" data-testid="survey-chart" role="img" aria-label={nl.survey.chartLabel(question)} viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height}>
      <title>{nl.survey.chartLabel(question)}</title>
      {groups.map((group, index) => {
        const y = index * ROW + 4;
        let x = LABEL_WIDTH;
        return (
          <g key={group.group}>
            <text x={LABEL_WIDTH - 8} y={y + ROW / 2 + 4} textAnchor="end" className="survey-chart-label">
              <title>{group.group}</title>
              {clip(group.group)}
            </text>
            {group.suppressed ? (
              <text x={LABEL_WIDTH} y={y + ROW / 2 + 4} className="survey-chart-muted">
                {suppressedLabel(minGroup)}
              </text>
            ) : (
              group.answers.map((answer) => {
                const width = ((answer.pct ?? 0) / 100) * BAR_WIDTH;
                const rect = <rect key={answer.answer} x={x} y={y + 3} width={width} height={ROW - 8} fill={colors.get(answer.answer)}><title>{`${answer.answer}: ${answer.pct === null ? '' : formatPercentNl(answer.pct)}`}</title></rect>;
                x += width;
                return rect;
              })
            )}
            {!group.suppressed && (
              <text x={LABEL_WIDTH + BAR_WIDTH + 6} y={y + ROW / 2 + 4} className="survey-chart-value">
                {nl.survey.answered(group.n)}
              </text>
            )}
          </g>
        );
      })}
      {answers.map((answer, index) => {
        const column = index % 3;
        const row = Math.floor(index / 3);
        const x = LABEL_WIDTH + column * (BAR_WIDTH / 3 + 20);
        const y = groups.length * ROW + 12 + row * 20;
        return (
          <g key={answer}>
            <rect x={x} y={y} width={12} height={12} fill={colors.get(answer)} />
            <text x={x + 16} y={y + 10} className="survey-chart-legend">
              {clip(answer, 16)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function MeanChart({ column, groups, minGroup, scaleMax }: { column: string; groups: GroupMean[]; minGroup: number; scaleMax: number }) {
  const height = groups.length * ROW + 8;
  const max = Math.max(scaleMax, ...groups.map((group) => group.mean ?? 0)) || 1;
  return (
    <svg className="survey-chart" data-testid="survey-mean-chart" role="img" aria-label={nl.survey.meanChartLabel(column)} viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height}>
      <title>{nl.survey.meanChartLabel(column)}</title>
      {groups.map((group, index) => {
        const y = index * ROW + 4;
        return (
          <g key={group.group}>
            <text x={LABEL_WIDTH - 8} y={y + ROW / 2 + 4} textAnchor="end" className="survey-chart-label">
              <title>{group.group}</title>
              {clip(group.group)}
            </text>
            {group.suppressed || group.mean === null ? (
              <text x={LABEL_WIDTH} y={y + ROW / 2 + 4} className="survey-chart-muted">
                {suppressedLabel(minGroup)}
              </text>
            ) : (
              <>
                <rect x={LABEL_WIDTH} y={y + 3} width={BAR_WIDTH} height={ROW - 8} className="survey-chart-track" />
                <rect x={LABEL_WIDTH} y={y + 3} width={(group.mean / max) * BAR_WIDTH} height={ROW - 8} fill={PALETTE[0]} />
                <text x={LABEL_WIDTH + BAR_WIDTH + 6} y={y + ROW / 2 + 4} className="survey-chart-value">
                  {formatMeanNl(group.mean)}
                </text>
              </>
            )}
          </g>
        );
      })}
    </svg>
  );
}
