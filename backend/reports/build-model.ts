/**
 * From a study to a report model: the per-institution draft and the
 * overarching draft, with the skeleton of the inspectorates' reports
 * (Samenvatting, Inleiding, a chapter per norm, Gevolgen, Oorzaken, the
 * writer's notes and the internal appendix). Every number comes from the
 * study; every text that comes from a source passes the pseudonymiser.
 */
import { UserError } from '../errors';
import type { Study } from '../study/study';
import { MEASURE_LABELS, ROLE_LABELS, SOURCE_TYPE_LABELS, SOURCE_TYPES, ROLES, type Role, type SourceType } from '../../shared/vocabulary';
import type { Code, Institution, ReviewSummary } from '../../shared/api/types';
import { figuresBeside, type Finding, type FindingKind, type Theme } from '../../shared/findings';
import {
  CHAPTER_LABELS,
  DEFAULT_MIN_CODINGS_FOR_QUOTES,
  numberCaptions,
  paragraph,
  run,
  walkBlocks,
  type BarSeries,
  type BoxBlock,
  type ChapterKey,
  type FigureBlock,
  type QuoteBlock,
  type QuotesBelowMinimum,
  type ReportBlock,
  type ReportKind,
  type ReportModel,
  type ReportOptions,
  type ReportSection,
  type TableBlock,
  type TextRun,
} from '../../shared/report-model';
import { readStudyData, type CodingRow, type SourceCountRow, type StudyData } from './study-data';
import { acrossInstitutionsVoice, oneInstitutionVoice, respondentBlocks, surveyChapter, surveyNormSection, type SurveyContext, type SurveyVoice } from './survey-chapter';
import { readReportSurvey, type ReportSurveyData } from './survey-data';
import { inventedNamesIn } from './casus';
import { examplesLeftSentence, selectExamples } from './example-selection';
import { ANSWER_COLORS, CATEGORICAL_COLORS, VALENCE_COLORS } from './palette';
import {
  atInstitutions,
  capitalise,
  count,
  decimal,
  firstSentence,
  inFiles,
  inSentence,
  joinList,
  longDate,
  plural,
  todayIso,
} from './phrasing';

/* ---------- vocabulary for sentences ---------- */

const TYPE_PLURAL: Record<SourceType, string> = {
  clientdossier: 'cliëntdossiers',
  personeelsdossier: 'personeelsdossiers',
  beleidsdocument: 'beleidsdocumenten',
  interview: 'interviews',
  groepsgesprek: 'groepsgesprekken',
  uitspraak: 'uitspraken van de kinderrechter',
  overig: 'overige bronnen',
};

const ROLE_PLURAL: Record<Role, string> = {
  jeugdige: 'jeugdigen',
  ouder: 'ouders',
  jeugdzorgwerker: 'jeugdzorgwerkers',
  gedragswetenschapper: 'gedragswetenschappers',
  manager: 'teammanagers',
  bestuurder: 'het bestuur',
  'raad-van-toezicht': 'de raad van toezicht',
  clientenraad: 'de cliëntenraad',
  ondernemingsraad: 'de ondernemingsraad',
  ketenpartner: 'ketenpartners',
  gemeente: 'gemeenten',
};

const CONVERSATION_TYPES: SourceType[] = ['interview', 'groepsgesprek'];

export { VALENCE_COLORS };
const VALENCE_LABELS = { positief: 'Positief', negatief: 'Negatief', neutraal: 'Neutraal' } as const;

/** Minimum number of items before a chart is worth drawing. */
const MIN_FOR_FIGURE = 3;

/**
 * A bar chart says something only with at least two bars and at least
 * MIN_FOR_FIGURE counted items; below that the sentence and table say it better
 * (one dossier is not a chart).
 */
export function chartWorthDrawing(n: number, bars: number): boolean {
  return n >= MIN_FOR_FIGURE && bars >= 2;
}
/** Counts below this are flagged to the writer: small groups can identify people. */
const SMALL_N = 5;

/* ---------- options ---------- */

interface Resolved {
  chapters: Set<ChapterKey>;
  includeMemos: boolean;
  includeAppendix: boolean;
  institutionRatings: boolean;
  minCodings: (normKey: string) => number;
  keepQuotesBelowMinimum: boolean;
  date: string;
  maxQuotes: number;
}

function resolveOptions(data: StudyData, options: ReportOptions, plan: ReportPlan): Resolved {
  const all: ChapterKey[] = ['samenvatting', 'inleiding', ...data.norms.map((norm) => `norm:${norm.key}` as const), 'gevolgen', 'oorzaken', 'vragenlijst', 'verwachtingen', 'memos'];
  const chapters = new Set<ChapterKey>(options.chapters && options.chapters.length > 0 ? options.chapters : all);
  const includeAppendix = options.includeAppendix ?? false;
  if (includeAppendix) chapters.add('verantwoording');
  else chapters.delete('verantwoording');
  const min = options.minCodingsForQuotes;
  return {
    chapters,
    includeMemos: options.includeMemos ?? true,
    includeAppendix,
    institutionRatings: options.institutionRatings ?? false,
    minCodings: (normKey) =>
      typeof min === 'number' ? min : typeof min === 'object' && min !== null ? (min[normKey] ?? DEFAULT_MIN_CODINGS_FOR_QUOTES) : DEFAULT_MIN_CODINGS_FOR_QUOTES,
    keepQuotesBelowMinimum: options.keepQuotesBelowMinimum ?? false,
    date: options.date ?? data.info.reportDate ?? todayIso(),
    maxQuotes: options.maxQuotesPerNorm ?? plan.maxQuotes,
  };
}

/* ---------- the build context ---------- */

class Builder {
  private counter = 0;
  /** Quote texts already used (one quote appears once in a report). */
  private readonly usedQuotes = new Set<string>();
  readonly hints: string[] = [];
  /** Per norm and institution, the quotable fragments the minimum for quotes affects (keyed code|institution). */
  readonly belowMinimum = new Map<string, QuotesBelowMinimum>();

  constructor(
    readonly data: StudyData,
    /** The report type: its chapter plan and how its chapters speak of one institution or several. */
    readonly plan: ReportPlan,
    /** The institutions the report is about (one, or those of the overarching report). */
    readonly institutions: Institution[],
    readonly options: Resolved,
  ) {}

  get kind(): ReportKind {
    return this.plan.kind;
  }

  private smallReviewNoted = false;

  /** Note once that the file review rests on few files. */
  smallFileReview(files: number): void {
    if (this.smallReviewNoted) return;
    this.smallReviewNoted = true;
    this.hints.push(`Het dossieronderzoek steunt op ${plural(files, 'dossier', 'dossiers')}: kleine aantallen zeggen weinig en kunnen personen herkenbaar maken. Overweeg percentages weg te laten.`);
  }

  id(prefix: string): string {
    this.counter += 1;
    return `${prefix}-${this.counter}`;
  }

  private surveyRead = false;
  private surveyData: ReportSurveyData | null = null;
  private surveyCtx: SurveyContext | null = null;

  /** The questionnaire for this draft's respondents; null when the study has no survey. */
  get survey(): SurveyContext | null {
    if (!this.surveyRead) {
      this.surveyRead = true;
      this.surveyData = readReportSurvey(this.data.study, this.plan.surveyScope(this));
      if (this.surveyData) {
        this.surveyCtx = {
          id: (prefix) => this.id(prefix),
          voice: this.plan.surveyVoice(this.institutions),
          institutions: this.institutions,
          survey: this.surveyData,
          placed: new Map(),
        };
      }
    }
    return this.surveyCtx;
  }

  get institutionIds(): Set<string> {
    return new Set(this.institutions.map((institution) => institution.id));
  }

  /** The codings under a top-level code, per institution, in the study data's order: grouped on first use. */
  private codingsByTop: Map<string, { all: CodingRow[]; byInstitution: Map<string, CodingRow[]> }> | null = null;

  codingsOf(topId: string, institutionId?: string): CodingRow[] {
    if (!this.codingsByTop) {
      this.codingsByTop = new Map();
      for (const [top, codings] of groupBy(this.data.codings, (coding) => coding.topId)) {
        this.codingsByTop.set(top, { all: codings, byInstitution: groupBy(codings, (coding) => coding.institutionId) });
      }
    }
    const group = this.codingsByTop.get(topId);
    if (!group) return [];
    if (institutionId) return [...(group.byInstitution.get(institutionId) ?? [])];
    const ids = this.institutionIds;
    return group.all.filter((coding) => ids.has(coding.institutionId));
  }

  judgmentOf(institutionId: string, normId: string) {
    return this.data.judgments.find((judgment) => judgment.institutionId === institutionId && judgment.codeId === normId) ?? null;
  }

  /** Inspectors by their initials only: no full name of an inspector leaves in any file (issue 10). */
  coderName(coderId: string | null): string {
    return this.coderInitials(coderId);
  }

  coderInitials(authorId: string | null): string {
    return (authorId && this.data.inspectors.get(authorId)?.initials) || 'onbekend';
  }

  institutionName(id: string): string {
    return this.data.institutions.find((institution) => institution.id === id)?.name ?? 'onbekende instelling';
  }

  /** True when this text is already quoted in the report. */
  isQuoted(text: string): boolean {
    return this.usedQuotes.has(quoteKey(text));
  }

  /** A quote from a coding (the privacy pass replaces what identifies, over the whole model); null when its text was used already. */
  quote(coding: CodingRow): QuoteBlock | null {
    const segment = this.data.segment(coding);
    const text = tidyQuote(segment.text, segment.before, segment.after);
    const key = quoteKey(text);
    if (!key || this.usedQuotes.has(key)) return null;
    this.usedQuotes.add(key);
    const ruling = this.data.rulings.get(coding.sourceId);
    return {
      kind: 'quote',
      id: this.id('citaat'),
      roleLabel: coding.role ? ROLE_LABELS[coding.role] : SOURCE_TYPE_LABELS[coding.sourceType],
      text,
      ...(ruling ? this.rulingCitation(coding, ruling) : {}),
      trace: {
        codingId: coding.id,
        sourceTitle: coding.sourceTitle,
        // Recognised text may differ from the scan: the writer checks such a quote against the original.
        location: `${ruling?.date ? `uitspraak van ${longDate(ruling.date)}, ` : ''}${segment.page === null ? '' : `p. ${segment.page}${segment.ocr ? ' (OCR)' : ''}, `}tekens ${coding.start}–${coding.end}`,
        coder: this.coderName(coding.coderId),
        institution: this.institutionName(coding.institutionId),
      },
    };
  }

  private rulingsWithoutEcli = new Set<string>();

  /** A court ruling is cited by its ECLI; one without is named to the writer (once), never given an invented number. */
  private rulingCitation(coding: CodingRow, ruling: { ecli: string | null }): { citation?: string } {
    if (ruling.ecli) return { citation: citeRuling(ruling.ecli) };
    if (!this.rulingsWithoutEcli.has(coding.sourceId)) {
      this.rulingsWithoutEcli.add(coding.sourceId);
      this.hints.push(`Een citaat komt uit een uitspraak zonder ECLI (‘${coding.sourceTitle}’): vul het ECLI aan bij de bron, dan staat de bronvermelding bij het citaat.`);
    }
    return {};
  }

  /**
   * Up to `max` quotes from quotable codings: round robin over institutions
   * (overarching) and over roles, so several voices are heard.
   */
  quotes(codings: CodingRow[], max: number): QuoteBlock[] {
    const byInstitution = groupBy(
      codings.filter((coding) => coding.quotable),
      (coding) => coding.institutionId,
    );
    const queues = [...byInstitution.values()].map((ofInstitution) => interleave(groupBy(sortByVoice(ofInstitution), (coding) => coding.role ?? coding.sourceType)));
    const picked: QuoteBlock[] = [];
    for (const coding of interleave(new Map(queues.map((queue, index) => [String(index), queue])))) {
      if (picked.length >= max) break;
      const quote = this.quote(coding);
      if (quote) picked.push(quote);
    }
    return picked;
  }
}

/* ---------- small helpers ---------- */

/** How the inspectorates cite a court ruling: "(Bron: ECLI:NL:RBNNE:2025:1234)". */
const citeRuling = (ecli: string) => `(Bron: ${ecli})`;

function quoteKey(text: string): string {
  return text.toLocaleLowerCase('nl').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Take one from each group in turn until all are empty. */
function interleave<T>(groups: Map<string, T[]>): T[] {
  const queues = [...groups.values()].map((group) => [...group]);
  const result: T[] = [];
  while (queues.some((queue) => queue.length > 0)) for (const queue of queues) if (queue.length > 0) result.push(queue.shift()!);
  return result;
}

const VOICE_ORDER: Array<Role | SourceType> = ['jeugdige', 'ouder', 'jeugdzorgwerker', ...ROLES, ...SOURCE_TYPES];

function sortByVoice(codings: CodingRow[]): CodingRow[] {
  return [...codings].sort((a, b) => VOICE_ORDER.indexOf(a.role ?? a.sourceType) - VOICE_ORDER.indexOf(b.role ?? b.sourceType));
}

/** Trim a coded segment into a quote: "…" where it starts or ends mid-sentence. */
function tidyQuote(text: string, before: string, after: string): string {
  let quote = text.replace(/\s+/g, ' ').trim().replace(/^["“”„'‘’]+|["“”„'‘’]+$/g, '').trim();
  const startsMidSentence = /^\p{Ll}/u.test(quote) || (/\p{L}$/u.test(before) && !/[.!?:]\s*$/u.test(before));
  if (startsMidSentence) quote = `…${quote}`;
  if (!/[.!?…]$/u.test(quote) && !/^\s*$/.test(after)) quote = `${quote}…`;
  return quote;
}

function countValence(codings: CodingRow[]) {
  const counts = { positief: 0, negatief: 0, neutraal: 0 };
  for (const coding of codings) counts[coding.valence] += 1;
  return counts;
}

function valencePhrase(counts: { positief: number; negatief: number; neutraal: number }): string {
  return joinList(
    (['positief', 'negatief', 'neutraal'] as const).filter((valence) => counts[valence] > 0).map((valence) => `${count(counts[valence])} ${valence}`),
  );
}

/**
 * Below this many valued (positive or negative) fragments the material is too
 * thin for a word like "overwegend": one negative fragment is not a picture.
 */
export const TONE_MINIMUM_FRAGMENTS = 5;

export function toneSentence(counts: { positief: number; negatief: number }): string | null {
  const { positief, negatief } = counts;
  if (positief + negatief < TONE_MINIMUM_FRAGMENTS) return null;
  if (negatief >= 2 * positief && negatief > 0) return 'Het beeld uit het materiaal is overwegend negatief.';
  if (positief >= 2 * negatief && positief > 0) return 'Het beeld uit het materiaal is overwegend positief.';
  return 'Het beeld uit het materiaal is gemengd: er zijn zowel positieve als negatieve bevindingen.';
}

/**
 * "Negatieve bevindingen overheersen bij 2 van de 3 instellingen": only
 * institutions with enough valued fragments for a picture are counted, and the
 * sentence says so when some were left out; none with enough material, no sentence.
 */
export function negativeDominanceSentence(perInstitution: Array<{ positief: number; negatief: number }>): string | null {
  const enough = perInstitution.filter((counts) => counts.positief + counts.negatief >= TONE_MINIMUM_FRAGMENTS);
  if (enough.length === 0) return null;
  const negativeMost = enough.filter((counts) => counts.negatief > counts.positief).length;
  const scope = enough.length < perInstitution.length ? ` met ten minste ${TONE_MINIMUM_FRAGMENTS} positief of negatief gewaardeerde fragmenten` : '';
  return `Negatieve bevindingen overheersen ${atInstitutions(negativeMost, enough.length)}${scope}.`;
}

function countBy<T>(items: T[], keyOf: (item: T) => string): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

function table(builder: Builder, caption: string, header: string[], rows: string[][], trace: string, extra: Partial<TableBlock> = {}): TableBlock {
  return { kind: 'table', id: builder.id('tabel'), number: 0, caption, header, rows, trace, ...extra };
}

function section(builder: Builder, level: 1 | 2 | 3, title: string, blocks: ReportBlock[] = [], sections: ReportSection[] = [], key?: ChapterKey): ReportSection {
  return { id: builder.id('sectie'), level, title, blocks, sections, ...(key ? { key } : {}) };
}

function hint(text: string): ReportBlock {
  return { kind: 'paragraph', variant: 'hint', runs: [run(text, { italic: true })] };
}

function notesBox(paragraphs: TextRun[][]): BoxBlock {
  return { kind: 'box', variant: 'notes', title: 'Notities voor de schrijver (niet publiceren)', paragraphs };
}

const ANSWER_ORDER = ['ja', 'deels', 'nee', 'onbekend', 'niet nodig'];

/** Known answers in a natural order (ja, deels, nee, onbekend, niet nodig), others after them. */
function answerRank(answer: string): number {
  const index = ANSWER_ORDER.indexOf(answer.toLocaleLowerCase('nl'));
  return index < 0 ? ANSWER_ORDER.length : index;
}

function answerColor(answer: string, index: number): string {
  return ANSWER_COLORS[answer.toLocaleLowerCase('nl')] ?? CATEGORICAL_COLORS[index % CATEGORICAL_COLORS.length]!;
}

function valenceSeries(rows: CodingRow[][]): BarSeries[] {
  const counted = rows.map(countValence);
  return (['positief', 'negatief', 'neutraal'] as const)
    .map((valence) => ({
      name: VALENCE_LABELS[valence],
      color: VALENCE_COLORS[valence],
      values: counted.map((counts) => counts[valence]),
    }))
    .filter((series) => series.values.some((value) => value > 0));
}

function describeChart(title: string, categories: string[], series: BarSeries[]): string {
  const parts = categories.map(
    (category, index) => `${category}: ${series.map((one) => `${one.name.toLocaleLowerCase('nl')} ${one.values[index] ?? 0}`).join(', ')}`,
  );
  return `Staafdiagram. ${title}. ${parts.join('; ')}.`;
}

function figure(builder: Builder, input: Omit<FigureBlock, 'kind' | 'id' | 'number' | 'altText' | 'table'> & { tableHeader: string[] }): FigureBlock {
  const { tableHeader, ...rest } = input;
  const rows = input.chart.categories.map((category, index) => {
    const values = input.chart.series.map((series) => series.values[index] ?? 0);
    return [category, ...values.map(count), ...(input.chart.stacked ? [count(values.reduce((sum, value) => sum + value, 0))] : [])];
  });
  return {
    kind: 'figure',
    id: builder.id('figuur'),
    number: 0,
    altText: describeChart(input.title, input.chart.categories, input.chart.series),
    table: { header: tableHeader, rows },
    ...rest,
  };
}

/* ---------- findings: counts and triangulation ---------- */

function findingsBlocks(builder: Builder, codings: CodingRow[], subject: string): ReportBlock[] {
  if (codings.length === 0) {
    return [paragraph(`Over ${subject} is ${builder.plan.atThisInstitution}(nog) niets gecodeerd.`)];
  }
  const counts = countValence(codings);
  const sources = new Set(codings.map((coding) => coding.sourceId)).size;
  const blocks: ReportBlock[] = [];
  const tone = toneSentence(counts);
  blocks.push(
    paragraph(
      `Over ${subject} ${codings.length === 1 ? 'is' : 'zijn'} ${plural(codings.length, 'fragment', 'fragmenten')} gecodeerd uit ${plural(sources, 'bron', 'bronnen')}: ${valencePhrase(counts)}.${tone ? ` ${tone}` : ''}`,
    ),
  );

  const types = countBy(codings, (coding) => coding.sourceType).map(([type, n]) => `${TYPE_PLURAL[type as SourceType]} (${count(n)})`);
  const conversationRoles = countBy(
    codings.filter((coding) => coding.role && CONVERSATION_TYPES.includes(coding.sourceType)),
    (coding) => coding.role!,
  ).map(([role, n]) => `${ROLE_PLURAL[role as Role]} (${count(n)})`);
  const sentences = [`${codings.length === 1 ? 'Het fragment komt' : 'De fragmenten komen'} uit ${joinList(types)}.`];
  if (conversationRoles.length > 0) sentences.push(`In de gesprekken kwamen ${joinList(conversationRoles)} aan het woord.`);
  sentences.push('Tussen haakjes staat steeds het aantal fragmenten.');
  blocks.push(paragraph(sentences.join(' ')));

  const triangulation: string[] = [];
  for (const valence of ['negatief', 'positief'] as const) {
    const ofValence = codings.filter((coding) => coding.valence === valence);
    if (ofValence.length === 0) continue;
    const typeNames = [...new Set(ofValence.map((coding) => coding.sourceType))].map((type) => TYPE_PLURAL[type]);
    const noun = valence === 'negatief' ? 'negatieve' : 'positieve';
    if (typeNames.length >= 2) {
      triangulation.push(`De ${noun} bevindingen komen uit ${typeNames.length} soorten bronnen (${joinList(typeNames)}) en bevestigen elkaar daarmee.`);
    } else {
      triangulation.push(`De ${noun} bevindingen komen alleen uit ${typeNames[0]}.`);
      if (ofValence.length >= 2) builder.hints.push(`${capitalise(subject)}: de ${noun} bevindingen steunen op één soort bron (${typeNames[0]}); overweeg aanvullende bronnen.`);
    }
  }
  if (triangulation.length > 0) blocks.push(paragraph(triangulation.join(' ')));
  return blocks;
}

function subcodeBullets(builder: Builder, top: Code, codings: CodingRow[]): ReportBlock[] {
  const children = builder.data.codes.filter((code) => code.parentId === top.id);
  const items: TextRun[][] = [];
  // Each coding under the child of `top` its code descends from, found once per coding.
  const byChild = groupBy(codings, (coding) => {
    let code = builder.data.codeById.get(coding.codeId);
    while (code && code.parentId !== top.id && code.parentId) code = builder.data.codeById.get(code.parentId);
    return code?.id ?? '';
  });
  for (const child of children) {
    const ofChild = byChild.get(child.id) ?? [];
    if (ofChild.length === 0) continue;
    items.push([run(`${child.name}: `, { bold: true }), run(`${plural(ofChild.length, 'fragment', 'fragmenten')} (${valencePhrase(countValence(ofChild))}).`)]);
  }
  if (items.length === 0) return [];
  return [paragraph(`Verdeeld over de onderdelen van ${top.kind === 'norm' ? 'de norm' : inSentence(top.name)}:`), { kind: 'bullets', items }];
}

/* ---------- file review ---------- */

export interface AggregatedQuestion {
  key: string;
  question: string;
  answerType: 'choice' | 'number';
  answered: number;
  filesReviewed: number;
  counts: Array<{ answer: string; n: number }>;
  mean: number | null;
}

export function aggregate(summaries: ReviewSummary[]): AggregatedQuestion | null {
  const first = summaries[0];
  if (!first) return null;
  const counts = new Map<string, number>();
  for (const summary of summaries) for (const count of summary.counts) counts.set(count.answer, (counts.get(count.answer) ?? 0) + count.n);
  const answered = summaries.reduce((sum, summary) => sum + summary.answered, 0);
  const weighted = summaries.reduce((sum, summary) => sum + (summary.mean ?? 0) * summary.answered, 0);
  const isNumber = first.counts.every((count) => /^\d+$/.test(count.answer)) && first.mean !== null;
  const order = isNumber ? [...counts.keys()].sort((a, b) => Number(a) - Number(b)) : [...counts.keys()];
  return {
    key: first.questionKey,
    question: first.question,
    answerType: isNumber ? 'number' : 'choice',
    answered,
    filesReviewed: summaries.reduce((sum, summary) => sum + summary.filesReviewed, 0),
    counts: order.map((answer) => ({ answer, n: counts.get(answer) ?? 0 })),
    mean: isNumber && answered > 0 ? weighted / answered : null,
  };
}

const countOf = (question: AggregatedQuestion, answer: string) => question.counts.find((count) => count.answer === answer)?.n ?? 0;

/** One sentence about one file-review question ("In 9 van de 16 onderzochte dossiers …"). */
export function fileReviewSentence(question: AggregatedQuestion): string {
  const n = question.answered;
  const yes = countOf(question, 'ja');
  const unknown = countOf(question, 'onbekend');
  const unknownTail = unknown > 0 ? ` In ${plural(unknown, 'dossier', 'dossiers')} was dat niet na te gaan.` : '';
  const files = (count: number) => capitalise(inFiles(count, n));
  // "In geen van de N dossiers" would include the files where it could not be checked: count over those where it could.
  const checked = (what: string, fact: string) => {
    if (yes > 0 || unknown === 0) return `${files(yes)} ${fact}.${unknownTail}`;
    if (unknown === n) return `In geen van de ${count(n)} onderzochte dossiers was na te gaan of ${what}.`;
    return `${capitalise(inFiles(0, n - unknown, 'dossiers waarin dat na te gaan was'))}, ${fact}.${unknownTail}`;
  };
  switch (question.key) {
    case 'contact-5-dagen':
      return checked('er binnen 5 dagen na de start van de maatregel contact met de jeugdige was', 'was er binnen 5 dagen na de start van de maatregel contact met de jeugdige');
    case 'periode-zonder-jzw':
      return `${files(yes)} was er een periode zonder vaste jeugdzorgwerker.`;
    case 'veiligheid-direct':
      return `${files(yes)} is de veiligheid beoordeeld op basis van direct contact met de jeugdige.`;
    case 'plan-6-weken':
      return checked('er binnen 6 weken een plan van aanpak was', 'was er binnen 6 weken een plan van aanpak');
    case 'plan-samen': {
      const partly = countOf(question, 'deels');
      return `${files(yes)} is het plan van aanpak samen met de jeugdige en de ouders opgesteld${partly > 0 ? `; in ${partly} gedeeltelijk` : ''}.`;
    }
    case 'hulp-tijdig': {
      const needed = n - countOf(question, 'niet nodig');
      if (needed === 0) return `In geen van de ${count(n)} onderzochte dossiers was hulp nodig.`;
      return `${capitalise(inFiles(yes, needed, 'dossiers waarin hulp nodig was'))}, is die hulp tijdig ingezet.`;
    }
    case 'aantal-jeugdzorgwerkers': {
      if (question.mean === null) return '';
      const threeOrMore = question.counts.filter((count) => Number(count.answer) >= 3).reduce((sum, count) => sum + count.n, 0);
      return `In de onderzochte dossiers hadden de jeugdigen gemiddeld ${decimal(question.mean)} jeugdzorgwerkers gehad (n = ${count(n)}); ${threeOrMore === 0 ? 'geen van hen' : `${threeOrMore} van hen`} 3 of meer.`;
    }
    default:
      if (question.answerType === 'number') {
        return question.mean === null ? '' : `Bij de vraag ‘${question.question}’ was het gemiddelde ${decimal(question.mean)} (n = ${count(n)}).`;
      }
      return `Bij de vraag ‘${question.question}’ luidde het antwoord ${joinList(
        question.counts.filter((count) => count.n > 0).map((count) => `${count.n} keer ‘${count.answer}’`),
      )} (n = ${count(n)}).`;
  }
}

function fileReviewSection(builder: Builder, norm: Code): ReportSection | null {
  const ofNorm = builder.data.review.filter((summary) => summary.normKey === norm.key && builder.institutionIds.has(summary.institutionId));
  const byQuestion = groupBy(ofNorm, (summary) => summary.questionId);
  const questions = [...byQuestion.values()].map((summaries) => ({ summaries, total: aggregate(summaries)! })).filter(({ total }) => total.answered > 0);
  if (questions.length === 0) return null;
  const blocks: ReportBlock[] = [];
  const filesReviewed = builder.plan.filesReviewedOfNorm(builder, ofNorm);
  blocks.push(
    paragraph(
      `De inspecties hebben ${plural(filesReviewed, 'cliëntdossier', 'cliëntdossiers')} systematisch onderzocht${builder.plan.spreadOver(builder)}. Voor deze norm levert dat het volgende beeld op.`,
    ),
  );
  const sentences = questions.map(({ total }) => fileReviewSentence(total)).filter(Boolean);
  blocks.push({ kind: 'bullets', items: sentences.map((sentence) => [run(sentence)]) });
  if (filesReviewed > 0 && filesReviewed < SMALL_N) builder.smallFileReview(filesReviewed);

  const choice = questions.filter(({ total }) => total.answerType === 'choice');
  blocks.push(...builder.plan.fileReviewFigures(builder, norm, choice, filesReviewed));
  return section(builder, 2, 'Dossieronderzoek', blocks);
}

type ReviewQuestion = { summaries: ReviewSummary[]; total: AggregatedQuestion };

/** One institution's file review of a norm as one chart: a stacked bar per question. */
function fileReviewChart(builder: Builder, norm: Code, choice: ReviewQuestion[], filesReviewed: number): ReportBlock[] {
  if (choice.length === 0 || !chartWorthDrawing(filesReviewed, choice.length)) return [];
  const institution = builder.institutions[0]!;
  const answers = [...new Set(choice.flatMap(({ total }) => total.counts.map((count) => count.answer)))].sort(
    (a, b) => answerRank(a) - answerRank(b),
  );
  const categories = choice.map(({ total }) => total.question);
  const series = answers.map((answer, index) => ({
    name: capitalise(answer),
    color: answerColor(answer, index),
    values: choice.map(({ total }) => countOf(total, answer)),
  }));
  return [
    figure(builder, {
      title: `Dossieronderzoek ${inSentence(norm.name)}: antwoorden per vraag`,
      chart: { kind: 'bar', categories, series, stacked: true, valueLabel: 'aantal dossiers' },
      n: filesReviewed,
      nLabel: `n = ${plural(filesReviewed, 'onderzocht dossier', 'onderzochte dossiers')}${choice.some(({ total }) => total.answered < filesReviewed) ? ' (niet elke vraag is in elk dossier beantwoord)' : ''}`,
      tableHeader: ['Vraag', ...answers.map(capitalise), 'Beantwoord'],
      trace: `Dossieronderzoek (antwoorden op dossiervragen) bij ${institution.name}: vragen ${choice.map(({ total }) => total.key).join(', ')} onder de norm ${norm.key}; per vraag het aantal dossiers per antwoord.`,
    }),
  ];
}

/** The file review of a norm across institutions: per question the "ja" per institution, and a chart where it says something. */
function fileReviewPerInstitution(builder: Builder, norm: Code, choice: ReviewQuestion[]): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  for (const { summaries, total } of choice) {
    const rows = builder.institutions.map((institution) => summaries.find((summary) => summary.institutionId === institution.id));
    const perInstitution = rows
      .map((summary, index) => (summary && summary.answered > 0 ? `${builder.institutions[index]!.name}: ${countOf(aggregate([summary])!, 'ja')} van ${summary.answered}` : null))
      .filter((text): text is string => text !== null);
    if (total.counts.some((count) => count.answer === 'ja') && perInstitution.length > 1) {
      blocks.push(paragraph(`${total.question}, antwoord ‘ja’ per instelling: ${joinList(perInstitution)}.`));
    }
    if (!chartWorthDrawing(total.answered, perInstitution.length)) continue;
    const categories = [...builder.institutions.map((institution) => institution.name), 'Alle instellingen'];
    const series = total.counts.map((count, index) => ({
      name: capitalise(count.answer),
      color: answerColor(count.answer, index),
      values: [...rows.map((summary) => summary?.counts.find((one) => one.answer === count.answer)?.n ?? 0), count.n],
    }));
    blocks.push(
      figure(builder, {
        title: `Dossieronderzoek: ${inSentence(total.question)}, per instelling`,
        chart: { kind: 'bar', categories, series, stacked: true, valueLabel: 'aantal dossiers' },
        n: total.answered,
        nLabel: `n = ${plural(total.answered, 'dossier', 'dossiers')} waarin deze vraag is beantwoord`,
        tableHeader: ['Instelling', ...total.counts.map((count) => capitalise(count.answer)), 'Beantwoord'],
        trace: `Dossieronderzoek: vraag ${total.key} (norm ${norm.key}) bij ${builder.institutions.length} instellingen; per instelling het aantal dossiers per antwoord, plus het totaal.`,
      }),
    );
  }
  return blocks;
}

function sumFilesReviewed(builder: Builder): number {
  const perInstitution = new Map<string, number>();
  for (const summary of builder.data.review) {
    if (builder.institutionIds.has(summary.institutionId)) perInstitution.set(summary.institutionId, summary.filesReviewed);
  }
  return [...perInstitution.values()].reduce((sum, n) => sum + n, 0);
}

/* ---------- coding figures ---------- */

/** One institution's coded fragments about a norm or theme: a bar per kind of source, by valence. */
function codingsBySourceType(builder: Builder, top: Code, codings: CodingRow[]): FigureBlock | null {
  const sources = new Set(codings.map((coding) => coding.sourceId)).size;
  const byType = groupBy(codings, (coding) => coding.sourceType);
  const types = SOURCE_TYPES.filter((type) => byType.has(type));
  if (!chartWorthDrawing(codings.length, types.length)) return null;
  const rows = types.map((type) => byType.get(type)!);
  return figure(builder, {
    title: `Gecodeerde fragmenten over ${inSentence(top.name)}, naar soort bron en waardering`,
    chart: { kind: 'bar', categories: types.map((type) => SOURCE_TYPE_LABELS[type]), series: valenceSeries(rows), stacked: true, valueLabel: 'aantal fragmenten' },
    n: codings.length,
    nLabel: `n = ${plural(codings.length, 'gecodeerd fragment', 'gecodeerde fragmenten')} uit ${plural(sources, 'bron', 'bronnen')}`,
    tableHeader: ['Soort bron', ...valenceSeries(rows).map((series) => series.name), 'Totaal'],
    trace: `Coderingen onder ${top.key} en zijn subcodes bij ${builder.institutions[0]!.name}; geteld per soort bron en waardering.`,
  });
}

/** Several institutions' coded fragments about a norm or theme: a bar per institution, by valence. */
function codingsByInstitution(builder: Builder, top: Code, codings: CodingRow[]): FigureBlock | null {
  const sources = new Set(codings.map((coding) => coding.sourceId)).size;
  const byInstitution = groupBy(codings, (coding) => coding.institutionId);
  const rows = builder.institutions.map((institution) => byInstitution.get(institution.id) ?? []);
  if (!chartWorthDrawing(codings.length, rows.filter((ofInstitution) => ofInstitution.length > 0).length)) return null;
  return figure(builder, {
    title: `Gecodeerde fragmenten over ${inSentence(top.name)}, per instelling en waardering`,
    chart: { kind: 'bar', categories: builder.institutions.map((institution) => institution.name), series: valenceSeries(rows), stacked: true, valueLabel: 'aantal fragmenten' },
    n: codings.length,
    nLabel: `n = ${plural(codings.length, 'gecodeerd fragment', 'gecodeerde fragmenten')} uit ${plural(sources, 'bron', 'bronnen')}`,
    tableHeader: ['Instelling', ...valenceSeries(rows).map((series) => series.name), 'Totaal'],
    trace: `Coderingen onder ${top.key} en zijn subcodes bij ${builder.institutions.length} instellingen; geteld per instelling en waardering.`,
  });
}

/* ---------- written findings ---------- */

/** The findings written about one norm or theme for this draft: at its institution, or across institutions. */
function findingsAbout(builder: Builder, top: Code): Finding[] {
  const institutionId = builder.plan.findingsInstitutionId(builder);
  return builder.data.findings.filter((finding) => finding.codeId === top.id && finding.institutionId === institutionId);
}

/** Conclusions lead their chapter: the inspectorates write conclusions first. */
function conclusionBlocks(builder: Builder, findings: Finding[]): ReportBlock[] {
  return findings.filter((finding) => finding.kind === 'conclusie').map((finding) => paragraph(run('Conclusie. ', { bold: true }), run(finding.text)));
}

const FINDING_LEADS: Partial<Record<FindingKind, string>> = { gevolg: 'Gevolg. ', oorzaak: 'Oorzaak. ' };
const QUOTES_PER_FINDING = 2;

/**
 * The findings in the writers' order, each with its computed figures and up to
 * two of its quotable segments. None yet: the draft says so, for the writer.
 */
function findingBlocks(builder: Builder, findings: Finding[], subject: string): ReportBlock[] {
  const body = findings.filter((finding) => finding.kind !== 'conclusie' && finding.kind !== 'verwachting');
  if (body.length === 0) {
    return [hint(`Voor ${subject} is nog geen bevinding vastgelegd. Schrijf de bevindingen in het venster Oordelen; Veldwerk stelt daar bevindingen voor uit het dossieronderzoek, de codering en de oordelen.`)];
  }
  return body.flatMap((finding): ReportBlock[] => {
    const text = finding.text;
    if (finding.kind === 'mooi-voorbeeld') return [{ kind: 'box', variant: 'example', title: 'Mooi voorbeeld', paragraphs: [[run(text)]] }];
    if (finding.kind === 'casus') {
      // Names in a casus leave as the register's pseudonyms; only a casus that carries such names says they are invented.
      const named = inventedNamesIn(finding.text, builder.data.persons).length > 0;
      return [{ kind: 'box', variant: 'example', title: 'Casus', paragraphs: [[run(text)], ...(named ? [[run('De namen in deze casus zijn gefingeerd.', { italic: true })]] : [])] }];
    }
    const lead = FINDING_LEADS[finding.kind];
    const blocks: ReportBlock[] = [paragraph(...(lead ? [run(lead, { bold: true })] : []), run(text))];
    const figures = figuresBeside(finding);
    if (figures.length > 0) blocks.push({ kind: 'bullets', items: figures.map((figure) => [run(figure.text)]) });
    blocks.push(...evidenceQuotes(builder, finding));
    return blocks;
  });
}

function evidenceQuotes(builder: Builder, finding: Finding): QuoteBlock[] {
  const linked = new Set(finding.evidenceCodingIds);
  const quotes: QuoteBlock[] = [];
  for (const coding of builder.data.codings) {
    if (quotes.length >= QUOTES_PER_FINDING) break;
    if (!linked.has(coding.id) || !coding.quotable || !builder.institutionIds.has(coding.institutionId)) continue;
    const quote = builder.quote(coding);
    if (quote) quotes.push(quote);
  }
  return quotes;
}

/** The closing chapter: what the inspectorates expect, from every norm and theme, in the writers' order. */
function expectationsChapter(builder: Builder): ReportSection {
  const institutionId = builder.plan.findingsInstitutionId(builder);
  const expectations = builder.data.findings.filter((finding) => finding.kind === 'verwachting' && finding.institutionId === institutionId);
  const blocks: ReportBlock[] =
    expectations.length > 0
      ? [
          paragraph(builder.plan.expectationsLead),
          { kind: 'bullets', items: expectations.map((finding) => [run(finding.text)]) },
        ]
      : [hint('Er is nog geen verwachting vastgelegd. Leg verwachtingen (wat de inspecties van wie verwachten) vast als bevinding van de soort ‘Verwachting’.')];
  return section(builder, 1, CHAPTER_LABELS.verwachtingen, blocks, [], 'verwachtingen');
}

/* ---------- quotes ---------- */

function quoteSection(builder: Builder, top: Code, title: string): ReportSection | null {
  const minimum = builder.options.minCodings(top.key);
  const keep = builder.options.keepQuotesBelowMinimum;
  const eligible = builder.institutions.filter((institution) => builder.codingsOf(top.id, institution.id).length >= minimum);
  for (const institution of builder.institutions) {
    if (eligible.includes(institution)) continue;
    const codings = builder.codingsOf(top.id, institution.id);
    const quotable = codings.filter((coding) => coding.quotable).length;
    if (quotable === 0) continue;
    // Never silently: what the minimum hides is listed for the writer, who may keep it.
    builder.belowMinimum.set(`${top.id}|${institution.id}`, {
      codeKey: top.key,
      codeName: top.name,
      institution: institution.name,
      codings: codings.length,
      minimum,
      quotable,
      kept: keep,
    });
    if (!keep) {
      builder.hints.push(
        `${capitalise(inSentence(top.name))}${builder.plan.which(institution)}: ${plural(quotable, 'citeerbaar fragment', 'citeerbare fragmenten')} niet gebruikt, omdat er minder dan ${minimum} coderingen zijn. Kies ‘toch citeren’ om ${quotable === 1 ? 'het' : 'ze'} op te nemen.`,
      );
    }
  }
  const used = keep ? builder.institutions : eligible;
  const candidates = used.flatMap((institution) => builder.codingsOf(top.id, institution.id));
  const quotes = builder.quotes(candidates, builder.options.maxQuotes);
  if (quotes.length === 0) return null;
  return section(builder, 2, title, [paragraph(builder.plan.quoteLead(builder, quotes)), ...quotes]);
}

/* ---------- positive examples ---------- */

/**
 * The norm a positive example belongs to: a norm coding on the same source
 * that overlaps it (or nearly: within 100 characters). Others are not guessed
 * at; they go to "Wat goed gaat" in the summary.
 */
function normOfExample(builder: Builder, example: CodingRow): string | null {
  const candidates = normCodingsBySource(builder.data).get(example.sourceId) ?? [];
  let best: { id: string; distance: number } | null = null;
  for (const coding of candidates) {
    const distance = Math.max(0, Math.max(coding.start, example.start) - Math.min(coding.end, example.end));
    if (distance <= 100 && (!best || distance < best.distance)) best = { id: coding.topId, distance };
  }
  return best?.id ?? null;
}

/** Per source, its codings under a norm: found once per study reading, not by a pass over every coding per example. */
const normCodingsCache = new WeakMap<StudyData, Map<string, CodingRow[]>>();
function normCodingsBySource(data: StudyData): Map<string, CodingRow[]> {
  let bySource = normCodingsCache.get(data);
  if (!bySource) {
    const normIds = new Set(data.norms.map((norm) => norm.id));
    bySource = groupBy(data.codings.filter((coding) => normIds.has(coding.topId)), (coding) => coding.sourceId);
    normCodingsCache.set(data, bySource);
  }
  return bySource;
}

/** The good examples of a section: a few in boxes (see ./example-selection.ts), the others counted. */
function exampleBlocks(builder: Builder, examples: CodingRow[]): ReportBlock[] {
  const { shown, left } = selectExamples(examples, builder.plan.maxExamples);
  const codeName = builder.data.codeById.get(examples[0]?.topId ?? '')?.name ?? 'Goed voorbeeld';
  const rest = examplesLeftSentence(left, builder.institutions.length > 1, codeName);
  return [...exampleBoxes(builder, shown), ...(rest ? [paragraph(rest)] : [])];
}

function exampleBoxes(builder: Builder, examples: CodingRow[]): BoxBlock[] {
  return examples.map((example) => {
    const quote = example.quotable ? builder.quote(example) : null;
    const paragraphs: TextRun[][] = [];
    if (example.note.trim()) paragraphs.push([run(example.note.trim())]);
    if (!quote && !example.note.trim()) {
      const segment = builder.data.segment(example);
      paragraphs.push([
        run(`Uit ${SOURCE_TYPE_LABELS[example.sourceType].toLocaleLowerCase('nl')}: ‘${segment.text.replace(/\s+/g, ' ').trim()}’ `, { italic: true }),
        run('(niet als citaat gemarkeerd: in eigen woorden uitschrijven)', { italic: true }),
      ]);
    }
    paragraphs.push(...builder.plan.exampleOrigin(builder, example));
    return { kind: 'box', variant: 'example', title: 'Mooi voorbeeld', paragraphs, ...(quote ? { quotes: [quote] } : {}) };
  });
}

/* ---------- memos ---------- */

function memoParagraphs(builder: Builder, memos: StudyData['memos'], about: (memo: StudyData['memos'][number]) => string): TextRun[][] {
  return memos
    .filter((memo) => memo.text.trim())
    .map((memo) => [run(`${builder.coderInitials(memo.authorId)}, ${about(memo)}: `, { bold: true }), run(memo.text.trim())]);
}

function codeMemos(builder: Builder, top: Code): TextRun[][] {
  if (!builder.options.includeMemos) return [];
  const subtree = new Set(builder.data.codes.filter((code) => code.id === top.id || isBelow(builder, code, top.id)).map((code) => code.id));
  const memos = builder.data.memos.filter((memo) => memo.targetType === 'code' && subtree.has(memo.targetId));
  return memoParagraphs(builder, memos, (memo) => `memo bij ${inSentence(builder.data.codeById.get(memo.targetId)?.name ?? 'de code')}`);
}

function isBelow(builder: Builder, code: Code, ancestorId: string): boolean {
  for (let parent = code.parentId; parent; parent = builder.data.codeById.get(parent)?.parentId ?? null) if (parent === ancestorId) return true;
  return false;
}

/* ---------- judgments ---------- */

function judgmentBox(builder: Builder, norm: Code, institution: Institution): BoxBlock {
  const judgment = builder.judgmentOf(institution.id, norm.id);
  if (!judgment?.rating) {
    builder.hints.push(`${capitalise(inSentence(norm.name))}${builder.plan.which(institution)}: nog geen oordeel vastgelegd.`);
    return {
      kind: 'box',
      variant: 'judgment',
      title: 'Oordeel: nog niet vastgesteld',
      paragraphs: [[run('Het team heeft voor deze norm nog geen oordeel vastgelegd.', { italic: true })]],
    };
  }
  const paragraphs = judgment.rationale
    .split(/\n\s*\n/)
    .map((text) => text.trim())
    .filter(Boolean)
    .map((text) => [run(text)]);
  // The rationale is the team's own statement, typed numbers included: it is
  // labelled as such so nobody reads it as a figure computed from the material.
  const labelled = paragraphs.length > 0 ? [[run('Onderbouwing van de inspecties: ', { italic: true }), ...paragraphs[0]!], ...paragraphs.slice(1)] : paragraphs;
  return { kind: 'box', variant: 'judgment', title: `Oordeel: ${judgment.rating}`, paragraphs: labelled };
}

/**
 * One norm's judgments across institutions in a sentence. Counts run over the
 * institutions that were judged: a norm nobody has judged yet is "nog niet
 * beoordeeld", never "voldoet bij geen van de instellingen".
 */
export function normConclusionAcross(ratings: Array<{ rating: string | null; sufficient: boolean }>, good: string): string {
  const judged = ratings.filter((entry) => entry.rating);
  const missing = ratings.length - judged.length;
  if (judged.length === 0) return 'nog niet beoordeeld.';
  if (judged.length === 1 && missing > 0) return `het oordeel is ‘${judged[0]!.rating}’ bij de enige instelling die is beoordeeld.${missingJudgments(missing)}`;
  const sufficient = judged.filter((entry) => entry.sufficient).length;
  const verdict = `het oordeel is ${good} ${atInstitutions(sufficient, judged.length)}${missing > 0 ? (judged.length === 1 ? ' die is beoordeeld' : ' die zijn beoordeeld') : ''}.`;
  return `${verdict}${missingJudgments(missing)}`;
}

/** " Bij 2 instellingen is nog geen oordeel vastgelegd." (or nothing). */
function missingJudgments(missing: number): string {
  return missing > 0 ? ` Bij ${plural(missing, 'instelling', 'instellingen')} is nog geen oordeel vastgelegd.` : '';
}

/** Every institution's judgment per norm: in the overarching body only when the writer chooses it, always in the appendix. */
function judgmentsTable(builder: Builder): TableBlock {
  const norms = builder.data.norms;
  const total = builder.institutions.length;
  return table(
    builder,
    'Oordelen per instelling en norm',
    ['Instelling', ...norms.map((norm) => norm.name)],
    builder.institutions.map((institution) => [institution.name, ...norms.map((norm) => builder.judgmentOf(institution.id, norm.id)?.rating ?? '–')]),
    `Oordelen (judgments) van ${total} instellingen × ${norms.length} normen; – betekent: nog geen oordeel.`,
    { compact: true, note: '– = nog geen oordeel vastgelegd' },
  );
}

function isSufficient(builder: Builder, rating: string | null | undefined): boolean {
  if (!rating) return false;
  const index = builder.data.scale.indexOf(rating);
  return index >= 0 && index < Math.ceil(builder.data.scale.length / 2);
}

/* ---------- chapters ---------- */

function titlePage(builder: Builder) {
  const { info } = builder.data;
  const period = info.periodStart && info.periodEnd ? `${longDate(info.periodStart)} tot en met ${longDate(info.periodEnd)}` : null;
  const { title, subtitle, institution } = builder.plan.titles(builder);
  return {
    status: 'Concept',
    title,
    subtitle,
    studyName: info.name,
    institution,
    date: builder.options.date,
    dateLabel: longDate(builder.options.date),
    period,
    footerText: `Concept – ${institution ?? 'overkoepelend rapport'}`,
    notice:
      'Dit concept is door Veldwerk opgesteld uit het gecodeerde materiaal van de inspecteurs. Het is een vertrekpunt voor de schrijver: controleer alle teksten, cijfers en citaten voordat het rapport verder gaat. Citaten zijn gepseudonimiseerd; namen en andere herkenbare gegevens horen niet in het rapport.',
  };
}

/** The summary of one institution's draft: its judgments per norm and the conclusions behind them. */
function institutionSummary(builder: Builder, period: string): { blocks: ReportBlock[]; conclusions: ReportBlock[] } {
  const { norms, scale } = builder.data;
  const blocks: ReportBlock[] = [];
  const institution = builder.institutions[0]!;
  blocks.push({
    kind: 'paragraph',
    variant: 'lead',
    runs: [
      run(
        `De inspecties hebben${period} toezicht gehouden bij ${institution.name}. Zij gingen na of jeugdigen met een kinderbeschermingsmaatregel of jeugdreclassering tijdig passende bescherming, begeleiding en hulp krijgen. Hieronder staan de oordelen per norm en de belangrijkste conclusies.`,
      ),
    ],
  });
  blocks.push(
    table(
      builder,
      `Oordelen over ${institution.name} per norm`,
      ['Norm', 'Oordeel'],
      norms.map((norm) => [norm.name, builder.judgmentOf(institution.id, norm.id)?.rating ?? 'nog geen oordeel']),
      `Oordelen (judgments) van ${institution.name}, per norm van het toetsingskader, in de volgorde van het kader.`,
    ),
  );
  const grouped = scale
    .map((rating) => ({ rating, names: norms.filter((norm) => builder.judgmentOf(institution.id, norm.id)?.rating === rating).map((norm) => inSentence(norm.name)) }))
    .filter((group) => group.names.length > 0);
  const conclusions: ReportBlock[] = [];
  if (grouped.length > 0) {
    conclusions.push(paragraph(grouped.map((group) => `Het oordeel ‘${group.rating}’ geldt voor ${joinList(group.names)}.`).join(' ')));
  }
  const items = norms
    .map((norm) => ({ norm, judgment: builder.judgmentOf(institution.id, norm.id) }))
    .filter(({ judgment }) => judgment?.rating && judgment.rationale.trim())
    .map(({ norm, judgment }) => [run(`${norm.name} (${judgment!.rating}). `, { bold: true }), run(firstSentence(judgment!.rationale))]);
  if (items.length > 0) conclusions.push({ kind: 'bullets', items });
  else conclusions.push(hint('Er zijn nog geen onderbouwde oordelen; vat hier de belangrijkste conclusies samen.'));
  return { blocks, conclusions };
}

/** The overarching draft's opening; a draft over one institution has nothing to lay side by side. */
export function overallLeadSentence(institutions: number, period: string): string {
  const visited = `De inspecties hebben${period} toezicht gehouden bij ${plural(institutions, 'gecertificeerde instelling', 'gecertificeerde instellingen')} voor jeugdbescherming en jeugdreclassering.`;
  return institutions === 1
    ? `${visited} Over deze instelling verschijnt ook een eigen rapport. Dit overkoepelende rapport vat de bevindingen samen.`
    : `${visited} Over elke instelling verschijnt een eigen rapport. Dit overkoepelende rapport legt de bevindingen naast elkaar en laat zien wat bij meerdere instellingen terugkomt.`;
}

/** The summary across institutions: per norm how many institutions meet it, and where most fall short. */
function overallSummary(builder: Builder, period: string): { blocks: ReportBlock[]; conclusions: ReportBlock[] } {
  const { norms, scale } = builder.data;
  const blocks: ReportBlock[] = [];
  const total = builder.institutions.length;
  blocks.push({
    kind: 'paragraph',
    variant: 'lead',
    runs: [
      run(
        overallLeadSentence(total, period),
      ),
    ],
  });
  if (builder.options.institutionRatings) blocks.push(judgmentsTable(builder));
  const good = joinList(scale.slice(0, Math.ceil(scale.length / 2)).map((rating) => `‘${rating}’`), 'of');
  const items: TextRun[][] = norms.map((norm) => {
    const ratings = builder.institutions.map((institution) => builder.judgmentOf(institution.id, norm.id)?.rating ?? null);
    return [run(`${norm.name}: `, { bold: true }), run(normConclusionAcross(ratings.map((rating) => ({ rating, sufficient: isSufficient(builder, rating) })), good))];
  });
  const conclusions: ReportBlock[] = [{ kind: 'bullets', items }];
  const shortfalls = norms
    .map((norm) => ({
      norm,
      bad: builder.institutions.filter((institution) => {
        const rating = builder.judgmentOf(institution.id, norm.id)?.rating;
        return rating && !isSufficient(builder, rating);
      }).length,
    }))
    .sort((a, b) => b.bad - a.bad);
  const worst = shortfalls.filter((entry) => entry.bad > 0 && entry.bad === shortfalls[0]!.bad);
  if (worst.length > 0) {
    conclusions.push(
      paragraph(
        `De meeste tekortkomingen zien de inspecties bij ${joinList(worst.map((entry) => inSentence(entry.norm.name)))}: daar is het oordeel ${atInstitutions(worst[0]!.bad, total)} onvoldoende.`,
      ),
    );
  }
  conclusions.push(hint('Vul aan: de rode draad van het toezicht en de oproep aan de betrokken partijen.'));
  return { blocks, conclusions };
}

function summaryChapter(builder: Builder, unassignedExamples: CodingRow[]): ReportSection {
  const blocks: ReportBlock[] = [];
  const sections: ReportSection[] = [];
  const period = builder.data.info.periodStart ? ` in de periode ${longDate(builder.data.info.periodStart)} tot en met ${longDate(builder.data.info.periodEnd ?? builder.data.info.periodStart)}` : '';
  const summary = builder.plan.summary(builder, period);
  blocks.push(...summary.blocks);
  sections.push(section(builder, 2, 'Belangrijkste conclusies', summary.conclusions));
  if (unassignedExamples.length > 0) {
    sections.push(section(builder, 2, 'Wat goed gaat', [paragraph('De inspecties zagen ook werkwijzen die navolging verdienen.'), ...exampleBlocks(builder, unassignedExamples)]));
  }
  return section(builder, 1, CHAPTER_LABELS.samenvatting, blocks, sections, 'samenvatting');
}

/** What the documents read are called in a sentence, per source type that is read rather than heard. */
const READ_TYPE_PHRASES: Partial<Record<SourceType, [string, string]>> = {
  clientdossier: ['cliëntdossier', 'cliëntdossiers'],
  personeelsdossier: ['personeelsdossier', 'personeelsdossiers'],
  beleidsdocument: ['beleidsdocument', 'beleidsdocumenten'],
  uitspraak: ['uitspraak van de kinderrechter', 'uitspraken van de kinderrechter'],
  overig: ['ander document', 'andere documenten'],
};

/**
 * "Zij lazen 12 cliëntdossiers en 1 beleidsdocument en spraken met ouders." Only
 * what is in the material is named, with its number, so the sentence is true of
 * every study (an institution without policy documents is not said to have them).
 */
export function whatWasReadAndHeard(counts: SourceCountRow[], presentRoles: Role[]): string {
  const read = (Object.keys(READ_TYPE_PHRASES) as SourceType[])
    .map((type) => [type, counts.filter((row) => row.sourceType === type).reduce((total, row) => total + row.n, 0)] as const)
    .filter(([, n]) => n > 0)
    .map(([type, n]) => plural(n, ...READ_TYPE_PHRASES[type]!));
  const heard = presentRoles.length > 0 ? `spraken met ${joinList(presentRoles.map((role) => ROLE_PLURAL[role]))}` : '';
  if (read.length === 0 && !heard) return 'Er is nog geen materiaal in het onderzoek opgenomen.';
  const did = joinList([read.length > 0 ? `lazen ${joinList(read)}` : '', heard].filter(Boolean));
  const coded = read.length > 0 && heard ? 'Wat zij lazen en hoorden' : read.length > 0 ? 'Wat zij lazen' : 'Wat zij hoorden';
  return `Zij ${did}. ${coded}, hebben zij gecodeerd aan de hand van het toetsingskader.`;
}

/** "In totaal zijn 5 fragmenten gecodeerd: …", the verb in number with the count (one fragment "is" coded). */
export function codedTotalSentence(codings: number, valences: string): string {
  if (codings === 0) return 'Er is nog geen fragment gecodeerd.';
  return `In totaal ${codings === 1 ? 'is' : 'zijn'} ${plural(codings, 'fragment', 'fragmenten')} gecodeerd: ${valences}.`;
}

/** "GI Noord is een van de 3 instellingen in deze ronde."; a round of one has no "een van de 1". */
export function placeInRoundSentence(name: string, institutions: number): string {
  return institutions === 1 ? `${name} is de enige instelling in deze ronde.` : `${name} is een van de ${plural(institutions, 'instelling', 'instellingen')} in deze ronde.`;
}

/** What an introduction counts its sources by (the draft's institutions only). */
interface SourceTally {
  counts: SourceCountRow[];
  types: SourceType[];
  roles: Role[];
  withoutRole: number;
  total: number;
}

const sumOf = (rows: SourceCountRow[]) => rows.reduce((total, row) => total + row.n, 0);

/** "Toezicht in cijfers" for one institution: its sources by type and by role. */
function institutionSourceTables(builder: Builder, { counts, types, roles, withoutRole, total }: SourceTally): ReportBlock[] {
  const sum = sumOf;
  return [
    table(
      builder,
      'Toezicht in cijfers: bronnen naar soort',
      ['Soort bron', 'Aantal'],
      [...types.map((type) => [SOURCE_TYPE_LABELS[type], count(sum(counts.filter((row) => row.sourceType === type)))]), ['Totaal', count(total)]],
      `Bronnen (niet verwijderd) van ${builder.institutions[0]!.name}, geteld per soort bron (zoals veldwerk stats ze telt).`,
      { align: ['left', 'right'], totalRow: true },
    ),
    table(
      builder,
      'Toezicht in cijfers: bronnen naar rol van de gesprekspartner',
      ['Rol', 'Aantal'],
      [
        ...roles.map((role) => [ROLE_LABELS[role], count(sum(counts.filter((row) => row.role === role)))]),
        ...(withoutRole > 0 ? [['Geen rol (dossiers, documenten, uitspraken)', count(withoutRole)]] : []),
        ['Totaal', count(total)],
      ],
      `Bronnen (niet verwijderd) van ${builder.institutions[0]!.name}, geteld per rol van de respondent.`,
      { align: ['left', 'right'], totalRow: true },
    ),
  ];
}

/** "Toezicht in cijfers" across institutions: sources by type and by role, a column per institution. */
function sourcesPerInstitution(builder: Builder, { counts, types, roles, withoutRole, total }: SourceTally): ReportBlock[] {
  const sum = sumOf;
  const columns = builder.institutions;
  const byInstitution = (rows: typeof counts, institutionId: string) => count(sum(rows.filter((row) => row.institutionId === institutionId)));
  return [
    table(
      builder,
      'Toezicht in cijfers: bronnen naar soort en instelling',
      ['Soort bron', ...columns.map((institution) => institution.name), 'Totaal'],
      [
        ...types.map((type) => {
          const ofType = counts.filter((row) => row.sourceType === type);
          return [SOURCE_TYPE_LABELS[type], ...columns.map((institution) => byInstitution(ofType, institution.id)), count(sum(ofType))];
        }),
        ['Totaal', ...columns.map((institution) => byInstitution(counts, institution.id)), count(total)],
      ],
      `Bronnen (niet verwijderd) per soort en instelling; de kolom Totaal telt als veldwerk stats (sources.byType).`,
      { align: ['left', ...columns.map(() => 'right' as const), 'right'], totalRow: true, compact: true },
    ),
    table(
      builder,
      'Toezicht in cijfers: bronnen naar rol en instelling',
      ['Rol', ...columns.map((institution) => institution.name), 'Totaal'],
      [
        ...roles.map((role) => {
          const ofRole = counts.filter((row) => row.role === role);
          return [ROLE_LABELS[role], ...columns.map((institution) => byInstitution(ofRole, institution.id)), count(sum(ofRole))];
        }),
        ...(withoutRole > 0
          ? [['Geen rol (dossiers, documenten, uitspraken)', ...columns.map((institution) => byInstitution(counts.filter((row) => row.role === 'geen'), institution.id)), count(withoutRole)]]
          : []),
        ['Totaal', ...columns.map((institution) => byInstitution(counts, institution.id)), count(total)],
      ],
      `Bronnen (niet verwijderd) per rol en instelling; de kolom Totaal telt als veldwerk stats (sources.byRole).`,
      { align: ['left', ...columns.map(() => 'right' as const), 'right'], totalRow: true, compact: true },
    ),
  ];
}

function introductionChapter(builder: Builder): ReportSection {
  const { data } = builder;
  const ids = builder.institutionIds;
  const counts = data.sourceCounts.filter((row) => ids.has(row.institutionId));
  const sum = (rows: typeof counts) => rows.reduce((total, row) => total + row.n, 0);
  const presentRoles = ROLES.filter((role) => counts.some((row) => row.role === role && CONVERSATION_TYPES.includes(row.sourceType)));
  const period = data.info.periodStart && data.info.periodEnd ? ` in de periode van ${longDate(data.info.periodStart)} tot en met ${longDate(data.info.periodEnd)}` : '';

  const reason = section(builder, 2, 'Aanleiding', [
    paragraph(
      `Elke jeugdige met een ondertoezichtstelling, voogdij of jeugdreclassering heeft recht op tijdige en passende bescherming, begeleiding en hulp. Gecertificeerde instellingen voeren deze maatregelen uit in opdracht van de rechter. In de ${data.info.name} gaan de inspecties na of de instellingen die opdracht waarmaken. ${builder.plan.placeInRound(builder)}`,
    ),
    hint('Vul aan: de directe aanleiding voor dit toezicht en eerdere signalen.'),
  ]);

  const approachBlocks: ReportBlock[] = [
    paragraph(
      `De inspecties bezochten ${builder.plan.visited(builder)}${period}. ${whatWasReadAndHeard(counts, presentRoles)} Dat kader bestaat uit ${plural(data.norms.length, 'norm', 'normen')}:`,
    ),
    { kind: 'bullets', items: data.norms.map((norm) => [run(`${norm.name}. `, { bold: true }), run(norm.definition)]) },
    paragraph(`Per norm geven de inspecties een oordeel op de schaal ${joinList(data.scale.map((rating) => `‘${rating}’`))}.`),
  ];
  const concepts = section(builder, 3, 'Begrippen', [
    {
      kind: 'bullets',
      items: [
        [run(`${MEASURE_LABELS.ots}: `, { bold: true }), run('de kinderrechter beperkt tijdelijk het gezag van de ouders; een jeugdzorgwerker begeleidt het gezin en bewaakt de veiligheid en ontwikkeling van het kind.')],
        [run(`${MEASURE_LABELS.voogdij}: `, { bold: true }), run('de ouders hebben geen gezag meer; de instelling is voogd en de jeugdzorgwerker beslist namens haar over opvoeding en verzorging.')],
        [run(`${MEASURE_LABELS.jeugdreclassering}: `, { bold: true }), run('begeleiding van en toezicht op jongeren van 12 tot 23 jaar die verdacht worden van of veroordeeld zijn voor een strafbaar feit, vaak met voorwaarden.')],
        [run('Jeugdzorgwerker: ', { bold: true }), run('in dit rapport de medewerker die de maatregel uitvoert. Instellingen spreken ook van jeugdbeschermer, gezinsmanager of jeugdreclasseerder.')],
      ],
    },
  ]);
  const approach = section(builder, 2, 'Over dit toezicht', approachBlocks, [concepts]);

  const figuresBlocks: ReportBlock[] = [paragraph(`De tabellen hieronder tonen op welke bronnen dit rapport steunt.`)];
  const types = SOURCE_TYPES.filter((type) => counts.some((row) => row.sourceType === type));
  const roles = ROLES.filter((role) => counts.some((row) => row.role === role));
  const withoutRole = sum(counts.filter((row) => row.role === 'geen'));
  const total = sum(counts);
  figuresBlocks.push(...builder.plan.sourceTables(builder, { counts, types, roles, withoutRole, total }));
  const survey = builder.survey;
  if (survey) figuresBlocks.push(...respondentBlocks(survey));
  const codings = data.codings.filter((coding) => ids.has(coding.institutionId));
  const tops = [...data.norms, ...data.contextCodes];
  const valence = countValence(codings);
  const reviewed = builder.plan.filesReviewed(builder);
  figuresBlocks.push(
    paragraph(
      `${codedTotalSentence(codings.length, valencePhrase(valence))} ${
        reviewed > 0 ? `${capitalise(plural(reviewed, 'cliëntdossier is', 'cliëntdossiers zijn'))} systematisch onderzocht met de vaste dossiervragen.` : 'Er is (nog) geen systematisch dossieronderzoek vastgelegd.'
      }`,
    ),
  );
  const usedTops = tops.filter((top) => codings.some((coding) => coding.topId === top.id));
  if (chartWorthDrawing(codings.length, usedTops.length)) {
    const rows = usedTops.map((top) => codings.filter((coding) => coding.topId === top.id));
    figuresBlocks.push(
      figure(builder, {
        title: 'Gecodeerde fragmenten per norm en context, naar waardering',
        chart: { kind: 'bar', categories: usedTops.map((top) => top.name), series: valenceSeries(rows), stacked: true, valueLabel: 'aantal fragmenten' },
        n: codings.length,
        nLabel: `n = ${plural(codings.length, 'gecodeerd fragment', 'gecodeerde fragmenten')}`,
        tableHeader: ['Norm of context', ...valenceSeries(rows).map((series) => series.name), 'Totaal'],
        trace: `Alle coderingen bij ${builder.plan.scopeLabel(builder)}, geteld per hoofdcode (norm of context, subcodes meegeteld) en waardering (zoals veldwerk stats codings.byNorm).`,
      }),
    );
  }
  const inFigures = section(builder, 2, 'Toezicht in cijfers', figuresBlocks);
  return section(builder, 1, CHAPTER_LABELS.inleiding, [], [reason, approach, inFigures], 'inleiding');
}

/** One institution's judgment of a norm: first, right under what the norm asks (conclusions first, as the inspectorates write). */
function judgmentFirst(builder: Builder, norm: Code): { lead: ReportBlock[]; sections: ReportSection[] } {
  return { lead: [judgmentBox(builder, norm, builder.institutions[0]!)], sections: [] };
}

/** The judgments of a norm across institutions, counted; each institution's only where the writer chooses it. */
function judgmentsCounted(builder: Builder, norm: Code): { lead: ReportBlock[]; sections: ReportSection[] } {
  return { lead: [], sections: judgmentsSection(builder, norm) };
}

function judgmentsSection(builder: Builder, norm: Code): ReportSection[] {
  const total = builder.institutions.length;
  const ratings = builder.institutions.map((institution) => builder.judgmentOf(institution.id, norm.id));
  const grouped = builder.data.scale
    .map((rating) => ({ rating, count: ratings.filter((judgment) => judgment?.rating === rating).length }))
    .filter((group) => group.count > 0)
    .map((group) => `‘${group.rating}’ ${atInstitutions(group.count, total)}`);
  return [
    section(builder, 2, 'Oordelen', [
      paragraph(
        grouped.length > 0
          ? `Het oordeel over deze norm is ${joinList(grouped)}.${missingJudgments(ratings.filter((judgment) => !judgment?.rating).length)}`
          : 'Voor deze norm zijn nog geen oordelen vastgelegd.',
      ),
      ...(builder.options.institutionRatings
        ? [
            table(
              builder,
              `Oordelen over ${inSentence(norm.name)} per instelling`,
              ['Instelling', 'Oordeel', 'Kern van de onderbouwing'],
              builder.institutions.map((institution, index) => [
                institution.name,
                ratings[index]?.rating ?? 'nog geen oordeel',
                ratings[index]?.rationale.trim() ? firstSentence(ratings[index]!.rationale) : '–',
              ]),
              `Oordelen (judgments) over ${norm.key} bij ${total} instellingen; de onderbouwing ingekort tot de eerste zin.`,
              { compact: true },
            ),
          ]
        : []),
    ]),
  ];
}

function normChapter(builder: Builder, norm: Code, examples: CodingRow[]): ReportSection {
  const sections: ReportSection[] = [];
  const leadBlocks: ReportBlock[] = [{ kind: 'paragraph', variant: 'lead', runs: [run('Wat de inspecties verwachten. ', { bold: true }), run(norm.definition)] }];

  const written = findingsAbout(builder, norm);
  const judgments = builder.plan.normJudgments(builder, norm);
  leadBlocks.push(...judgments.lead, ...conclusionBlocks(builder, written));
  sections.push(...judgments.sections);

  // Findings are what the writers concluded from the material, never counts of coded fragments.
  sections.push(section(builder, 2, 'Bevindingen', findingBlocks(builder, written, inSentence(norm.name))));

  const review = fileReviewSection(builder, norm);
  if (review) sections.push(review);
  const survey = builder.survey;
  const fromSurvey = survey ? surveyNormSection(survey, norm.key, norm.name) : null;
  if (fromSurvey) sections.push(fromSurvey);
  const quotes = quoteSection(builder, norm, 'Citaten');
  if (quotes) sections.push(quotes);
  if (examples.length > 0) sections.push(section(builder, 2, 'Wat goed gaat', exampleBlocks(builder, examples)));
  const notes = codeMemos(builder, norm);
  if (notes.length > 0) sections.push(section(builder, 2, 'Notities voor de schrijver', [notesBox(notes)]));
  return section(builder, 1, norm.name, leadBlocks, sections, `norm:${norm.key}`);
}

function contextChapter(builder: Builder, key: 'gevolgen' | 'oorzaken'): ReportSection | null {
  const top = builder.data.contextCodes.find((code) => code.key === key);
  const title = CHAPTER_LABELS[key];
  if (!top) {
    return section(builder, 1, title, [hint(`Het toetsingskader van dit onderzoek heeft geen contextcode ‘${key}’; schrijf dit hoofdstuk zelf.`)], [], key);
  }
  const codings = builder.codingsOf(top.id);
  const blocks: ReportBlock[] = [{ kind: 'paragraph', variant: 'lead', runs: [run(top.definition)] }];
  const sections: ReportSection[] = [];
  const written = findingsAbout(builder, top);
  blocks.push(...conclusionBlocks(builder, written));
  sections.push(section(builder, 2, 'Bevindingen', findingBlocks(builder, written, inSentence(top.name))));
  const quotes = quoteSection(builder, top, key === 'gevolgen' ? 'Wat jeugdigen en ouders merken' : 'Citaten');
  if (quotes) sections.push(quotes);
  const notes = codeMemos(builder, top);
  if (builder.options.includeMemos) {
    // The first 12 distinct texts that are no quote: read one by one until found (a study may hold thousands here).
    const seen = new Set<string>();
    const unquoted: CodingRow[] = [];
    for (const coding of codings) {
      if (unquoted.length === 12) break;
      if (coding.quotable) continue;
      const text = builder.data.segment(coding).text;
      const key = quoteKey(text);
      if (builder.isQuoted(text) || seen.has(key)) continue;
      seen.add(key);
      unquoted.push(coding);
    }
    const material = unquoted
      .map((coding) => [
        run(`${SOURCE_TYPE_LABELS[coding.sourceType]}${builder.plan.whereFrom(builder, coding)}: `, { bold: true }),
        run(`‘${builder.data.segment(coding).text.replace(/\s+/g, ' ').trim()}’${rulingSource(builder, coding)}${coding.note.trim() ? ` – ${coding.note.trim()}` : ''}`),
      ]);
    if (material.length > 0) notes.push([run('Gecodeerd materiaal dat niet als citaat is gemarkeerd (in eigen woorden verwerken):', { italic: true })], ...material);
  }
  if (notes.length > 0) sections.push(section(builder, 2, 'Notities voor de schrijver', [notesBox(notes)]));
  return section(builder, 1, title, blocks, sections, key);
}

/** " (Bron: ECLI:…)" after material from a court ruling with an ECLI, so the writer can cite it; otherwise nothing. */
function rulingSource(builder: Builder, coding: CodingRow): string {
  const ecli = builder.data.rulings.get(coding.sourceId)?.ecli;
  return ecli ? ` ${citeRuling(ecli)}` : '';
}

function memosChapter(builder: Builder): ReportSection | null {
  const { data } = builder;
  const ids = builder.institutionIds;
  const sourceInstitution = new Map(data.study.db.prepare('SELECT id, institution_id, title FROM source WHERE deleted = 0').all().map((row) => {
    const typed = row as { id: string; institution_id: string; title: string };
    return [typed.id, typed] as const;
  }));
  const blocksFor = (institutionIds: Set<string>): BoxBlock[] => {
    const memos = data.memos.filter(
      (memo) =>
        (memo.targetType === 'institution' && institutionIds.has(memo.targetId)) ||
        (memo.targetType === 'source' && institutionIds.has(sourceInstitution.get(memo.targetId)?.institution_id ?? '')),
    );
    const paragraphs = memoParagraphs(builder, memos, (memo) =>
      memo.targetType === 'institution' ? 'memo bij de instelling' : `memo bij de bron ‘${sourceInstitution.get(memo.targetId)?.title ?? ''}’`,
    );
    return paragraphs.length > 0 ? [notesBox(paragraphs)] : [];
  };
  const sections: ReportSection[] = [];
  const blocks: ReportBlock[] = [
    paragraph('Dit hoofdstuk bundelt de memo’s van de inspecteurs en de aandachtspunten die Veldwerk bij het opstellen zag. Het is bedoeld voor de schrijver en hoort niet in het gepubliceerde rapport.'),
  ];
  const memos = builder.plan.memos(builder, blocksFor);
  blocks.push(...memos.blocks);
  sections.push(...memos.sections);
  const otherCodeMemos = data.memos.filter((memo) => {
    if (memo.targetType !== 'code') return false;
    const code = data.codeById.get(memo.targetId);
    let top = code;
    while (top?.parentId) top = data.codeById.get(top.parentId);
    return top !== undefined && top.kind === 'context' && top.key !== 'gevolgen' && top.key !== 'oorzaken';
  });
  const otherParagraphs = memoParagraphs(builder, otherCodeMemos, (memo) => `memo bij ${inSentence(data.codeById.get(memo.targetId)?.name ?? 'de code')}`);
  if (otherParagraphs.length > 0) sections.push(section(builder, 2, 'Overige memo’s', [notesBox(otherParagraphs)]));
  return section(builder, 1, CHAPTER_LABELS.memos, blocks, sections, 'memos');
}

function appendixChapter(builder: Builder, chapters: ReportSection[]): ReportSection {
  const quoteRows: string[][] = [];
  const traceRows: string[][] = [];
  let quoteNumber = 0;
  for (const chapter of chapters) {
    for (const block of walkBlocks([chapter])) {
      if (block.kind === 'quote') {
        quoteNumber += 1;
        const start = block.text.length > 60 ? `${block.text.slice(0, 57)}…` : block.text;
        quoteRows.push([
          String(quoteNumber),
          `${block.roleLabel}: ${start}`,
          chapter.title,
          `${block.trace.sourceTitle} (${block.trace.institution})`,
          block.trace.location,
          block.trace.coder,
        ]);
      }
      if (block.kind === 'figure') traceRows.push([`Figuur ${block.number}`, block.title, block.trace]);
      if (block.kind === 'table') traceRows.push([`Tabel ${block.number}`, block.caption, block.trace]);
    }
  }
  const blocks: ReportBlock[] = [
    paragraph(
      run('Intern. ', { bold: true }),
      run('Deze bijlage maakt elk citaat en elke figuur herleidbaar tot het materiaal. Zij bevat brontitels en namen van inspecteurs en hoort niet in het gepubliceerde rapport.'),
    ),
  ];
  const sections: ReportSection[] = [];
  sections.push(
    section(
      builder,
      2,
      'Herkomst van de citaten',
      quoteRows.length > 0
        ? [
            table(builder, 'Herkomst van de citaten', ['Nr.', 'Citaat (begin)', 'Hoofdstuk', 'Bron', 'Vindplaats', 'Codeur'], quoteRows, 'Verantwoording: de citaten van dit rapport.', { compact: true }),
            paragraph('Wat de privacycontrole in de citaten en alle andere tekst verving, staat per soort onder ‘Privacycontrole’.'),
          ]
        : [paragraph('Dit rapport bevat geen citaten.')],
    ),
  );
  sections.push(
    section(builder, 2, 'Herkomst van de figuren en tabellen', traceRows.length > 0 ? [table(builder, 'Herkomst van de figuren en tabellen', ['Nr.', 'Titel', 'Selectie'], traceRows, 'Verantwoording: de figuren en tabellen van dit rapport.', { compact: true })] : [paragraph('Dit rapport bevat geen figuren of tabellen.')]),
  );
  sections.push(...builder.plan.appendixJudgments(builder));
  sections.push(codedMaterialSection(builder));
  return section(builder, 1, CHAPTER_LABELS.verantwoording, blocks, sections, 'verantwoording');
}

/**
 * Counts of coded fragments per norm and theme, and per institution in the
 * overarching draft: material for the writer, never findings, so they live in
 * the internal appendix and not in the body of a draft.
 */
function codedMaterialSection(builder: Builder): ReportSection {
  const tops = [...builder.data.norms, ...builder.data.contextCodes.filter((code) => code.key === 'gevolgen' || code.key === 'oorzaken')];
  const subsections = tops.map((top) => {
    const codings = builder.codingsOf(top.id);
    const blocks: ReportBlock[] = [...findingsBlocks(builder, codings, inSentence(top.name)), ...subcodeBullets(builder, top, codings)];
    const figureOfCodings = builder.plan.codingFigure(builder, top, codings);
    if (figureOfCodings) blocks.push(figureOfCodings);
    blocks.push(...builder.plan.differences(builder, top, codings));
    return section(builder, 3, top.name, blocks);
  });
  return section(builder, 2, 'Gecodeerd materiaal per norm en thema', [paragraph('Tellingen van gecodeerde fragmenten: materiaal voor de schrijver, geen bevindingen.')], subsections);
}

/** Per institution its judgment and its coded fragments, with which valence dominates where there is enough material. */
function institutionDifferences(builder: Builder, top: Code, codings: CodingRow[]): ReportBlock[] {
  const perInstitution = builder.institutions.map((institution) => {
    const ofInstitution = codings.filter((coding) => coding.institutionId === institution.id);
    const rating = top.kind === 'norm' ? (builder.judgmentOf(institution.id, top.id)?.rating ?? 'nog geen oordeel') : null;
    return { institution, ofInstitution, rating };
  });
  const dominance = negativeDominanceSentence(perInstitution.map(({ ofInstitution }) => countValence(ofInstitution)));
  return [
    ...(dominance ? [paragraph(dominance)] : []),
    {
      kind: 'bullets',
      items: perInstitution.map(({ institution, ofInstitution, rating }) => [
        run(`${institution.name}${rating ? ` (${rating})` : ''}: `, { bold: true }),
        run(ofInstitution.length > 0 ? `${plural(ofInstitution.length, 'fragment', 'fragmenten')}, ${valencePhrase(countValence(ofInstitution))}.` : 'geen fragmenten gecodeerd.'),
      ]),
    },
  ];
}

/* ---------- storyline ---------- */

/**
 * A theme of the storyline as a chapter: the norm and context chapters it
 * draws on, one level down, under the writers' title.
 */
function themeChapter(builder: Builder, theme: Theme, normChapters: Map<string, ReportSection>, wanted: (key: ChapterKey) => boolean): ReportSection {
  const parts = theme.codeIds.flatMap((codeId): ReportSection[] => {
    const norm = normChapters.get(codeId);
    if (norm) return [demote(norm)];
    const context = builder.data.contextCodes.find((code) => code.id === codeId);
    if (context && (context.key === 'gevolgen' || context.key === 'oorzaken') && wanted(context.key)) {
      const chapter = contextChapter(builder, context.key);
      return chapter ? [demote(chapter)] : [];
    }
    return [];
  });
  const names = parts.map((part) => inSentence(part.title));
  return section(builder, 1, theme.title, names.length > 0 ? [paragraph(`Dit hoofdstuk gaat over ${joinList(names)}.`)] : [], parts);
}

/** A chapter as a section of another: every heading one level lower (Word's third level is the deepest). */
function demote(chapter: ReportSection): ReportSection {
  const { key: _key, ...rest } = chapter;
  return { ...rest, level: Math.min(3, chapter.level + 1) as 2 | 3, sections: chapter.sections.map(demote) };
}

/* ---------- colophon ---------- */

/** What the draft is and what it rests on, for its last page: only what the study holds. */
function colophon(builder: Builder): ReportModel['colophon'] {
  const { data } = builder;
  const page = titlePage(builder);
  const ids = builder.institutionIds;
  const sources = data.sourceCounts.filter((row) => ids.has(row.institutionId)).reduce((sum, row) => sum + row.n, 0);
  const codings = data.codings.filter((coding) => ids.has(coding.institutionId));
  const coded = new Set(codings.map((coding) => coding.sourceId)).size;
  const coders = new Set(codings.flatMap((coding) => (coding.coderId ? [coding.coderId] : []))).size;
  const lines: ReportModel['colophon'] = [
    { label: 'Titel', value: `${page.title}. ${page.subtitle}` },
    { label: 'Status', value: 'Concept, niet verspreiden' },
    { label: 'Datum', value: page.dateLabel },
  ];
  if (page.period) lines.push({ label: 'Toezichtperiode', value: page.period });
  lines.push({
    label: builder.institutions.length === 1 ? 'Instelling' : 'Instellingen',
    value: joinList(builder.institutions.map((institution) => institution.name)),
  });
  lines.push({
    label: 'Materiaal',
    value: `${plural(sources, 'bron', 'bronnen')}${coded > 0 ? `, waarvan ${count(coded)} gecodeerd${coders > 0 ? ` door ${plural(coders, 'inspecteur', 'inspecteurs')}` : ''}` : ', nog niet gecodeerd'}`,
  });
  lines.push({ label: 'Opgesteld met', value: 'Veldwerk, uit het gecodeerde materiaal en de bevindingen van de inspecties' });
  return lines;
}

/* ---------- assembling ---------- */

function assemble(builder: Builder): ReportModel {
  const { data, options } = builder;
  const examples = data.codings.filter(
    (coding) => builder.institutionIds.has(coding.institutionId) && data.codeById.get(coding.topId)?.key === 'goed-voorbeeld',
  );
  const examplesByNorm = groupBy(examples, (example) => normOfExample(builder, example) ?? '');
  const wanted = (key: ChapterKey) => options.chapters.has(key);

  // Norm chapters first: they claim the quotes the summary should not repeat.
  const normChapters = new Map<string, ReportSection>();
  for (const norm of data.norms) if (wanted(`norm:${norm.key}`)) normChapters.set(norm.id, normChapter(builder, norm, examplesByNorm.get(norm.id) ?? []));
  const unassigned = [
    ...(examplesByNorm.get('') ?? []),
    ...data.norms.filter((norm) => !wanted(`norm:${norm.key}`)).flatMap((norm) => examplesByNorm.get(norm.id) ?? []),
  ];
  const themes = builder.plan.chapters.includes('verhaallijn') ? data.themes.filter((theme) => theme.codeIds.length > 0) : [];
  const shared: ChapterRun = { builder, wanted, normChapters, unassigned, themes, inThemes: new Set(themes.flatMap((theme) => theme.codeIds)) };
  const chapters = builder.plan.chapters.flatMap((step) => CHAPTER_BUILDERS[step](shared));
  if (builder.data.codingsLeftOut > 0) {
    builder.hints.push(
      `${plural(builder.data.codingsLeftOut, 'codering telt', 'coderingen tellen')} niet mee: de code ervan is verwijderd. Beslis onder Team › Conflicten of de code terugkomt of de codering vervalt.`,
    );
  }
  if (wanted('memos') && options.includeMemos) {
    const chapter = memosChapter(builder);
    if (chapter) {
      if (builder.hints.length > 0) {
        chapter.sections.unshift(section(builder, 2, 'Aandachtspunten van Veldwerk', [notesBox(builder.hints.map((text) => [run(text)]))]));
      }
      chapters.push(chapter);
    }
  }
  const model: ReportModel = {
    kind: builder.kind,
    titlePage: titlePage(builder),
    chapters,
    privacy: {
      // Filled in by the privacy pass (backend/privacy/report-pass.ts), which replaces what identifies.
      replacements: 0,
      flaggedQuotes: 0,
    },
    warnings: [...builder.hints],
    quotesBelowMinimum: [...builder.belowMinimum.values()],
    colophon: colophon(builder),
  };
  numberCaptions(model);
  if (options.includeAppendix) {
    model.chapters.push(appendixChapter(builder, chapters));
    numberCaptions(model);
  }
  return model;
}

/* ---------- report types: chapter plans ---------- */

/** The chapters a report type is made of, in order; each is built by the one chapter builder of that name. */
type ChapterStep = 'samenvatting' | 'inleiding' | 'normen' | 'verhaallijn' | 'gevolgen' | 'oorzaken' | 'vragenlijst' | 'verwachtingen';

/** What the chapter builders of one draft share: the norm chapters (built first: they claim their quotes), examples left over, the storyline. */
interface ChapterRun {
  builder: Builder;
  wanted: (key: ChapterKey) => boolean;
  normChapters: Map<string, ReportSection>;
  unassigned: CodingRow[];
  themes: Theme[];
  /** Codes a theme of the storyline draws on: their chapters are inside that theme. */
  inThemes: Set<string>;
}

function normChaptersInOrder({ builder, normChapters }: ChapterRun): ReportSection[] {
  return builder.data.norms.flatMap((norm) => normChapters.get(norm.id) ?? []);
}

function contextChapterStep(key: 'gevolgen' | 'oorzaken') {
  return ({ builder, wanted, inThemes }: ChapterRun): ReportSection[] => {
    if (!wanted(key) || builder.data.contextCodes.some((code) => code.key === key && inThemes.has(code.id))) return [];
    return [contextChapter(builder, key)].filter((chapter): chapter is ReportSection => chapter !== null);
  };
}

const CHAPTER_BUILDERS: Record<ChapterStep, (run: ChapterRun) => ReportSection[]> = {
  samenvatting: ({ builder, wanted, unassigned }) => (wanted('samenvatting') ? [summaryChapter(builder, unassigned)] : []),
  inleiding: ({ builder, wanted }) => (wanted('inleiding') ? [introductionChapter(builder)] : []),
  normen: normChaptersInOrder,
  // The writers' storyline where there is one; otherwise one chapter per norm.
  verhaallijn: (shared) => {
    const { builder, themes, inThemes, normChapters, wanted } = shared;
    if (themes.length === 0) return normChaptersInOrder(shared);
    const left = builder.data.norms.filter((norm) => !inThemes.has(norm.id) && wanted(`norm:${norm.key}`));
    if (left.length > 0) builder.hints.push(`Niet in de verhaallijn: ${joinList(left.map((norm) => inSentence(norm.name)))}. Deze normen staan niet in dit rapport; neem ze op in een thema als dat wel moet.`);
    return themes.map((theme) => themeChapter(builder, theme, normChapters, wanted)).filter((chapter) => chapter.sections.length > 0);
  },
  gevolgen: contextChapterStep('gevolgen'),
  oorzaken: contextChapterStep('oorzaken'),
  // After the norm chapters: it refers to the survey figures placed there.
  vragenlijst: ({ builder, wanted }) => (wanted('vragenlijst') && builder.survey ? [surveyChapter(builder.survey)] : []),
  verwachtingen: ({ builder, wanted }) => (wanted('verwachtingen') ? [expectationsChapter(builder)] : []),
};

/**
 * A report type: its chapter plan, and the parts of the shared chapter
 * builders that speak of one institution or of several side by side.
 */
interface ReportPlan {
  kind: ReportKind;
  chapters: ChapterStep[];
  /** At most this many quotes per norm, unless the writer chose otherwise. */
  maxQuotes: number;
  /** At most this many good examples in boxes per section; the others are counted. */
  maxExamples: number;
  titles(builder: Builder): { title: string; subtitle: string; institution: string | null };
  summary(builder: Builder, period: string): { blocks: ReportBlock[]; conclusions: ReportBlock[] };
  /** The sentence placing the draft in the round ("GI Noord is een van de 3 instellingen …"). */
  placeInRound(builder: Builder): string;
  visited(builder: Builder): string;
  sourceTables(builder: Builder, tally: SourceTally): ReportBlock[];
  filesReviewed(builder: Builder): number;
  filesReviewedOfNorm(builder: Builder, ofNorm: ReviewSummary[]): number;
  /** ", verdeeld over 3 instellingen" after the number of files reviewed. */
  spreadOver(builder: Builder): string;
  fileReviewFigures(builder: Builder, norm: Code, choice: ReviewQuestion[], filesReviewed: number): ReportBlock[];
  normJudgments(builder: Builder, norm: Code): { lead: ReportBlock[]; sections: ReportSection[] };
  /** The findings of this draft: at its institution, or across institutions (null). */
  findingsInstitutionId(builder: Builder): string | null;
  quoteLead(builder: Builder, quotes: QuoteBlock[]): string;
  exampleOrigin(builder: Builder, example: CodingRow): TextRun[][];
  /** ", GI Noord" after the material of one institution among several. */
  whereFrom(builder: Builder, coding: CodingRow): string;
  /** " (GI Noord)" in a note about one institution among several. */
  which(institution: Institution): string;
  /** "bij deze instelling " in "Over … is … (nog) niets gecodeerd". */
  atThisInstitution: string;
  expectationsLead: string;
  scopeLabel(builder: Builder): string;
  codingFigure(builder: Builder, top: Code, codings: CodingRow[]): FigureBlock | null;
  differences(builder: Builder, top: Code, codings: CodingRow[]): ReportBlock[];
  memos(builder: Builder, blocksFor: (institutionIds: Set<string>) => BoxBlock[]): { blocks: BoxBlock[]; sections: ReportSection[] };
  appendixJudgments(builder: Builder): ReportSection[];
  surveyScope(builder: Builder): Parameters<typeof readReportSurvey>[1];
  surveyVoice(institutions: Institution[]): SurveyVoice;
}

const only = (builder: Builder) => builder.institutions[0]!;
const QUOTE_LEAD = 'Wat jeugdigen, ouders en professionals hierover zeggen:';

const INSTITUTION_PLAN: ReportPlan = {
  kind: 'instelling',
  chapters: ['samenvatting', 'inleiding', 'normen', 'gevolgen', 'oorzaken', 'vragenlijst', 'verwachtingen'],
  maxQuotes: 4,
  maxExamples: 6,
  titles: (builder) => ({ title: only(builder).name, subtitle: `Instellingsrapport bij de ${builder.data.info.name}`, institution: only(builder).name }),
  summary: institutionSummary,
  placeInRound: (builder) => placeInRoundSentence(only(builder).name, builder.data.institutions.length),
  visited: (builder) => only(builder).name,
  sourceTables: institutionSourceTables,
  filesReviewed: (builder) => builder.data.review.find((summary) => summary.institutionId === only(builder).id)?.filesReviewed ?? 0,
  filesReviewedOfNorm: (_builder, ofNorm) => ofNorm[0]?.filesReviewed ?? 0,
  spreadOver: () => '',
  fileReviewFigures: fileReviewChart,
  normJudgments: judgmentFirst,
  findingsInstitutionId: (builder) => only(builder).id,
  quoteLead: () => QUOTE_LEAD,
  exampleOrigin: () => [],
  whereFrom: () => '',
  which: () => '',
  atThisInstitution: 'bij deze instelling ',
  expectationsLead: 'De inspecties verwachten het volgende.',
  scopeLabel: (builder) => only(builder).name,
  codingFigure: codingsBySourceType,
  differences: () => [],
  memos: (builder, blocksFor) => ({ blocks: blocksFor(builder.institutionIds), sections: [] }),
  appendixJudgments: () => [],
  surveyScope: (builder) => ({ institutionId: only(builder).id }),
  surveyVoice: (institutions) => oneInstitutionVoice(institutions[0]!),
};

const OVERALL_PLAN: ReportPlan = {
  kind: 'overkoepelend',
  chapters: ['samenvatting', 'inleiding', 'verhaallijn', 'gevolgen', 'oorzaken', 'vragenlijst', 'verwachtingen'],
  maxQuotes: 6,
  maxExamples: 6,
  titles: (builder) => ({
    title: 'Overkoepelend rapport',
    subtitle: `${builder.data.info.name}: bevindingen bij ${plural(builder.institutions.length, 'gecertificeerde instelling', 'gecertificeerde instellingen')}`,
    institution: null,
  }),
  summary: overallSummary,
  placeInRound: (builder) => `Dit rapport brengt de bevindingen bij ${plural(builder.institutions.length, 'instelling', 'instellingen')} samen.`,
  visited: (builder) => (builder.institutions.length === 1 ? 'de instelling' : 'de instellingen'),
  sourceTables: sourcesPerInstitution,
  filesReviewed: sumFilesReviewed,
  filesReviewedOfNorm: sumFilesReviewed,
  spreadOver: (builder) => `, verdeeld over ${builder.institutions.length} instellingen`,
  fileReviewFigures: (builder, norm, choice) => fileReviewPerInstitution(builder, norm, choice),
  normJudgments: judgmentsCounted,
  findingsInstitutionId: () => null,
  quoteLead: (builder, quotes) => {
    const voices = new Set(quotes.map((quote) => quote.trace.institution)).size;
    return voices > 1 ? `Wat jeugdigen, ouders en professionals ${atInstitutions(voices, builder.institutions.length)} hierover zeggen:` : QUOTE_LEAD;
  },
  exampleOrigin: (builder, example) => [[run(`Instelling: ${builder.institutionName(example.institutionId)}`, { italic: true })]],
  whereFrom: (builder, coding) => `, ${builder.institutionName(coding.institutionId)}`,
  which: (institution) => ` (${institution.name})`,
  atThisInstitution: '',
  expectationsLead: 'De inspecties vragen de betrokken partijen het volgende.',
  scopeLabel: (builder) => `${builder.institutions.length} instellingen`,
  codingFigure: codingsByInstitution,
  differences: institutionDifferences,
  memos: (builder, blocksFor) => ({
    blocks: [],
    sections: builder.institutions.flatMap((institution) => {
      const boxes = blocksFor(new Set([institution.id]));
      return boxes.length > 0 ? [section(builder, 2, institution.name, boxes)] : [];
    }),
  }),
  appendixJudgments: (builder) => [section(builder, 2, 'Oordelen per instelling', [judgmentsTable(builder)])],
  surveyScope: (builder) => ({
    institutionIds: builder.institutions.map((institution) => institution.id),
    all: builder.institutions.length === builder.data.institutions.length,
  }),
  surveyVoice: acrossInstitutionsVoice,
};

/* ---------- entry points ---------- */

export function institutionReportModel(study: Study, institutionId: string, options: ReportOptions = {}): ReportModel {
  return institutionModelFromData(readStudyData(study, options.privacyNames ?? []), institutionId, options);
}

export function overallReportModel(study: Study, options: ReportOptions = {}): ReportModel {
  return overallModelFromData(readStudyData(study, options.privacyNames ?? []), options);
}

export function institutionModelFromData(data: StudyData, institutionId: string, options: ReportOptions = {}): ReportModel {
  const institution = data.institutions.find((candidate) => candidate.id === institutionId);
  if (!institution) throw new UserError('Deze instelling bestaat niet (meer).', 'not-found');
  return assemble(new Builder(data, INSTITUTION_PLAN, [institution], resolveOptions(data, options, INSTITUTION_PLAN)));
}

export function overallModelFromData(data: StudyData, options: ReportOptions = {}): ReportModel {
  const chosen = options.institutions && options.institutions.length > 0 ? data.institutions.filter((institution) => options.institutions!.includes(institution.id)) : data.institutions;
  if (chosen.length === 0) throw new UserError('Kies minstens één instelling voor het overkoepelende rapport.', 'invalid-input');
  if (options.institutions && chosen.length !== new Set(options.institutions).size) throw new UserError('Een van de gekozen instellingen bestaat niet (meer).', 'not-found');
  return assemble(new Builder(data, OVERALL_PLAN, chosen, resolveOptions(data, options, OVERALL_PLAN)));
}
