/**
 * Clean bar charts as SVG in the page: one bar per answer (distribution), one
 * 100% bar per group (split), one bar per group (mean). Numbers in Dutch
 * notation; a suppressed group shows "n < 10" instead of a bar.
 */
import type { ReactNode } from 'react';
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

/** The baseline of the text of row `index`. */
const textY = (index: number) => index * ROW + 4 + ROW / 2 + 4;

/** One chart: an SVG image with its accessible name, `rows` rows high plus `extra` pixels. */
function Chart({ label, testId, rows, extra = 0, children }: { label: string; testId: string; rows: number; extra?: number; children: ReactNode }) {
  const height = rows * ROW + 8 + extra;
  return (
    <svg className="survey-chart" data-testid={testId} role="img" aria-label={label} viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height}>
      <title>{label}</title>
      {children}
    </svg>
  );
}

/** The label left of row `index` (an answer or a group), clipped, whole in its tooltip. */
function RowLabel({ index, text }: { index: number; text: string }) {
  return (
    <text x={LABEL_WIDTH - 8} y={textY(index)} textAnchor="end" className="survey-chart-label">
      <title>{text}</title>
      {clip(text)}
    </text>
  );
}

/** The figure right of the bar of row `index`. */
function RowValue({ index, text }: { index: number; text: string }) {
  return (
    <text x={LABEL_WIDTH + BAR_WIDTH + 6} y={textY(index)} className="survey-chart-value">
      {text}
    </text>
  );
}

/** "n < 10" where row `index` would have its bar. */
function Suppressed({ index, minGroup }: { index: number; minGroup: number }) {
  return (
    <text x={LABEL_WIDTH} y={textY(index)} className="survey-chart-muted">
      {suppressedLabel(minGroup)}
    </text>
  );
}

/** A bar of `fraction` of the full width on its grey track. */
function Bar({ index, fraction, fill }: { index: number; fraction: number; fill: string | undefined }) {
  const y = index * ROW + 4 + 3;
  return (
    <>
      <rect x={LABEL_WIDTH} y={y} width={BAR_WIDTH} height={ROW - 8} className="survey-chart-track" />
      <rect x={LABEL_WIDTH} y={y} width={fraction * BAR_WIDTH} height={ROW - 8} fill={fill} />
    </>
  );
}

export function DistributionChart({ question, answers, suppressed, minGroup }: { question: string; answers: AnswerCount[]; suppressed: boolean; minGroup: number }) {
  const colors = answerColors(answers.map((answer) => answer.answer));
  return (
    <Chart label={nl.survey.chartLabel(question)} testId="survey-chart" rows={suppressed ? 1 : answers.length}>
      {suppressed ? (
        <text x={0} y={ROW - 8} className="survey-chart-muted">
          {suppressedLabel(minGroup)}
        </text>
      ) : (
        answers.map((answer, index) => (
          <g key={answer.answer}>
            <RowLabel index={index} text={answer.answer} />
            <Bar index={index} fraction={(answer.pct ?? 0) / 100} fill={colors.get(answer.answer)} />
            <RowValue index={index} text={answer.pct === null ? '' : formatPercentNl(answer.pct)} />
          </g>
        ))
      )}
    </Chart>
  );
}

export function SplitChart({ question, answers, groups, minGroup }: { question: string; answers: string[]; groups: GroupDistribution[]; minGroup: number }) {
  const colors = answerColors(answers);
  const legendRows = Math.ceil(answers.length / 3);
  return (
    <Chart label={nl.survey.chartLabel(question)} testId="survey-chart" rows={groups.length} extra={4 + legendRows * 20}>
      {groups.map((group, index) => {
        const y = index * ROW + 4;
        let x = LABEL_WIDTH;
        return (
          <g key={group.group}>
            <RowLabel index={index} text={group.group} />
            {group.suppressed ? (
              <Suppressed index={index} minGroup={minGroup} />
            ) : (
              group.answers.map((answer) => {
                const width = ((answer.pct ?? 0) / 100) * BAR_WIDTH;
                const rect = <rect key={answer.answer} x={x} y={y + 3} width={width} height={ROW - 8} fill={colors.get(answer.answer)}><title>{`${answer.answer}: ${answer.pct === null ? '' : formatPercentNl(answer.pct)}`}</title></rect>;
                x += width;
                return rect;
              })
            )}
            {!group.suppressed && <RowValue index={index} text={nl.survey.answered(group.n)} />}
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
    </Chart>
  );
}

export function MeanChart({ column, groups, minGroup, scaleMax }: { column: string; groups: GroupMean[]; minGroup: number; scaleMax: number }) {
  const max = Math.max(scaleMax, ...groups.map((group) => group.mean ?? 0)) || 1;
  return (
    <Chart label={nl.survey.meanChartLabel(column)} testId="survey-mean-chart" rows={groups.length}>
      {groups.map((group, index) => (
        <g key={group.group}>
          <RowLabel index={index} text={group.group} />
          {group.suppressed || group.mean === null ? (
            <Suppressed index={index} minGroup={minGroup} />
          ) : (
            <>
              <Bar index={index} fraction={group.mean / max} fill={PALETTE[0]} />
              <RowValue index={index} text={formatMeanNl(group.mean)} />
            </>
          )}
        </g>
      ))}
    </Chart>
  );
}
