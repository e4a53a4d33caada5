/**
 * The questionnaire in a report draft:
 *   - "Uitkomsten van de vragenlijst": who responded (by role and measure),
 *     every question's distribution as a figure (a bar chart plus its table,
 *     the question text as caption, n stated), the mean report mark by number
 *     of workers and the comparison of respondents with and without a period
 *     without a worker;
 *   - the figures of questions the user placed under a norm, in that norm's
 *     chapter ("Uit de vragenlijst"); the survey chapter refers to them
 *     ("zie figuur 7") instead of repeating them, so each number is in the
 *     draft once and cannot drift apart while the writer edits;
 *   - the respondent counts for "Toezicht in cijfers".
 *
 * The per-institution draft shows that institution's respondents; the
 * overarching draft all respondents and, side by side, each institution
 * (stacked bars of 100%, a table with one column per institution). A group
 * below the study's threshold shows "n < 10" instead of its percentages or
 * mean, in the tables and in the charts (no bar, the note in its place).
 * Every number is written in Dutch notation (59,3%; 6,0; 1.523).
 */
import type { Institution } from '../../shared/api/types';
import { CHAPTER_LABELS, paragraph, run, type BarSeries, type FigureBlock, type ReportBlock, type ReportSection, type TableBlock, type TextRun } from '../../shared/report-model';
import { foldAnswer, suppressedLabel, type GroupDistribution, type GroupMean } from '../../shared/survey';
import type { RespondentCounts, SurveyFigure, SurveyFigureBlock } from '../survey/report-figures';
import { count, decimal, inSentence, joinList, pct, plural } from './phrasing';
import { CATEGORICAL_COLORS } from './palette';
import { WITHOUT_WORKER_GROUPS, type ReportSurvey, type ReportSurveyData } from './survey-data';

export interface SurveyContext {
  id(prefix: string): string;
  /** How the chapter speaks of its respondents: one institution's, or several side by side (the report's plan chooses). */
  voice: SurveyVoice;
  /** The institutions of the draft. */
  institutions: Institution[];
  survey: ReportSurveyData;
  /**
   * Questions shown in a norm chapter (filled by `surveyNormSection`, called for the norm chapters in the
   * draft), by `questionKey`; a question placed under a norm not in the draft stays in the survey chapter.
   */
  placed: Map<string, { normName: string; figure: FigureBlock | null }>;
}

export const questionKey = (figure: Pick<SurveyFigure, 'surveyId' | 'question'>) => `${figure.surveyId}\u0000${figure.question}`;

/* ---------- colours ---------- */

const DONT_KNOW = new Set([
  'weet ik niet',
  'weet niet',
  'ik weet het niet',
  'geen idee',
  'geen mening',
  'niet van toepassing',
  'n v t',
  'nvt',
  'wil ik niet zeggen',
  'zeg ik liever niet',
  'onbekend',
  'geen antwoord',
]);
const NEGATIVE = /^(nee|nooit|helemaal niet|niet goed|slecht|zeer slecht|onvoldoende|oneens|mee oneens|helemaal mee oneens|helemaal oneens|ontevreden|zeer ontevreden)\b/;
// Print-safe (palette.ts): the graded blues run from grey level 90 to 204, a negative last answer is
// darker than all of them (50) and "weet ik niet" lighter (232), so up to five graded answers stay apart on paper.
const GREY = '#e6e8eb';
const RED = '#6e1a0e';
const CATEGORICAL = CATEGORICAL_COLORS;
const DARK = [0x2f, 0x64, 0x97];
const LIGHT = [0xb9, 0xd0, 0xe8];
const BAR_BLUE = '#1f4e79';

function blend(t: number): string {
  return `#${DARK.map((from, index) => Math.round(from + (LIGHT[index]! - from) * t).toString(16).padStart(2, '0')).join('')}`;
}

/** Colours for answers in their natural order: dark to light blue, a negative last answer ("Nee") red, "Weet ik niet" grey; measures get distinct colours. */
export function answerColors(answers: string[], kind: SurveyFigure['kind']): string[] {
  const folded = answers.map(foldAnswer);
  const main = answers.map((_, index) => index).filter((index) => !DONT_KNOW.has(folded[index]!));
  const colors = answers.map(() => GREY);
  if (kind === 'measure') {
    main.forEach((index, position) => (colors[index] = CATEGORICAL[position % CATEGORICAL.length]!));
    return colors;
  }
  const lastNegative = main.length >= 2 && NEGATIVE.test(folded[main.at(-1)!]!);
  const graded = lastNegative ? main.slice(0, -1) : main;
  graded.forEach((index, position) => (colors[index] = blend(graded.length <= 1 ? 0 : position / (graded.length - 1))));
  if (lastNegative) colors[main.at(-1)!] = RED;
  return colors;
}

/* ---------- small builders ---------- */

/** "n = 20" and "n < 10" in running text never break over two lines (non-breaking spaces); table cells keep plain spaces. */
function unbreakable(target: ReportSection): ReportSection {
  const fix = (parts: TextRun[]) => {
    for (const part of parts) part.text = part.text.replace(/\bn ([=<]) (?=\d)/g, 'n\u00a0$1\u00a0');
  };
  for (const block of target.blocks) {
    if (block.kind === 'paragraph') fix(block.runs);
    else if (block.kind === 'bullets') block.items.forEach(fix);
  }
  target.sections.forEach(unbreakable);
  return target;
}

function section(ctx: SurveyContext, level: 1 | 2 | 3, title: string, blocks: ReportBlock[], sections: ReportSection[] = [], key?: 'vragenlijst'): ReportSection {
  return { id: ctx.id('sectie'), level, title, blocks, sections, ...(key ? { key } : {}) };
}

function table(ctx: SurveyContext, caption: string, header: string[], rows: string[][], trace: string, extra: Partial<TableBlock> = {}): TableBlock {
  return { kind: 'table', id: ctx.id('tabel'), number: 0, caption, header, rows, trace, ...extra };
}

const isMean = (figure: SurveyFigure) => figure.kind === 'mark' || figure.kind === 'number';

function traceOf(ctx: SurveyContext, figure: SurveyFigure): string {
  return `Vragenlijst ‘${figure.surveyName}’, kolom ‘${figure.question}’: ${ctx.voice.scopeText}; percentages over wie de vraag beantwoordde (${plural(figure.missing, 'respondent', 'respondenten')} zonder antwoord niet meegeteld)${isMean(figure) ? ', gemiddelde over de gegeven cijfers' : ''}; groepen onder ${figure.minGroup} respondenten niet getoond (n < ${figure.minGroup}).`;
}

function respondentsPhrase(n: number, missing: number): string {
  return `${plural(n, 'respondent', 'respondenten')} die de vraag beantwoordde${n === 1 ? '' : 'n'}${missing > 0 ? ` (${count(missing)} zonder antwoord)` : ''}`;
}

/* ---------- one question ---------- */

interface Group {
  label: string;
  block: SurveyFigureBlock;
}

/** The figure of one question; null when too few respondents answered it at all. */
export function questionFigure(ctx: SurveyContext, figure: SurveyFigure): FigureBlock | null {
  if (figure.suppressed) return null;
  return ctx.voice.questionFigure(ctx, figure, { kind: 'figure' as const, id: ctx.id('figuur'), number: 0, title: figure.question, n: figure.n, trace: traceOf(ctx, figure) });
}

type FigureBase = Pick<FigureBlock, 'kind' | 'id' | 'number' | 'title' | 'n' | 'trace'>;
const markLabelOf = (figure: SurveyFigure) => (figure.kind === 'mark' ? 'Gemiddeld rapportcijfer' : 'Gemiddelde');

/** One institution's respondents: the percentages per answer as bars. */
function institutionFigure(_ctx: SurveyContext, figure: SurveyFigure, base: FigureBase): FigureBlock {
  const answers = figure.rows.map((row) => row.answer);
  const markLabel = markLabelOf(figure);
  const values = figure.rows.map((row) => row.pct ?? 0);
  return {
    ...base,
    chart: { kind: 'bar', categories: answers, series: [{ name: 'Percentage', values, color: BAR_BLUE }], stacked: false, valueLabel: 'percentage van de respondenten die de vraag beantwoordden', format: 'percent', axisMax: 100, legend: false },
    nLabel: `n = ${respondentsPhrase(figure.n, figure.missing)}${isMean(figure) && figure.mean !== null ? `; ${markLabel.toLocaleLowerCase('nl')} ${decimal(figure.mean)}` : ''}`,
    table: {
      header: [isMean(figure) ? (figure.kind === 'mark' ? 'Rapportcijfer' : 'Waarde') : 'Antwoord', 'Aantal', 'Percentage'],
      rows: figure.rows.map((row) => [row.answer, count(row.n ?? 0), pct(row.pct ?? 0)]),
      align: ['left', 'right', 'right'],
    },
    altText: `Staafdiagram. ${figure.question}. ${figure.rows.map((row) => `${row.answer}: ${pct(row.pct ?? 0)}`).join('; ')}. n = ${count(figure.n)}.`,
  };
}

/** Respondents of several institutions: all of them and each institution side by side, small groups not shown. */
function acrossFigure(figure: SurveyFigure, base: FigureBase, groups: Group[]): FigureBlock {
  const small = suppressedLabel(figure.minGroup);
  const hidden = `< ${figure.minGroup}`;
  const answers = figure.rows.map((row) => row.answer);
  const markLabel = markLabelOf(figure);
  const hiddenGroups = groups.filter((group) => group.block.suppressed).map((group) => group.label);
  const note =
    hiddenGroups.length > 0
      ? `${small}: bij ${joinList(hiddenGroups)} beantwoordden minder dan ${figure.minGroup} respondenten deze vraag; om hen niet herkenbaar te maken staan hun uitkomsten er niet.`
      : undefined;
  if (isMean(figure)) {
    return {
      ...base,
      chart: {
        kind: 'bar',
        categories: groups.map((group) => group.label),
        series: [{ name: markLabel, values: groups.map((group) => group.block.mean ?? 0), color: BAR_BLUE }],
        stacked: false,
        valueLabel: figure.kind === 'mark' ? 'gemiddeld rapportcijfer (1-10)' : 'gemiddelde',
        format: 'decimal',
        ...(figure.kind === 'mark' ? { axisMax: 10 } : {}),
        notes: groups.map((group) => (group.block.suppressed || group.block.mean === null ? small : null)),
        legend: false,
      },
      nLabel: `n = ${respondentsPhrase(figure.n, figure.missing)}; n per instelling in de tabel`,
      table: {
        header: ['Respondenten', 'n', markLabel],
        rows: groups.map((group) => [
          group.label,
          group.block.suppressed ? hidden : count(group.block.n),
          group.block.suppressed || group.block.mean === null ? small : decimal(group.block.mean),
        ]),
        align: ['left', 'right', 'right'],
      },
      ...(note ? { note } : {}),
      altText: `Staafdiagram. ${figure.question}, ${markLabel.toLocaleLowerCase('nl')}. ${groups
        .map((group) => `${group.label}: ${group.block.suppressed || group.block.mean === null ? small : decimal(group.block.mean)}`)
        .join('; ')}.`,
    };
  }

  const colors = answerColors(answers, figure.kind);
  const pctOf = (group: Group, answer: string) => group.block.rows.find((row) => row.answer === answer)?.pct ?? 0;
  const series: BarSeries[] = answers.map((answer, index) => ({
    name: answer,
    color: colors[index]!,
    values: groups.map((group) => (group.block.suppressed ? 0 : pctOf(group, answer))),
  }));
  return {
    ...base,
    chart: {
      kind: 'bar',
      categories: groups.map((group) => group.label),
      series,
      stacked: true,
      valueLabel: 'percentage van de respondenten die de vraag beantwoordden',
      format: 'percent',
      axisMax: 100,
      notes: groups.map((group) => (group.block.suppressed ? small : null)),
      endLabels: groups.map((group) => (group.block.suppressed ? null : `n = ${count(group.block.n)}`)),
    },
    nLabel: `n = ${respondentsPhrase(figure.n, figure.missing)}; n per instelling in de figuur en de tabel`,
    table: {
      header: ['Antwoord', ...groups.map((group) => group.label)],
      rows: [
        ...answers.map((answer) => [answer, ...groups.map((group) => (group.block.suppressed ? small : pct(pctOf(group, answer))))]),
        ['n', ...groups.map((group) => (group.block.suppressed ? hidden : count(group.block.n)))],
      ],
      align: ['left', ...groups.map(() => 'right' as const)],
    },
    ...(note ? { note } : {}),
    altText: `Gestapeld staafdiagram. ${figure.question}. ${groups
      .map((group) =>
        group.block.suppressed ? `${group.label}: ${small}` : `${group.label}: ${answers.map((answer) => `${answer} ${pct(pctOf(group, answer))}`).join(', ')}`,
      )
      .join('; ')}.`,
  };
}

/** The sentence before a question's figure, with the numbers of all the draft's respondents. */
function questionSentence(ctx: SurveyContext, figure: SurveyFigure, fig: FigureBlock | null): TextRun[] {
  const who = ctx.voice.ofWhom;
  if (figure.suppressed) {
    return [
      run(
        `De vraag ‘${figure.question}’ beantwoordden minder dan ${figure.minGroup} respondenten${who} (${suppressedLabel(figure.minGroup)}); om hen niet herkenbaar te maken, staan de uitkomsten niet in dit rapport.`,
      ),
    ];
  }
  if (isMean(figure) && figure.mean !== null) {
    const what = figure.kind === 'mark' ? 'Het gemiddelde rapportcijfer' : 'Het gemiddelde antwoord';
    return [run(`${what} op de vraag ‘${figure.question}’ is ${decimal(figure.mean)} (n = ${count(figure.n)}).`), ...figureTail(fig)];
  }
  const given = figure.rows.filter((row) => (row.n ?? 0) > 0);
  if (given.length === 0 || given.length > 6) {
    return [run(`De antwoorden${who} op de vraag ‘${figure.question}’ (n = ${count(figure.n)})`), ...(fig ? [run(' staan in '), { text: '', figureRef: fig.id }, run('.')] : [run(' staan hieronder.')])];
  }
  return [
    run(
      `Op de vraag ‘${figure.question}’ antwoordde ${joinList(given.map((row) => `${pct(row.pct ?? 0)} ‘${row.answer}’`))} (n = ${count(figure.n)}${ctx.voice.allRespondents}).`,
    ),
    ...figureTail(fig),
  ];
}

function figureTail(fig: FigureBlock | null): TextRun[] {
  return fig ? [run(' Zie '), { text: '', figureRef: fig.id }, run('.')] : [];
}

function questionBlocks(ctx: SurveyContext, figure: SurveyFigure): { blocks: ReportBlock[]; figure: FigureBlock | null } {
  const fig = questionFigure(ctx, figure);
  return { blocks: [{ kind: 'paragraph', runs: questionSentence(ctx, figure, fig) }, ...(fig ? [fig] : [])], figure: fig };
}

/* ---------- in a norm chapter ---------- */

/** "Uit de vragenlijst" in the chapter of norm `normKey`: the questions the user placed there. */
export function surveyNormSection(ctx: SurveyContext, normKey: string, normName: string): ReportSection | null {
  // A survey none of the draft's respondents filled in has nothing to say here.
  const figures = ctx.survey.surveys.flatMap((survey) => survey.figures.filter((figure) => figure.normKey === normKey && figure.n + figure.missing > 0));
  if (figures.length === 0) return null;
  const who = `jeugdigen en ouders${ctx.voice.ofWhom}`;
  const blocks: ReportBlock[] = [
    paragraph(
      `In de vragenlijst beantwoordden ${who} ${figures.length === 1 ? 'een vraag die' : `${figures.length} vragen die`} bij deze norm ${figures.length === 1 ? 'hoort' : 'horen'}. Percentages zijn berekend over wie de vraag beantwoordde.`,
    ),
  ];
  for (const figure of figures) {
    const made = questionBlocks(ctx, figure);
    blocks.push(...made.blocks);
    ctx.placed.set(questionKey(figure), { normName, figure: made.figure });
  }
  return unbreakable(section(ctx, 2, 'Uit de vragenlijst', blocks));
}

/* ---------- "toezicht in cijfers" ---------- */

function unknownRole(counts: RespondentCounts): number {
  return counts.totaal - counts.jeugdigen - counts.ouders;
}

/** "25 jeugdigen en 15 ouders"; a role without respondents is left out ("20 jeugdigen"). */
function respondentsSentence(counts: RespondentCounts): string {
  const unknown = unknownRole(counts);
  const parts: string[] = [];
  if (counts.jeugdigen > 0) parts.push(plural(counts.jeugdigen, 'jeugdige', 'jeugdigen'));
  if (counts.ouders > 0) parts.push(plural(counts.ouders, 'ouder', 'ouders'));
  if (unknown > 0) parts.push(`${plural(unknown, 'respondent', 'respondenten')} van wie de rol onbekend is`);
  return parts.length > 0 ? joinList(parts) : 'geen respondenten';
}

/** The respondent counts (jeugdigen, ouders) for "Toezicht in cijfers"; per institution in the overarching draft. */
export function respondentBlocks(ctx: SurveyContext): ReportBlock[] {
  const { respondents } = ctx.survey;
  const trace = 'Vragenlijsten van dit onderzoek: respondenten geteld naar rol (zoals de vragenlijstweergave ze telt).';
  const sentence =
    respondents.totaal === 0
      ? paragraph(`${ctx.voice.fromWhom} vulde niemand de vragenlijst in.`)
      : paragraph(`Daarnaast vulden ${respondentsSentence(respondents)} de digitale vragenlijst in${ctx.voice.together(respondents.totaal)}.`);
  return [sentence, ctx.voice.respondentTable(ctx, trace)];
}

/** One institution's respondents by role. */
function institutionRespondents(ctx: SurveyContext, trace: string): TableBlock {
  const { respondents } = ctx.survey;
  const showUnknown = unknownRole(respondents) > 0;
  return (
      table(
        ctx,
        'Toezicht in cijfers: respondenten van de vragenlijst',
        ['Respondenten', 'Aantal'],
        [
          ['Jeugdigen', count(respondents.jeugdigen)],
          ['Ouders', count(respondents.ouders)],
          ...(showUnknown ? [['Rol onbekend', count(unknownRole(respondents))]] : []),
          ['Totaal', count(respondents.totaal)],
        ],
        `${trace} Alleen respondenten van ${ctx.institutions[0]!.name}.`,
        { align: ['left', 'right'], totalRow: true },
      )
  );
}

/** Respondents by role per institution, with the total. */
function respondentsPerInstitution(ctx: SurveyContext, trace: string): TableBlock {
  const { respondents, byInstitution } = ctx.survey;
  const showUnknown = unknownRole(respondents) > 0;
  const columns = ctx.institutions;
  const of = (id: string) => byInstitution.get(id) ?? { jeugdigen: 0, ouders: 0, totaal: 0 };
  const outside = respondents.totaal - columns.reduce((sum, institution) => sum + of(institution.id).totaal, 0);
  return (
    table(
      ctx,
      'Toezicht in cijfers: respondenten van de vragenlijst per instelling',
      ['Respondenten', ...columns.map((institution) => institution.name), 'Totaal'],
      [
        ['Jeugdigen', ...columns.map((institution) => count(of(institution.id).jeugdigen)), count(respondents.jeugdigen)],
        ['Ouders', ...columns.map((institution) => count(of(institution.id).ouders)), count(respondents.ouders)],
        ...(showUnknown ? [['Rol onbekend', ...columns.map((institution) => count(unknownRole(of(institution.id)))), count(unknownRole(respondents))]] : []),
        ['Totaal', ...columns.map((institution) => count(of(institution.id).totaal)), count(respondents.totaal)],
      ],
      trace,
      {
        align: ['left', ...columns.map(() => 'right' as const), 'right'],
        totalRow: true,
        compact: true,
        ...(outside > 0 ? { note: `De kolom Totaal telt ook ${plural(outside, 'respondent', 'respondenten')} zonder (bekende) instelling.` } : {}),
      },
    )
  );
}

/* ---------- the survey chapter ---------- */

const ROLE_GROUP_LABELS: Record<string, string> = { Jeugdige: 'Jeugdigen', Ouder: 'Ouders', 'Geen antwoord': 'Rol onbekend' };

function roleByMeasureTable(ctx: SurveyContext, survey: ReportSurvey): TableBlock | null {
  const split = survey.roleByMeasure;
  // With too few respondents in all, every cell would read "n < 10": the lead of the chapter says enough.
  if (!split || split.total.n === 0 || split.total.suppressed) return null;
  const minGroup = ctx.survey.minGroup;
  const small = suppressedLabel(minGroup);
  const columns = [
    ...split.groups.map((group) => ({ label: ROLE_GROUP_LABELS[group.group] ?? group.group, distribution: group as GroupDistribution | typeof split.total })),
    { label: 'Alle respondenten', distribution: split.total },
  ];
  const answers = split.total.answers.map((answer) => answer.answer);
  const cell = (distribution: typeof split.total, answer: string) => {
    if (distribution.suppressed) return small;
    const found = distribution.answers.find((one) => one.answer === answer);
    return found?.pct === null || found?.pct === undefined ? '–' : pct(found.pct);
  };
  return table(
    ctx,
    'Respondenten naar rol en maatregel',
    ['Maatregel', ...columns.map((column) => column.label)],
    [
      ...answers.map((answer) => [answer, ...columns.map((column) => cell(column.distribution, answer))]),
      ['n', ...columns.map((column) => (column.distribution.suppressed ? `< ${minGroup}` : count(column.distribution.n)))],
    ],
    `Vragenlijst ‘${survey.name}’: kolom ‘${split.measure}’ gesplitst naar ‘${split.role}’; ${ctx.voice.scopeText.replace(/ en per instelling$/, '')}.`,
    {
      align: ['left', ...columns.map(() => 'right' as const)],
      compact: columns.length > 4,
      note: `Percentages per kolom, over wie de maatregel invulde.${columns.some((column) => column.distribution.suppressed) ? ` ${small}: minder dan ${minGroup} respondenten; niet getoond.` : ''}`,
    },
  );
}

function meanFigure(ctx: SurveyContext, title: string, groups: GroupMean[], groupHeader: string, trace: string, relabel: (group: string) => string = (group) => group): FigureBlock | null {
  if (groups.every((group) => group.suppressed || group.mean === null)) return null;
  const minGroup = ctx.survey.minGroup;
  const small = suppressedLabel(minGroup);
  const shown = (group: GroupMean) => !group.suppressed && group.mean !== null;
  const hiddenGroups = groups.filter((group) => !shown(group)).map((group) => `‘${relabel(group.group)}’`);
  // n of the groups shown only: with the total, a single hidden group's n would be a subtraction away.
  const answered = groups.filter(shown).reduce((sum, group) => sum + group.n, 0);
  return {
    kind: 'figure',
    id: ctx.id('figuur'),
    number: 0,
    title,
    chart: {
      kind: 'bar',
      categories: groups.map((group) => relabel(group.group)),
      series: [{ name: 'Gemiddeld rapportcijfer', values: groups.map((group) => (shown(group) ? group.mean! : 0)), color: BAR_BLUE }],
      stacked: false,
      valueLabel: 'gemiddeld rapportcijfer (1-10)',
      format: 'decimal',
      axisMax: 10,
      notes: groups.map((group) => (shown(group) ? null : small)),
      legend: false,
    },
    n: answered,
    nLabel: `n = ${plural(answered, 'respondent', 'respondenten')} met een rapportcijfer${hiddenGroups.length > 0 ? ' in de groepen met een gemiddelde' : ''}; n per groep in de tabel`,
    table: {
      header: [groupHeader, 'n', 'Gemiddeld rapportcijfer'],
      rows: groups.map((group) => [relabel(group.group), shown(group) ? count(group.n) : `< ${minGroup}`, shown(group) ? decimal(group.mean!) : small]),
      align: ['left', 'right', 'right'],
    },
    ...(hiddenGroups.length > 0
      ? { note: `${small}: in de groep${hiddenGroups.length === 1 ? '' : 'en'} ${joinList(hiddenGroups)} gaven minder dan ${minGroup} respondenten een cijfer; daar staat geen gemiddelde.` }
      : {}),
    altText: `Staafdiagram. ${title}. ${groups.map((group) => `${relabel(group.group)}: ${shown(group) ? decimal(group.mean!) : small}`).join('; ')}.`,
    trace,
  };
}

function withoutWorkerBlocks(ctx: SurveyContext, survey: ReportSurvey): ReportBlock[] {
  const comparison = survey.withoutWorker;
  if (!comparison) return [];
  const minGroup = ctx.survey.minGroup;
  const small = suppressedLabel(minGroup);
  const labels = WITHOUT_WORKER_GROUPS.map((group) => group.label);
  const rows: string[][] = [];
  const groupRows: number[] = [];
  if (comparison.mark) {
    const cell = (value: string) => {
      const group = comparison.mark!.groups.find((one) => one.group === value);
      if (!group || group.n === 0) return '–';
      return group.suppressed || group.mean === null ? small : `${decimal(group.mean)} (n = ${count(group.n)})`;
    };
    groupRows.push(rows.length);
    rows.push(['Gemiddeld rapportcijfer', ...WITHOUT_WORKER_GROUPS.map((group) => cell(group.value))]);
  }
  for (const question of comparison.questions) {
    const groupOf = (value: string) => question.groups.find((group) => group.group === value) ?? null;
    groupRows.push(rows.length);
    rows.push([
      question.question,
      ...WITHOUT_WORKER_GROUPS.map((known) => {
        const group = groupOf(known.value);
        return !group || group.n === 0 ? '–' : group.suppressed ? small : `n = ${count(group.n)}`;
      }),
    ]);
    const answers = question.groups[0]?.answers.map((answer) => answer.answer) ?? [];
    for (const answer of answers) {
      rows.push([
        `– ${answer}`,
        ...WITHOUT_WORKER_GROUPS.map((known) => {
          const group = groupOf(known.value);
          if (!group || group.n === 0) return '–';
          if (group.suppressed) return small;
          const found = group.answers.find((one) => one.answer === answer);
          return found?.pct === null || found?.pct === undefined ? '–' : pct(found.pct);
        }),
      ]);
    }
  }
  if (rows.length === 0) return [];
  const everythingHidden = rows.every((row) => row.slice(1).every((cell) => cell === small || cell === '–' || cell === ''));
  if (everythingHidden) {
    return [paragraph(`In beide groepen (wel en geen periode zonder jeugdzorgwerker) antwoordden te weinig respondenten om de groepen te vergelijken (${small}).`)];
  }
  return [
    paragraph(
      `Hieronder staan de antwoorden van respondenten die wel een periode zonder jeugdzorgwerker hadden, naast die van respondenten die zo’n periode niet hadden (vraag ‘${comparison.header}’).`,
    ),
    table(
      ctx,
      'Respondenten met en zonder een periode zonder jeugdzorgwerker',
      ['Vraag en antwoord', ...labels],
      rows,
      `Vragenlijst ‘${survey.name}’: elke gesloten vraag${comparison.mark ? ' en het rapportcijfer' : ''} gesplitst naar ‘${comparison.header}’ (Ja/Nee); ${ctx.voice.scopeText.replace(/ en per instelling$/, '')}.`,
      {
        align: ['left', 'right', 'right'],
        groupRows,
        note: `Percentages per groep, over wie de vraag beantwoordde. ${small}: minder dan ${minGroup} respondenten in de groep; niet getoond.`,
      },
    ),
  ];
}

function surveySections(ctx: SurveyContext, survey: ReportSurvey, level: 2 | 3): ReportSection[] {
  const sections: ReportSection[] = [];
  const minGroup = ctx.survey.minGroup;
  // Everyone in scope either answered a question or left it blank: n + missing are the survey's respondents here.
  const inScope = survey.figures[0] ? survey.figures[0].n + survey.figures[0].missing : 0;
  if (inScope === 0) {
    return [section(ctx, level, 'Antwoorden per vraag', [paragraph(`${ctx.voice.fromWhom} vulde niemand deze vragenlijst in.`)])];
  }

  const respondentTable = roleByMeasureTable(ctx, survey);
  if (respondentTable) {
    sections.push(section(ctx, level, 'Respondenten naar rol en maatregel', [paragraph('Welke maatregel de respondenten volgens henzelf hebben, naar rol:'), respondentTable]));
  }

  const blocks: ReportBlock[] = [];
  const elsewhere = survey.figures.filter((figure) => ctx.placed.has(questionKey(figure)) && ctx.placed.get(questionKey(figure))!.figure !== null);
  const hidden = survey.figures.filter((figure) => figure.suppressed && !ctx.placed.has(questionKey(figure)));
  const here = survey.figures.filter((figure) => !figure.suppressed && !ctx.placed.has(questionKey(figure)));
  if (elsewhere.length > 0) {
    blocks.push(paragraph(`${elsewhere.length === 1 ? 'Eén vraag hoort' : `${elsewhere.length} vragen horen`} bij een norm; de uitkomsten staan in het hoofdstuk van die norm:`));
    blocks.push({
      kind: 'bullets',
      items: elsewhere.map((figure) => {
        const placed = ctx.placed.get(questionKey(figure))!;
        return [run(`‘${figure.question}’: `), run(`${placed.normName}, `), { text: '', figureRef: placed.figure!.id }, run('.')];
      }),
    });
  }
  for (const figure of here) blocks.push(...questionBlocks(ctx, figure).blocks);
  if (hidden.length > 0) {
    const who = ctx.voice.ofWhom;
    blocks.push(
      paragraph(
        `Deze ${hidden.length === 1 ? 'vraag beantwoordden' : 'vragen beantwoordden'} minder dan ${minGroup} respondenten${who} (${suppressedLabel(minGroup)}); om hen niet herkenbaar te maken, staan de uitkomsten niet in dit rapport:`,
      ),
      { kind: 'bullets', items: hidden.map((figure) => [run(`‘${figure.question}’`)]) },
    );
  }
  if (blocks.length > 0) sections.push(section(ctx, level, 'Antwoorden per vraag', blocks));

  if (survey.markByWorkers) {
    const { mark, workers, groups } = survey.markByWorkers;
    const fig = meanFigure(
      ctx,
      'Gemiddeld rapportcijfer naar aantal jeugdzorgwerkers',
      groups,
      'Aantal jeugdzorgwerkers',
      `Vragenlijst ‘${survey.name}’: gemiddelde van ‘${mark}’ per antwoord op ‘${workers}’; ${ctx.voice.scopeText.replace(/ en per instelling$/, '')}; groepen onder ${minGroup} respondenten zonder gemiddelde.`,
    );
    const shown = groups.filter((group) => !group.suppressed && group.mean !== null);
    const blocksMark: ReportBlock[] = fig
      ? [
          paragraph(
            run(
              `Het rapportcijfer dat respondenten hun jeugdzorgwerker geven, naar het aantal jeugdzorgwerkers dat zij hebben gehad: ${joinList(
                shown.map((group) => `${decimal(group.mean!)} bij ${group.group === 'Geen antwoord' ? 'wie het aantal niet invulde' : `${inSentence(group.group)} ${group.group === '1' ? 'jeugdzorgwerker' : 'jeugdzorgwerkers'}`} (n = ${count(group.n)})`),
              )}. Zie `,
            ),
            { text: '', figureRef: fig.id },
            run('.'),
          ),
          fig,
        ]
      : [paragraph(`Per aantal jeugdzorgwerkers gaven te weinig respondenten een rapportcijfer om gemiddelden te tonen (${suppressedLabel(minGroup)}).`)];
    sections.push(section(ctx, level, 'Rapportcijfer naar aantal jeugdzorgwerkers', blocksMark));
  }

  const comparison = withoutWorkerBlocks(ctx, survey);
  if (comparison.length > 0) sections.push(section(ctx, level, 'Wel of geen periode zonder jeugdzorgwerker', comparison));
  return sections;
}

/** "Uitkomsten van de vragenlijst"; call after the norm chapters (it refers to the figures placed there). */
export function surveyChapter(ctx: SurveyContext): ReportSection {
  const { respondents, minGroup } = ctx.survey;
  const small = suppressedLabel(minGroup);
  const lead: TextRun[] = [
    run(
      `Jeugdigen en ouders konden een digitale vragenlijst invullen. ${ctx.voice.whoTookPart} ${respondentsSentence(respondents)} mee (n = ${count(respondents.totaal)}). Percentages zijn berekend over de respondenten die een vraag beantwoordden; wie een vraag oversloeg, telt bij die vraag niet mee. Uitkomsten van groepen van minder dan ${minGroup} respondenten staan er niet (‘${small}’): zulke kleine groepen kunnen personen herkenbaar maken.${ctx.voice.sideBySide}`,
    ),
  ];
  const blocks: ReportBlock[] = [{ kind: 'paragraph', variant: 'lead', runs: lead }];
  blocks.push(...ctx.voice.perInstitution(ctx));
  const surveys = ctx.survey.surveys;
  const sections =
    surveys.length === 1
      ? surveySections(ctx, surveys[0]!, 2)
      : surveys.map((survey) => section(ctx, 2, `Vragenlijst ‘${survey.name}’`, [], surveySections(ctx, survey, 3)));
  return unbreakable(section(ctx, 1, CHAPTER_LABELS.vragenlijst, blocks, sections, 'vragenlijst'));
}

/** How many of each institution took part, in the overarching draft. */
function respondentsOfEach(ctx: SurveyContext): ReportBlock[] {
  const totalOf = (institution: Institution) => ctx.survey.byInstitution.get(institution.id)?.totaal ?? 0;
  const none = ctx.institutions.filter((institution) => totalOf(institution) === 0).map((institution) => institution.name);
  const some = ctx.institutions.filter((institution) => totalOf(institution) > 0);
  if (some.length === 0) return [];
  return [
    paragraph(
      `Per instelling: ${joinList(some.map((institution) => `${institution.name} ${plural(totalOf(institution), 'respondent', 'respondenten')}`))}.${
        none.length > 0 ? ` Van ${joinList(none)} vulde niemand de vragenlijst in.` : ''
      }`,
    ),
  ];
}

/* ---------- the two voices ---------- */

/** What differs between a chapter about one institution's respondents and one about several institutions' side by side. */
export interface SurveyVoice {
  /** " van GI Noord", or nothing across institutions. */
  ofWhom: string;
  /** "Van GI Noord" / "Van de instellingen in dit rapport" (… vulde niemand de vragenlijst in). */
  fromWhom: string;
  /** "Van GI Noord deden" / "In totaal deden" (… 25 jeugdigen mee). */
  whoTookPart: string;
  /** Whose figures a trace describes. */
  scopeText: string;
  /** ", alle respondenten" after an n that sums several institutions. */
  allRespondents: string;
  sideBySide: string;
  together(total: number): string;
  questionFigure(ctx: SurveyContext, figure: SurveyFigure, base: FigureBase): FigureBlock;
  respondentTable(ctx: SurveyContext, trace: string): TableBlock;
  perInstitution(ctx: SurveyContext): ReportBlock[];
}

export function oneInstitutionVoice(institution: Institution): SurveyVoice {
  return {
    ofWhom: ` van ${institution.name}`,
    fromWhom: `Van ${institution.name}`,
    whoTookPart: `Van ${institution.name} deden`,
    scopeText: `respondenten van ${institution.name}`,
    allRespondents: '',
    sideBySide: '',
    together: () => '',
    questionFigure: institutionFigure,
    respondentTable: institutionRespondents,
    perInstitution: () => [],
  };
}

export function acrossInstitutionsVoice(institutions: Institution[]): SurveyVoice {
  return {
    ofWhom: '',
    fromWhom: 'Van de instellingen in dit rapport',
    whoTookPart: 'In totaal deden',
    scopeText:
      institutions.length === 1 ? `respondenten van ${institutions[0]!.name}` : `alle respondenten van de ${count(institutions.length)} instellingen en per instelling`,
    allRespondents: ', alle respondenten',
    sideBySide: ' Bij elke vraag staan de uitkomsten van alle respondenten en die per instelling naast elkaar.',
    together: (total) => ` (samen ${plural(total, 'respondent', 'respondenten')})`,
    questionFigure: (_ctx, figure, base) =>
      acrossFigure(figure, base, [{ label: 'Alle respondenten', block: figure }, ...(figure.byInstitution ?? []).map((block) => ({ label: block.institution, block }))]),
    respondentTable: respondentsPerInstitution,
    perInstitution: respondentsOfEach,
  };
}
