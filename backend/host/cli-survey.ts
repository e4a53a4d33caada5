/**
 * `veldwerk survey …`: import a questionnaire export and print its tables.
 * Runs the same handlers as the app, through `dispatch`.
 *
 *   survey import <bestand> <export.xlsx|csv> [--mapping <map.json>] [--name <naam>] [--kopregels <n>]
 *   survey analyse <bestand> <export.xlsx|csv> [--kopregels <n>]   prints the proposed mapping as JSON (edit it, pass it to --mapping)
 *   survey list <bestand> [--json]
 *   survey table <bestand> --question <kop> [--by <kop>] [--mean <kop>] [--institution <naam>] [--survey <naam>] [--json]
 *   survey norm <bestand> --question <kop> --norm <sleutel|-> [--survey <naam>]
 *   survey min-group <bestand> <n>
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dispatch } from '../api/handlers';
import type { Session } from '../api/session';
import { UserError } from '../errors';
import type { CallName, CallOutput } from '../../shared/api/contract';
import type { SurveyAnalysis, SurveyList, SurveyMapping, SurveyTable } from '../../shared/api/types';
import {
  formatMeanNl,
  formatNumberNl,
  formatPercentNl,
  foldAnswer,
  SURVEY_COLUMN_KIND_LABELS,
  suppressedLabel,
  type AnswerCount,
} from '../../shared/survey';

export interface SurveyCliKit {
  openSession(file: string): Session;
  usageError(message: string): Error;
}

export const SURVEY_USAGE = `  veldwerk survey import <bestand> <export.xlsx|csv> [--mapping <map.json>] [--name <naam>] [--kopregels <n>]
  veldwerk survey analyse <bestand> <export.xlsx|csv> [--kopregels <n>]
  veldwerk survey list <bestand> [--json]
  veldwerk survey table <bestand> --question <kop> [--by <kop>] [--mean <kop>] [--institution <naam>] [--survey <naam>] [--json]
  veldwerk survey norm <bestand> --question <kop> --norm <sleutel|-> [--survey <naam>]
  veldwerk survey min-group <bestand> <n>`;

export async function surveyCommand(args: string[], kit: SurveyCliKit): Promise<void> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'import':
      return importCommand(rest, kit);
    case 'analyse':
    case 'analyze':
      return analyseCommand(rest, kit);
    case 'list':
      return listCommand(rest, kit);
    case 'table':
      return tableCommand(rest, kit);
    case 'norm':
      return normCommand(rest, kit);
    case 'min-group':
      return minGroupCommand(rest, kit);
    default:
      throw kit.usageError(sub ? `Onbekende survey-opdracht "${sub}".` : 'Geef een survey-opdracht.');
  }
}

type StringOptions = Record<string, { type: 'string' | 'boolean' }>;

function parse(args: string[], options: StringOptions, count: { min: number; max: number }, kit: SurveyCliKit) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw kit.usageError((error as Error).message);
  }
  if (parsed.positionals.length < count.min || parsed.positionals.length > count.max) throw kit.usageError('Onjuist aantal argumenten.');
  return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}

async function call<N extends CallName>(session: Session, name: N, input: unknown): Promise<CallOutput<N>> {
  const result = await dispatch(session, name, input);
  if (!result.ok) throw new UserError(result.error.message);
  return result.value as CallOutput<N>;
}

async function withSession<T>(file: string, kit: SurveyCliKit, run: (session: Session) => Promise<T>): Promise<T> {
  const session = kit.openSession(file);
  try {
    return await run(session);
  } finally {
    session.close();
  }
}

async function analyseFile(session: Session, path: string, headerRowsOption?: string | boolean): Promise<SurveyAnalysis> {
  if (!existsSync(path)) throw new UserError(`Het bestand "${path}" bestaat niet.`);
  const headerRows = headerRowsFrom(headerRowsOption);
  const stagedId = session.registerLocalFile(resolve(path));
  return call(session, 'survey.analyse', { stagedId, ...(headerRows ? { headerRows } : {}) });
}

/** --kopregels: how many rows above the respondents are header rows (1-5); detected from the file when absent. */
function headerRowsFrom(option: string | boolean | undefined): number | undefined {
  if (typeof option !== 'string') return undefined;
  const count = Number(option);
  if (!Number.isInteger(count) || count < 1 || count > 5) throw new UserError(`--kopregels moet een getal van 1 tot en met 5 zijn, niet "${option}".`);
  return count;
}

async function importCommand(args: string[], kit: SurveyCliKit): Promise<void> {
  const { values, positionals } = parse(args, { mapping: { type: 'string' }, name: { type: 'string' }, kopregels: { type: 'string' } }, { min: 2, max: 2 }, kit);
  const [file, exportPath] = positionals as [string, string];
  await withSession(file, kit, async (session) => {
    const analysis = await analyseFile(session, exportPath, values.kopregels);
    for (const note of analysis.notes) console.log(`Let op: ${note}`);
    let mapping: SurveyMapping;
    if (typeof values.mapping === 'string') {
      mapping = readMappingFile(values.mapping, analysis);
    } else {
      mapping = analysis.mapping;
      console.log('Voorgestelde koppeling (pas die aan met --mapping <map.json>; "veldwerk survey analyse" geeft haar als JSON):');
      console.log(describeMapping(analysis));
    }
    const result = await call(session, 'survey.import', {
      stagedId: analysis.stagedId,
      mapping,
      name: typeof values.name === 'string' ? values.name : analysis.suggestedName,
    });
    for (const name of result.createdInstitutions) console.log(`Nieuwe instelling toegevoegd: ${name}`);
    console.log(
      `Vragenlijst "${result.name}" ${result.replaced ? 'vervangen' : 'geïmporteerd'}: ${formatNumberNl(result.respondents)} respondenten.`,
    );
  });
}

function readMappingFile(path: string, analysis: SurveyAnalysis): SurveyMapping {
  if (!existsSync(path)) throw new UserError(`Het koppelingsbestand "${path}" bestaat niet.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new UserError(`Het koppelingsbestand "${path}" is geen geldige JSON.`);
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { columns?: unknown }).columns)) {
    throw new UserError(`Het koppelingsbestand "${path}" heeft geen lijst "columns" (zie "veldwerk survey analyse").`);
  }
  const mapping = parsed as SurveyMapping;
  // Without an "institutions" list, the proposal for the same institution column is taken over.
  if (!Array.isArray((parsed as { institutions?: unknown }).institutions)) {
    const chosen = mapping.columns.find((column) => column.kind === 'institution')?.header;
    const proposed = analysis.mapping.columns.find((column) => column.kind === 'institution')?.header;
    return { ...mapping, institutions: chosen && chosen === proposed ? analysis.mapping.institutions : [] };
  }
  return mapping;
}

function describeMapping(analysis: SurveyAnalysis): string {
  const lines = analysis.mapping.columns.map((column) => {
    const preview = analysis.columns.find((candidate) => candidate.header === column.header);
    const sample = preview ? preview.values.slice(0, 5).map((value) => value.value).join(' / ') : '';
    return `  ${SURVEY_COLUMN_KIND_LABELS[column.kind].padEnd(38)} ${column.header}${sample ? `  [${sample}${(preview?.distinct ?? 0) > 5 ? ' …' : ''}]` : ''}`;
  });
  for (const institution of analysis.mapping.institutions) {
    lines.push(`  instelling "${institution.value}" → ${institution.institutionId ? 'bestaande instelling' : institution.createName ? `nieuwe instelling "${institution.createName}"` : 'genegeerd'}`);
  }
  return lines.join('\n');
}

async function analyseCommand(args: string[], kit: SurveyCliKit): Promise<void> {
  const { values, positionals } = parse(args, { kopregels: { type: 'string' } }, { min: 2, max: 2 }, kit);
  const [file, exportPath] = positionals as [string, string];
  await withSession(file, kit, async (session) => {
    const analysis = await analyseFile(session, exportPath, values.kopregels);
    for (const note of analysis.notes) console.error(`Let op: ${note}`);
    console.log(JSON.stringify(analysis.mapping, null, 2));
  });
}

async function listCommand(args: string[], kit: SurveyCliKit): Promise<void> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } }, { min: 1, max: 1 }, kit);
  await withSession(positionals[0]!, kit, async (session) => {
    const list = await call(session, 'survey.list', {});
    console.log(values.json ? JSON.stringify(list, null, 2) : describeList(list));
  });
}

function describeList(list: SurveyList): string {
  if (list.surveys.length === 0) return 'Er is nog geen vragenlijst geïmporteerd.';
  const lines = [`Kleinste groep die getoond wordt: ${list.minGroup}`];
  for (const survey of list.surveys) {
    lines.push(
      `${survey.name} (${survey.fileName}): ${formatNumberNl(survey.respondents)} respondenten, ${formatNumberNl(survey.jeugdigen)} jeugdigen, ${formatNumberNl(survey.ouders)} ouders`,
    );
    for (const column of survey.columns) {
      lines.push(`  ${SURVEY_COLUMN_KIND_LABELS[column.kind].padEnd(38)} ${column.header}${column.normKey ? `  → norm ${column.normKey}` : ''}`);
    }
  }
  return lines.join('\n');
}

async function surveyIdFor(session: Session, name: string | undefined): Promise<string | undefined> {
  if (!name) return undefined;
  const list = await call(session, 'survey.list', {});
  const survey = list.surveys.find((candidate) => foldAnswer(candidate.name) === foldAnswer(name));
  if (!survey) throw new UserError(`Er is geen vragenlijst "${name}". Vragenlijsten: ${list.surveys.map((s) => s.name).join(', ') || '(geen)'}.`);
  return survey.id;
}

async function tableCommand(args: string[], kit: SurveyCliKit): Promise<void> {
  const { values, positionals } = parse(
    args,
    {
      question: { type: 'string' },
      by: { type: 'string' },
      mean: { type: 'string' },
      institution: { type: 'string' },
      survey: { type: 'string' },
      json: { type: 'boolean' },
    },
    { min: 1, max: 1 },
    kit,
  );
  if (typeof values.question !== 'string' && typeof values.mean !== 'string') throw kit.usageError('--question (of --mean) is verplicht.');
  await withSession(positionals[0]!, kit, async (session) => {
    let institutionId: string | undefined;
    if (typeof values.institution === 'string') {
      const wanted = foldAnswer(values.institution);
      const institution = session.state().institutions.find((candidate) => foldAnswer(candidate.name) === wanted);
      if (!institution) throw new UserError(`Er is geen instelling "${values.institution}" in dit onderzoek.`);
      institutionId = institution.id;
    }
    const table = await call(session, 'survey.table', {
      surveyId: await surveyIdFor(session, values.survey as string | undefined),
      question: values.question,
      by: values.by,
      mean: values.mean,
      institutionId,
    });
    console.log(values.json ? JSON.stringify(tableJson(table), null, 2) : describeTable(table));
  });
}

/**
 * The issue's JSON shapes, unrounded: `{question, n, answers}`, `{groups: [{group, n, answers}]}`,
 * `{groups: [{group, n, mean}]}`; a group under the threshold adds `"suppressed": true` and has null counts, pct and mean.
 */
export function tableJson(table: SurveyTable): unknown {
  const answers = (list: AnswerCount[]) => list.map(({ answer, n, pct }) => ({ answer, n, pct }));
  const flag = (suppressed: boolean) => (suppressed ? { suppressed: true } : {});
  if (table.kind === 'distribution') return { question: table.question, n: table.n, answers: answers(table.answers), ...flag(table.suppressed) };
  if (table.kind === 'split') {
    return { groups: table.groups.map((group) => ({ group: group.group, n: group.n, answers: answers(group.answers), ...flag(group.suppressed) })) };
  }
  return { groups: table.groups.map((group) => ({ group: group.group, n: group.n, mean: group.mean, ...flag(group.suppressed) })) };
}

/** A readable table in Dutch notation (59,3%; 2,9). */
export function describeTable(table: SurveyTable): string {
  const small = suppressedLabel(table.minGroup);
  const lines: string[] = [];
  const answerLines = (list: AnswerCount[], indent: string) => {
    const width = Math.max(12, ...list.map((answer) => answer.answer.length));
    for (const answer of list) {
      lines.push(`${indent}${answer.answer.padEnd(width)}  ${formatNumberNl(answer.n ?? 0).padStart(6)}  ${(answer.pct === null ? '' : formatPercentNl(answer.pct)).padStart(7)}`);
    }
  };
  if (table.kind === 'distribution') {
    lines.push(table.question);
    if (table.suppressed) lines.push(`  ${small}`);
    else {
      answerLines(table.answers, '  ');
      lines.push(`  n = ${formatNumberNl(table.n)}`);
    }
    if (table.missing > 0) lines.push(`  Geen antwoord: ${formatNumberNl(table.missing)}`);
  } else if (table.kind === 'split') {
    lines.push(`${table.question}, naar ${table.by}`);
    for (const group of table.groups) {
      if (group.suppressed) {
        lines.push(`  ${group.group}: ${small}`);
        continue;
      }
      lines.push(`  ${group.group} (n = ${formatNumberNl(group.n)})`);
      answerLines(group.answers, '    ');
    }
  } else {
    lines.push(`Gemiddelde ${table.mean}${table.by ? `, naar ${table.by}` : ''}`);
    const width = Math.max(20, ...table.groups.map((group) => group.group.length));
    lines.push(`  ${'Groep'.padEnd(width)}  ${'n'.padStart(6)}  Gemiddelde`);
    for (const group of table.groups) {
      lines.push(
        group.suppressed
          ? `  ${group.group.padEnd(width)}  ${small.padStart(6)}`
          : `  ${group.group.padEnd(width)}  ${formatNumberNl(group.n).padStart(6)}  ${group.mean === null ? '' : formatMeanNl(group.mean)}`,
      );
    }
  }
  return lines.join('\n');
}

async function normCommand(args: string[], kit: SurveyCliKit): Promise<void> {
  const { values, positionals } = parse(
    args,
    { question: { type: 'string' }, norm: { type: 'string' }, survey: { type: 'string' } },
    { min: 1, max: 1 },
    kit,
  );
  if (typeof values.question !== 'string' || typeof values.norm !== 'string') throw kit.usageError('--question en --norm zijn verplicht.');
  await withSession(positionals[0]!, kit, async (session) => {
    let codeId: string | null = null;
    if (values.norm !== '-') {
      const codes = await call(session, 'framework.list', {});
      const code = codes.find((candidate) => candidate.key === values.norm);
      if (!code) throw new UserError(`Er is geen norm met sleutel "${values.norm}". Sleutels: ${codes.filter((c) => c.kind === 'norm').map((c) => c.key).join(', ')}.`);
      codeId = code.id;
    }
    const list = await call(session, 'survey.list', {});
    const wanted = await surveyIdFor(session, values.survey as string | undefined);
    const candidates = list.surveys.filter(
      (survey) => (wanted ? survey.id === wanted : true) && survey.columns.some((column) => foldAnswer(column.header) === foldAnswer(values.question as string)),
    );
    if (candidates.length !== 1) {
      throw new UserError(candidates.length === 0 ? `Geen vragenlijst heeft de vraag "${values.question}".` : 'Meer vragenlijsten hebben deze vraag; kies er een met --survey.');
    }
    const summary = await call(session, 'survey.setQuestionNorm', { surveyId: candidates[0]!.id, question: values.question, codeId });
    const column = summary.columns.find((candidate) => foldAnswer(candidate.header) === foldAnswer(values.question as string));
    console.log(column?.normKey ? `"${column.header}" staat nu onder norm ${column.normKey}.` : `"${values.question}" staat nu alleen in het hoofdstuk vragenlijst.`);
  });
}

async function minGroupCommand(args: string[], kit: SurveyCliKit): Promise<void> {
  const { positionals } = parse(args, {}, { min: 2, max: 2 }, kit);
  const minGroup = Number(positionals[1]);
  await withSession(positionals[0]!, kit, async (session) => {
    const value = await call(session, 'survey.setMinGroup', { minGroup });
    console.log(`Groepen met minder dan ${value} respondenten worden niet getoond (n < ${value}).`);
  });
}
