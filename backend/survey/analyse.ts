/**
 * The proposal the user confirms before anything is stored: what each column
 * seems to be (from its header and its values), which institution each
 * institution name in the file is, and a preview of the values per column.
 */
import {
  canonicalMeasure,
  canonicalRole,
  canonicalWorkers,
  canonicalYesNo,
  foldAnswer,
  naturalOrder,
  parseMark,
  parseSurveyNumber,
  SINGLE_COLUMN_KINDS,
  surveyNameFromFile,
  type SurveyColumnKind,
} from '../../shared/survey';
import type { Institution, SurveyAnalysis, SurveyColumnPreview, SurveyMapping } from '../../shared/api/types';
import type { Study } from '../study/study';
import type { RawColumn, RawSurvey } from './sheet';
import { findReplacedSurvey } from './import';
import { headerRowsView } from './header-rows';

const FULL_VALUES_UP_TO = 200;
const PREVIEW_VALUES = 20;
/** Up to this many distinct answers a column is proposed as a closed question. */
const CLOSED_QUESTION_MAX_DISTINCT = 20;

export function analyseSurvey(study: Study, raw: RawSurvey, stagedId: string): SurveyAnalysis {
  return surveyAnalysis(study, raw, analyseColumns(raw, study.institutions()), stagedId);
}

/** What the columns hold and the mapping proposed for them. */
export interface ColumnAnalysis {
  columns: SurveyColumnPreview[];
  mapping: SurveyMapping;
  /** The file's notes and what the analysis adds to them. */
  notes: string[];
}

/**
 * The analysis of the columns, from the file and the study's institutions
 * alone: it needs no study, so it runs beside the reading in the survey
 * worker (survey-thread.ts), off the thread that answers the UI.
 */
export function analyseColumns(raw: RawSurvey, institutions: Institution[]): ColumnAnalysis {
  const previews = raw.columns.map((column) => preview(column));
  const kinds = assignKinds(raw.columns, previews, institutions);
  const columns = previews.map((item, index) => ({ ...item, proposedKind: kinds[index]! }));
  const institutionIndex = kinds.indexOf('institution');
  const mapping: SurveyMapping = {
    columns: raw.columns.map((column, index) => ({ header: column.header, kind: kinds[index]! })),
    institutions: institutionIndex >= 0 ? proposeInstitutions(raw.columns[institutionIndex]!, institutions) : [],
    defaultRole: null,
    defaultInstitutionId: null,
  };
  const notes = [...raw.notes];
  const ignoredOpen = columns.filter((column) => column.proposedKind === 'ignore' && column.distinct > CLOSED_QUESTION_MAX_DISTINCT);
  if (ignoredOpen.length > 0) {
    notes.push(
      `${ignoredOpen.length === 1 ? 'Eén kolom lijkt' : `${ignoredOpen.length} kolommen lijken`} open antwoorden of kenmerken van personen te bevatten en ${ignoredOpen.length === 1 ? 'wordt' : 'worden'} niet opgeslagen (zie "Niet gebruiken").`,
    );
  }
  return { columns, mapping, notes };
}

/** The proposal for the user: the column analysis plus the name to import under and the survey it would replace. */
export function surveyAnalysis(study: Study, raw: RawSurvey, { columns, mapping, notes }: ColumnAnalysis, stagedId: string): SurveyAnalysis {
  const suggestedName = surveyNameFromFile(raw.fileName);
  const replaced = findReplacedSurvey(study, suggestedName, raw.fileSha256);
  return {
    stagedId,
    fileName: raw.fileName,
    format: raw.format,
    respondents: raw.rowCount,
    suggestedName: replaced?.name ?? suggestedName,
    replaces: replaced ? { surveyId: replaced.id, name: replaced.name } : null,
    columns,
    mapping,
    notes,
    header: headerRowsView(raw.head),
  };
}

/** Distinct values and their counts, in natural order. */
export function valueCounts(column: RawColumn): { counts: Array<{ value: string; n: number }>; blanks: number } {
  const counts = new Array<number>(column.dict.length).fill(0);
  let blanks = 0;
  for (const code of column.codes) {
    if (code < 0) blanks += 1;
    else counts[code]! += 1;
  }
  const order = column.dict.length <= 1000 ? naturalOrder(column.dict) : column.dict;
  const index = new Map(column.dict.map((value, position) => [value, position]));
  return { counts: order.map((value) => ({ value, n: counts[index.get(value)!]! })), blanks };
}

function preview(column: RawColumn): Omit<SurveyColumnPreview, 'proposedKind'> {
  const { counts, blanks } = valueCounts(column);
  const complete = counts.length <= FULL_VALUES_UP_TO;
  const values = complete ? counts : [...counts].sort((a, b) => b.n - a.n).slice(0, PREVIEW_VALUES);
  return { header: column.header, distinct: column.dict.length, blanks, values, valuesComplete: complete };
}

const IGNORE_HEADER =
  /^(id|nr|nummer|volgnummer|respondent(id| id|nummer| nummer| nr)?|respons ?id|response ?id|tijdstempel|timestamp|datum|date|starttijd|eindtijd|start|einde|ip( adres)?|ip address|e ?mail( ?adres)?|naam|voornaam|achternaam|postcode|adres|woonplaats|telefoon(nummer)?|geboortedatum|leeftijd|bsn|opmerking(en)?|toelichting|toelichting .*|anders namelijk|status|taal|language)$/;
/** Survey tools' own columns (Qualtrics, SurveyMonkey, LimeSurvey, Microsoft Forms): when and how a response came in, no answers. */
const TOOL_HEADER =
  /^(start ?date|end ?date|response type|status|recorded ?date|response ?id|ip ?address|progress|duration( in seconds)?|finished|location (latitude|longitude)|distribution ?channel|user ?language|recipient (last|first) ?name|recipient ?email|external ?(data )?reference|collector ?id|respondent ?id|custom data \d+|submitdate|lastpage|startlanguage|seed|datestamp|refurl|begintijd|tijd van voltooien|laatst gewijzigd|tijd van laatste wijziging|antwoord id|datum verstuurd|laatste pagina|starttaal)$/;
const ROLE_HEADER = /\b(rol|ik ben|ben je|bent u|type respondent|respondenttype|respondent type|invuller|jeugdige of ouder|ouder of jeugdige|kind of ouder|ouder of kind|jongere of ouder)\b/;
const INSTITUTION_HEADER = /\b(instelling|gi|organisatie|gecertificeerde instelling|jeugdbeschermingsorganisatie)\b/;
const MEASURE_HEADER = /\bmaatregel\b/;
const WORKER_WORDS = /(jeugdzorgwerker|jeugdbeschermer|gezinsmanager|jeugdreclasseerder|gezinsvoogd|voogd|begeleider|hulpverlener|werker|jeugdzorgwerkers|jeugdbeschermers|begeleiders)/;
const WORKERS_HEADER = /\b(hoeveel|aantal)\b/;
const WITHOUT_WORKER_HEADER = /((periode|tijd|tijdje)\b.*\b(zonder|geen)\b)|(\bzonder (vaste |eigen )?\w*(werker|beschermer|manager|reclasseerder|voogd|begeleider|hulpverlener))/;
const ROLE_VALUE = /^(ik ben )?(een |de )?(jeugdige|jongere|kind|ouder|ouders|verzorger|ouder verzorger|pleegouder|moeder|vader)$/;
const MARK_HEADER = /\b(rapportcijfer|cijfer)\b/;

function assignKinds(columns: RawColumn[], previews: Array<Omit<SurveyColumnPreview, 'proposedKind'>>, institutions: Institution[]): SurveyColumnKind[] {
  const kinds = columns.map((column, index) => proposeKind(column, previews[index]!, institutions));
  // At most one column of each single kind: the first keeps it, the others become closed questions.
  for (const single of SINGLE_COLUMN_KINDS) {
    let seen = false;
    kinds.forEach((kind, index) => {
      if (kind !== single) return;
      if (seen) kinds[index] = previews[index]!.distinct <= CLOSED_QUESTION_MAX_DISTINCT ? 'question' : 'ignore';
      seen = true;
    });
  }
  return kinds;
}

function proposeKind(column: RawColumn, preview: Omit<SurveyColumnPreview, 'proposedKind'>, institutions: Institution[]): SurveyColumnKind {
  const header = foldAnswer(column.header);
  const values = column.dict;
  if (values.length === 0) return 'ignore';
  const share = (test: (value: string) => boolean) => values.filter(test).length / values.length;
  if (IGNORE_HEADER.test(header) || TOOL_HEADER.test(header)) return 'ignore';

  const knownInstitutions = new Set(institutions.map((institution) => foldAnswer(institution.name)));
  if (ROLE_HEADER.test(header) && share((value) => canonicalRole(value) !== null) >= 0.5) return 'role';
  if (values.length <= 6 && values.every((value) => ROLE_VALUE.test(foldAnswer(value)))) return 'role';
  if (INSTITUTION_HEADER.test(header) && values.length <= 200) return 'institution';
  if (knownInstitutions.size > 0 && values.length <= 200 && share((value) => knownInstitutions.has(foldAnswer(value))) >= 0.5) return 'institution';
  if (MEASURE_HEADER.test(header) || (values.length <= 5 && share((value) => canonicalMeasure(value) !== null) === 1 && values.some((value) => canonicalMeasure(value) !== 'Weet ik niet'))) {
    if (share((value) => canonicalMeasure(value) !== null) >= 0.75) return 'measure';
  }
  if (WORKERS_HEADER.test(header) && WORKER_WORDS.test(header) && share((value) => canonicalWorkers(value) !== null) >= 0.9) return 'workers';
  if (WITHOUT_WORKER_HEADER.test(header) && share((value) => canonicalYesNo(value) !== null) >= 0.9) return 'withoutWorker';
  if (MARK_HEADER.test(header) && values.every((value) => parseMark(value) !== null)) return 'mark';
  if (values.every((value) => parseSurveyNumber(value) !== null)) {
    return preview.distinct <= CLOSED_QUESTION_MAX_DISTINCT ? 'question' : 'number';
  }
  const longest = Math.max(...values.map((value) => value.length));
  if (preview.distinct <= CLOSED_QUESTION_MAX_DISTINCT && longest <= 200) return 'question';
  return 'ignore';
}

/** Each institution name in the file: the study's institution it names, or a new one with that name. */
export function proposeInstitutions(column: RawColumn, institutions: Institution[]): SurveyMapping['institutions'] {
  const { counts } = valueCounts(column);
  const byName = [...counts].sort((a, b) => a.value.localeCompare(b.value, 'nl'));
  return byName.map(({ value }) => {
    const match = matchInstitution(value, institutions);
    return match ? { value, institutionId: match.id, createName: null } : { value, institutionId: null, createName: value };
  });
}

/** Same name ignoring case, accents and punctuation; else one name inside the other ("GI Noord" in "GI Noord B.V."). */
export function matchInstitution(value: string, institutions: Institution[]): Institution | null {
  const folded = foldAnswer(value);
  const exact = institutions.find((institution) => foldAnswer(institution.name) === folded);
  if (exact) return exact;
  const contained = institutions.filter((institution) => {
    const name = foldAnswer(institution.name);
    return name.length >= 3 && folded.length >= 3 && (` ${folded} `.includes(` ${name} `) || ` ${name} `.includes(` ${folded} `));
  });
  return contained.length === 1 ? contained[0]! : null;
}
