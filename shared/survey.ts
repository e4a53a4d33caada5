/**
 * The questionnaire (vragenlijst), as pure functions: what a column of a
 * survey export means, the natural order of answer options, the statistics
 * (distribution, split by group, mean per group) with the privacy rule for
 * small groups, and numbers in Dutch notation. No Node, no DOM: the backend,
 * the UI and the report builder all compute and print the same way.
 */

/** Groups with fewer respondents than this show "n < 10" instead of figures (a study setting). */
export const DEFAULT_MIN_GROUP = 10;
export const MIN_GROUP_LIMITS = { min: 1, max: 1000 } as const;

/** What a column of the export is. `ignore`d columns are not stored at all. */
export const SURVEY_COLUMN_KINDS = [
  'question',
  'role',
  'institution',
  'measure',
  'workers',
  'withoutWorker',
  'mark',
  'number',
  'ignore',
] as const;
export type SurveyColumnKind = (typeof SURVEY_COLUMN_KINDS)[number];

export const SURVEY_COLUMN_KIND_LABELS: Record<SurveyColumnKind, string> = {
  question: 'Gesloten vraag',
  role: 'Rol van de respondent (jeugdige/ouder)',
  institution: 'Instelling',
  measure: 'Maatregel',
  workers: 'Aantal jeugdzorgwerkers',
  withoutWorker: 'Periode zonder jeugdzorgwerker',
  mark: 'Rapportcijfer (1-10)',
  number: 'Getal',
  ignore: 'Niet gebruiken',
};

/** Kinds of which a survey has at most one column. */
export const SINGLE_COLUMN_KINDS: readonly SurveyColumnKind[] = ['role', 'institution', 'measure', 'workers', 'withoutWorker'];
/** Kinds whose values are numbers: they have a mean. */
export const NUMERIC_KINDS: readonly SurveyColumnKind[] = ['mark', 'number'];

export type SurveyRole = 'jeugdige' | 'ouder';

/** The group of respondents without a value in the split column. */
export const NO_ANSWER_GROUP = 'Geen antwoord';
/** The one group of a mean without a split. */
export const ALL_RESPONDENTS = 'Alle respondenten';

// ---------------------------------------------------------------------------
// Answer text

/** Compare key of an answer: case, diacritics, punctuation and spacing do not count. */
export function foldAnswer(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.,;:!?'"’`()[\]{}\-–—_/\\*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Compare key of a survey name or file name: "Export (1).xlsx" and "export" are the same survey. */
export function surveyNameKey(name: string): string {
  const withoutExtension = name.replace(/\.(xlsx|csv)$/i, '');
  const withoutCopyMark = withoutExtension.replace(/\s*(\(\d+\)|[-_ ]+(kopie|copy)( \(\d+\))?)\s*$/i, '');
  return foldAnswer(withoutCopyMark);
}

/** A survey's default name from its file name: without extension and copy marks. */
export function surveyNameFromFile(fileName: string): string {
  const withoutExtension = fileName.replace(/\.(xlsx|csv)$/i, '');
  const cleaned = withoutExtension.replace(/\s*(\(\d+\)|[-_ ]+(kopie|copy)( \(\d+\))?)\s*$/i, '').replace(/[_]+/g, ' ').trim();
  return cleaned || fileName;
}

/** "Weet ik niet", "Geen mening" and the like: always at the end, in this order. */
const LAST_ANSWERS = [
  'weet ik niet',
  'weet niet',
  'ik weet het niet',
  'geen idee',
  'geen mening',
  'neutraal geen mening',
  'niet van toepassing',
  'n v t',
  'nvt',
  'wil ik niet zeggen',
  'zeg ik liever niet',
  'anders',
  'anders namelijk',
  'overig',
];

/**
 * Known answer scales, best first. Each entry lists folded answers with their
 * rank; answers sharing a rank are synonyms. A set of answers is ordered by
 * the first scale that contains all of them (apart from the LAST_ANSWERS).
 */
const SCALES: ReadonlyArray<Record<string, number>> = [
  // Ja / Een beetje / Nee; Ja, altijd / Ja, vaak / Ja, soms / Nee; Ja / Niet helemaal / Nee; Ja / Nee
  {
    ja: 0,
    'ja altijd': 1,
    altijd: 1,
    'ja vaak': 2,
    vaak: 2,
    'ja meestal': 2,
    meestal: 2,
    'ja soms': 3,
    soms: 3,
    'af en toe': 3,
    'ja een beetje': 4,
    'een beetje': 4,
    beetje: 4,
    'niet helemaal': 4,
    'ja maar niet helemaal': 4,
    gedeeltelijk: 4,
    deels: 4,
    'een klein beetje': 5,
    'bijna niet': 6,
    zelden: 6,
    'nee niet echt': 6,
    'niet echt': 6,
    nee: 7,
    'nee nooit': 7,
    nooit: 7,
    'nee helemaal niet': 8,
    'helemaal niet': 8,
  },
  {
    'helemaal mee eens': 0,
    'zeer mee eens': 0,
    'mee eens': 1,
    eens: 1,
    'niet eens niet oneens': 2,
    'neutraal': 2,
    'mee oneens': 3,
    oneens: 3,
    'niet mee eens': 3,
    'helemaal mee oneens': 4,
    'helemaal oneens': 4,
    'zeer mee oneens': 4,
    'helemaal niet mee eens': 4,
  },
  {
    'zeer goed': 0,
    'heel goed': 0,
    uitstekend: 0,
    goed: 1,
    voldoende: 2,
    redelijk: 2,
    matig: 3,
    'niet zo goed': 3,
    onvoldoende: 4,
    'niet goed': 4,
    slecht: 4,
    'zeer slecht': 5,
    'heel slecht': 5,
  },
  {
    'zeer tevreden': 0,
    'heel tevreden': 0,
    tevreden: 1,
    neutraal: 2,
    'niet tevreden niet ontevreden': 2,
    ontevreden: 3,
    'niet tevreden': 3,
    'zeer ontevreden': 4,
    'heel ontevreden': 4,
  },
  // Measures, in the order the reports list them.
  { jr: 0, jeugdreclassering: 0, ots: 1, ondertoezichtstelling: 1, 'onder toezicht stelling': 1, voogdij: 2 },
  // Roles.
  { jeugdige: 0, jongere: 0, kind: 0, jeugdigen: 0, ouder: 1, ouders: 1, verzorger: 1, 'ouder verzorger': 1, pleegouder: 1 },
];

const NUMBER_PATTERN = /^[-+]?\d+(?:[.,]\d+)?$/;
/** "Meer dan 5", "> 5", "6 of meer", "6+": after every plain number up to that bound. */
const MORE_THAN_PATTERN = /^(?:meer dan (\d+)|> ?(\d+)|(\d+) of meer|(\d+) ?\+)$/;

/** A number written as in Dutch or English notation ("7,5", "7.5"), or null. */
export function parseSurveyNumber(value: string): number | null {
  const trimmed = value.trim();
  if (!NUMBER_PATTERN.test(trimmed)) return null;
  const number = Number(trimmed.replace(',', '.'));
  return Number.isFinite(number) ? number : null;
}

function numericRank(raw: string): number | null {
  const plain = parseSurveyNumber(raw);
  if (plain !== null) return plain;
  const text = raw.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
  const match = MORE_THAN_PATTERN.exec(text);
  if (!match) return null;
  // "meer dan 5", "> 5": just above 5; "6 of meer", "6+": just below 6.
  if (match[1] ?? match[2]) return Number(match[1] ?? match[2]) + 0.5;
  return Number(match[3] ?? match[4]) - 0.5;
}

/**
 * Answers in their natural order: a known scale (Ja / Een beetje / Nee ...;
 * Ja, altijd / Ja, vaak / Ja, soms / Nee; JR / OTS / Voogdij), else numbers
 * ascending with "Meer dan 5" after them, else the order of first appearance;
 * "Weet ik niet", "Geen mening" and the like always last. Never alphabetical.
 * `answers` are distinct labels in order of first appearance.
 */
export function naturalOrder(answers: readonly string[]): string[] {
  const items = answers.map((answer, index) => ({ answer, folded: foldAnswer(answer), index }));
  const last = items.filter((item) => LAST_ANSWERS.includes(item.folded));
  const main = items.filter((item) => !LAST_ANSWERS.includes(item.folded));
  last.sort((a, b) => LAST_ANSWERS.indexOf(a.folded) - LAST_ANSWERS.indexOf(b.folded) || a.index - b.index);

  const rankOf = rankingFor(main);
  const ranked = main.map((item) => ({ ...item, rank: rankOf(item) }));
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return [...ranked, ...last].map((item) => item.answer);
}

type OrderItem = { answer: string; folded: string; index: number };

function rankingFor(items: OrderItem[]): (item: OrderItem) => number {
  if (items.length === 0) return () => 0;
  const scale = SCALES.find((candidate) => items.every((item) => Object.hasOwn(candidate, item.folded)));
  if (scale) return (item) => scale[item.folded]!;
  if (items.every((item) => numericRank(item.answer) !== null)) return (item) => numericRank(item.answer)!;
  return (item) => item.index;
}

// ---------------------------------------------------------------------------
// The recognised columns: raw values to their canonical labels

export const MEASURE_LABELS = ['JR', 'OTS', 'Voogdij', 'Weet ik niet'] as const;
export const WORKER_LABELS = ['0', '1', '2', '3', '4', '5', 'Meer dan 5', 'Weet ik niet'] as const;
export const YES_NO_LABELS = ['Ja', 'Nee', 'Weet ik niet'] as const;
export const ROLE_LABELS = { jeugdige: 'Jeugdige', ouder: 'Ouder' } as const satisfies Record<SurveyRole, string>;

const DONT_KNOW = new Set(['weet ik niet', 'weet niet', 'ik weet het niet', 'geen idee', 'onbekend']);

export function canonicalMeasure(raw: string): (typeof MEASURE_LABELS)[number] | null {
  const folded = foldAnswer(raw);
  if (['jr', 'jeugdreclassering', 'jeugd reclassering'].includes(folded)) return 'JR';
  if (['ots', 'ondertoezichtstelling', 'onder toezicht stelling', 'ondertoezichtstelling ots'].includes(folded)) return 'OTS';
  if (['voogdij', 'voogd'].includes(folded)) return 'Voogdij';
  if (DONT_KNOW.has(folded)) return 'Weet ik niet';
  if (folded.startsWith('jeugdreclassering')) return 'JR';
  if (folded.startsWith('ondertoezichtstelling') || folded.startsWith('onder toezicht')) return 'OTS';
  return null;
}

const NUMBER_WORDS: Record<string, number> = { geen: 0, nul: 0, een: 1, 'één': 1, twee: 2, drie: 3, vier: 4, vijf: 5 };

export function canonicalWorkers(raw: string): (typeof WORKER_LABELS)[number] | null {
  const folded = foldAnswer(raw);
  if (DONT_KNOW.has(folded)) return 'Weet ik niet';
  const word = NUMBER_WORDS[folded];
  const number = word ?? parseSurveyNumber(raw);
  if (number !== null && Number.isInteger(number) && number >= 0) {
    return number > 5 ? 'Meer dan 5' : (String(number) as (typeof WORKER_LABELS)[number]);
  }
  const more = numericRank(raw);
  if (more !== null && !Number.isInteger(more) && more >= 5) return 'Meer dan 5';
  if (folded === 'meer dan vijf' || folded === 'meer dan 5 jeugdzorgwerkers') return 'Meer dan 5';
  return null;
}

export function canonicalYesNo(raw: string): (typeof YES_NO_LABELS)[number] | null {
  const folded = foldAnswer(raw);
  if (['ja', 'j', 'yes', 'y', 'waar', 'true', '1'].includes(folded)) return 'Ja';
  if (['nee', 'n', 'no', 'onwaar', 'false', '0'].includes(folded)) return 'Nee';
  if (DONT_KNOW.has(folded)) return 'Weet ik niet';
  return null;
}

export function canonicalRole(raw: string): SurveyRole | null {
  const folded = foldAnswer(raw);
  const words = folded.split(' ');
  const has = (...candidates: string[]) => candidates.some((candidate) => words.includes(candidate));
  if (has('ouder', 'ouders', 'verzorger', 'verzorgers', 'pleegouder', 'pleegouders', 'moeder', 'vader', 'opvoeder', 'stiefouder')) {
    return 'ouder';
  }
  if (has('jeugdige', 'jeugdigen', 'jongere', 'jongeren', 'kind', 'kinderen', 'jeugd', 'pupil', 'cliënt', 'client')) return 'jeugdige';
  return null;
}

/** A report mark: a number from 1 to 10 (a decimal comma is fine), or null. */
export function parseMark(raw: string): number | null {
  const number = parseSurveyNumber(raw);
  return number !== null && number >= 1 && number <= 10 ? number : null;
}

// ---------------------------------------------------------------------------
// Statistics

export interface AnswerCount {
  answer: string;
  /** Respondents who gave this answer; null when the group is suppressed. */
  n: number | null;
  /** Percentage (0-100, unrounded) of those who answered; null when suppressed. */
  pct: number | null;
}

export interface Distribution {
  /** Respondents who answered (blanks not counted). */
  n: number;
  /** Respondents in scope who left it blank. */
  missing: number;
  /** Fewer than the threshold answered: no counts or percentages are shown. */
  suppressed: boolean;
  answers: AnswerCount[];
}

export interface GroupDistribution extends Distribution {
  group: string;
}

export interface GroupMean {
  group: string;
  /** Respondents in the group with a number in the column. */
  n: number;
  /** Unrounded; null when suppressed or nobody answered. */
  mean: number | null;
  suppressed: boolean;
}

/**
 * The distribution of one column. `labels[i]` is respondent i's answer (null:
 * blank). Percentages are over those who answered; every answer of `order`
 * gets a row, also with 0.
 */
export function tabulate(labels: ReadonlyArray<string | null>, order: readonly string[], minGroup: number): Distribution {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const label of labels) {
    if (label === null) missing += 1;
    else counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return distributionFrom(counts, missing, order, minGroup);
}

function distributionFrom(counts: Map<string, number>, missing: number, order: readonly string[], minGroup: number): Distribution {
  let n = 0;
  for (const count of counts.values()) n += count;
  const suppressed = n < minGroup;
  const answersInOrder = [...order, ...[...counts.keys()].filter((answer) => !order.includes(answer))];
  const answers = answersInOrder.map((answer) => {
    const count = counts.get(answer) ?? 0;
    return suppressed ? { answer, n: null, pct: null } : { answer, n: count, pct: n > 0 ? (count / n) * 100 : null };
  });
  return { n, missing, suppressed, answers };
}

/**
 * The distribution of one column per group of another. Groups come in
 * `groupOrder` (those that occur), then respondents without a group value as
 * "Geen antwoord". Each group is suppressed on its own.
 */
export function tabulateBy(
  labels: ReadonlyArray<string | null>,
  groups: ReadonlyArray<string | null>,
  order: readonly string[],
  groupOrder: readonly string[],
  minGroup: number,
): GroupDistribution[] {
  const perGroup = new Map<string | null, { counts: Map<string, number>; missing: number }>();
  labels.forEach((label, index) => {
    const group = groups[index] ?? null;
    let entry = perGroup.get(group);
    if (!entry) perGroup.set(group, (entry = { counts: new Map(), missing: 0 }));
    if (label === null) entry.missing += 1;
    else entry.counts.set(label, (entry.counts.get(label) ?? 0) + 1);
  });
  return orderedGroups(perGroup, groupOrder).map(([group, entry]) => ({
    group: group ?? NO_ANSWER_GROUP,
    ...distributionFrom(entry.counts, entry.missing, order, minGroup),
  }));
}

/** The mean of a numeric column per group (one group "Alle respondenten" when `groups` is null). */
export function meansBy(
  numbers: ReadonlyArray<number | null>,
  groups: ReadonlyArray<string | null> | null,
  groupOrder: readonly string[],
  minGroup: number,
): GroupMean[] {
  const perGroup = new Map<string | null, { n: number; sum: number }>();
  numbers.forEach((value, index) => {
    const group = groups ? (groups[index] ?? null) : ALL_RESPONDENTS;
    let entry = perGroup.get(group);
    if (!entry) perGroup.set(group, (entry = { n: 0, sum: 0 }));
    if (value === null) return;
    entry.n += 1;
    entry.sum += value;
  });
  const order = groups ? groupOrder : [ALL_RESPONDENTS];
  if (!groups && !perGroup.has(ALL_RESPONDENTS)) perGroup.set(ALL_RESPONDENTS, { n: 0, sum: 0 });
  return orderedGroups(perGroup, order).map(([group, { n, sum }]) => {
    const suppressed = n < minGroup;
    return { group: group ?? NO_ANSWER_GROUP, n, mean: suppressed || n === 0 ? null : sum / n, suppressed };
  });
}

function orderedGroups<T>(perGroup: Map<string | null, T>, groupOrder: readonly string[]): Array<[string | null, T]> {
  const known = groupOrder.filter((group) => perGroup.has(group)).map((group) => [group, perGroup.get(group)!] as [string, T]);
  const other = [...perGroup.entries()].filter(([group]) => group !== null && !groupOrder.includes(group));
  const blank = perGroup.has(null) ? [[null, perGroup.get(null)!] as [null, T]] : [];
  return [...known, ...other, ...blank];
}

// ---------------------------------------------------------------------------
// Dutch notation

/** Round half away from zero on the decimal digits as written (12.45 → 12.5), not the binary value. */
export function roundDecimal(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  if (Math.abs(value) < 1e-9) return 0;
  const sign = value < 0 ? -1 : 1;
  const shifted = Math.round(Number(`${Math.abs(value)}e${decimals}`));
  return sign * Number(`${shifted}e-${decimals}`);
}

/** 1523 → "1.523"; 2.94, 1 → "2,9"; decimal comma, thousands with a point. */
export function formatNumberNl(value: number, decimals = 0): string {
  const rounded = roundDecimal(value, decimals);
  const [whole, fraction] = Math.abs(rounded).toFixed(decimals).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const sign = rounded < 0 ? '-' : '';
  return fraction ? `${sign}${grouped},${fraction}` : `${sign}${grouped}`;
}

/** 59.259… → "59,3%". */
export function formatPercentNl(pct: number, decimals = 1): string {
  return `${formatNumberNl(pct, decimals)}%`;
}

/** A mean as the reports write it: 2.94 → "2,9". */
export function formatMeanNl(mean: number, decimals = 1): string {
  return formatNumberNl(mean, decimals);
}

/** What a suppressed group shows instead of its figures: "n < 10". */
export function suppressedLabel(minGroup: number): string {
  return `n < ${minGroup}`;
}

/** A number label as an answer ("7", "7,5"): marks shown as answers. */
export function numberLabel(value: number): string {
  return Number.isInteger(value) ? String(value) : formatNumberNl(value, Math.min(3, decimalsOf(value)));
}

function decimalsOf(value: number): number {
  const text = String(value);
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}
