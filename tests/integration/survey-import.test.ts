/**
 * A survey export with known answers (tests/fixtures/make-survey.ts: 40
 * respondents in blocks), imported as csv (`,`, `;` + BOM) and xlsx through
 * the real handlers, and every table checked against numbers worked out by
 * hand from the blocks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { surveyFigures, surveyRespondentCounts } from '../../backend/survey/report-figures';
import type { Study } from '../../backend/study/study';
import type { CallName, CallOutput } from '../../shared/api/contract';
import type { SurveyAnalysis, SurveyMapping, SurveyTable } from '../../shared/api/types';
import { H, HEADERS, fileRows, knownRespondents, writeCsv, writeKnownSurvey } from '../fixtures/make-survey';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-survey-');

function sessionFor(study: Study): Session {
  const session = new Session({ kind: 'cli', demoStudyPath: () => '' });
  session.setStudy(study);
  return session;
}

async function call<N extends CallName>(session: Session, name: N, input: unknown): Promise<CallOutput<N>> {
  const result = await dispatch(session, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as CallOutput<N>;
}

async function analyse(session: Session, path: string): Promise<SurveyAnalysis> {
  return call(session, 'survey.analyse', { stagedId: session.registerLocalFile(path) });
}

async function importFile(session: Session, path: string, name?: string, mapping?: SurveyMapping) {
  const analysis = await analyse(session, path);
  return call(session, 'survey.import', { stagedId: analysis.stagedId, mapping: mapping ?? analysis.mapping, name });
}

const table = (session: Session, input: Record<string, unknown>) => call(session, 'survey.table', input);
const pct = (n: number, of: number) => (n / of) * 100;

function answers(t: SurveyTable) {
  if (t.kind !== 'distribution') throw new Error(t.kind);
  return t.answers;
}

let files: Awaited<ReturnType<typeof writeKnownSurvey>>;
beforeAll(async () => {
  files = await writeKnownSurvey(dir);
});

describe('analysing a survey export', () => {
  it.each(['csvComma', 'csvSemicolonBom', 'xlsx'] as const)('recognises the columns of the %s export', async (kind) => {
    const study = newTestStudy(dir);
    const session = sessionFor(study);
    const analysis = await analyse(session, files[kind]);
    expect(analysis.respondents).toBe(40);
    expect(Object.fromEntries(analysis.mapping.columns.map((column) => [column.header, column.kind]))).toEqual({
      [H.id]: 'ignore',
      [H.role]: 'role',
      [H.institution]: 'institution',
      [H.measure]: 'measure',
      [H.workers]: 'workers',
      [H.without]: 'withoutWorker',
      [H.mark]: 'mark',
      [H.explained]: 'question',
      [H.opinion]: 'question',
      [H.remark]: 'ignore',
    });
    const [noord, zuid] = study.institutions();
    expect(analysis.mapping.institutions).toEqual([
      { value: 'GI Noord', institutionId: noord!.id, createName: null },
      { value: 'gi zuid', institutionId: zuid!.id, createName: null },
      { value: 'Jeugdbescherming West', institutionId: null, createName: 'Jeugdbescherming West' },
    ]);
    const explained = analysis.columns.find((column) => column.header === H.explained)!;
    expect(explained.blanks).toBe(2);
    expect(explained.values.map((value) => value.value)).toEqual(['Ja', 'ja', 'Een beetje', 'Nee', 'Weet ik niet']);
    if (kind === 'xlsx') expect(analysis.notes.join(' ')).toContain('Alleen het eerste werkblad ("Resultaten")');
    // Nothing is stored by analysing.
    expect((await call(session, 'survey.list', {})).surveys).toEqual([]);
  });
});

describe('tables of the known survey', () => {
  const tablesPerFormat: Record<string, SurveyTable[]> = {};
  let session: Session;

  it.each(['csvComma', 'csvSemicolonBom', 'xlsx'] as const)('gives exactly the hand-computed tables from the %s export', async (kind) => {
    const study = newTestStudy(dir);
    session = sessionFor(study);
    const result = await importFile(session, files[kind]);
    expect(result).toMatchObject({ respondents: 40, replaced: false, createdInstitutions: ['Jeugdbescherming West'] });

    const explained = await table(session, { question: H.explained });
    expect(explained).toMatchObject({ kind: 'distribution', question: H.explained, n: 38, missing: 2, suppressed: false });
    expect(answers(explained)).toEqual([
      { answer: 'Ja', n: 18, pct: pct(18, 38) },
      { answer: 'Een beetje', n: 9, pct: pct(9, 38) },
      { answer: 'Nee', n: 7, pct: pct(7, 38) },
      { answer: 'Weet ik niet', n: 4, pct: pct(4, 38) },
    ]);

    expect(answers(await table(session, { question: H.opinion }))).toEqual([
      { answer: 'Ja, altijd', n: 8, pct: 20 },
      { answer: 'Ja, vaak', n: 12, pct: 30 },
      { answer: 'Ja, soms', n: 10, pct: 25 },
      { answer: 'Nee', n: 10, pct: 25 },
    ]);
    expect(answers(await table(session, { question: H.measure }))).toEqual([
      { answer: 'JR', n: 4, pct: 10 },
      { answer: 'OTS', n: 24, pct: 60 },
      { answer: 'Voogdij', n: 10, pct: 25 },
      { answer: 'Weet ik niet', n: 2, pct: 5 },
    ]);
    expect(answers(await table(session, { question: H.workers })).map((a) => [a.answer, a.n])).toEqual([
      ['1', 12],
      ['2', 12],
      ['3', 10],
      ['4', 3],
      ['Meer dan 5', 3],
    ]);
    expect(answers(await table(session, { question: H.role })).map((a) => [a.answer, a.n])).toEqual([
      ['Jeugdige', 25],
      ['Ouder', 15],
    ]);

    // Split by "had a period without a worker": Ja = respondents 1-10, Nee = 11-40.
    const byWithout = await table(session, { question: H.explained, by: H.without });
    if (byWithout.kind !== 'split') throw new Error(byWithout.kind);
    expect(byWithout.groups).toEqual([
      {
        group: 'Ja',
        n: 10,
        missing: 0,
        suppressed: false,
        answers: [
          { answer: 'Ja', n: 10, pct: 100 },
          { answer: 'Een beetje', n: 0, pct: 0 },
          { answer: 'Nee', n: 0, pct: 0 },
          { answer: 'Weet ik niet', n: 0, pct: 0 },
        ],
      },
      {
        group: 'Nee',
        n: 28,
        missing: 2,
        suppressed: false,
        answers: [
          { answer: 'Ja', n: 8, pct: pct(8, 28) },
          { answer: 'Een beetje', n: 9, pct: pct(9, 28) },
          { answer: 'Nee', n: 7, pct: pct(7, 28) },
          { answer: 'Weet ik niet', n: 4, pct: pct(4, 28) },
        ],
      },
    ]);

    // Split by institution: GI Noord 1-20 (20 answered), GI Zuid 21-29 (9: suppressed), West 30-40 (11, of whom 9 answered: suppressed).
    const byInstitution = await table(session, { question: H.explained, by: H.institution });
    if (byInstitution.kind !== 'split') throw new Error(byInstitution.kind);
    expect(byInstitution.groups.map((group) => [group.group, group.n, group.missing, group.suppressed])).toEqual([
      ['GI Noord', 20, 0, false],
      ['GI Zuid', 9, 0, true],
      ['Jeugdbescherming West', 9, 2, true],
    ]);
    expect(byInstitution.groups[0]!.answers.map((a) => [a.answer, a.n, a.pct])).toEqual([
      ['Ja', 18, 90],
      ['Een beetje', 2, 10],
      ['Nee', 0, 0],
      ['Weet ik niet', 0, 0],
    ]);
    expect(byInstitution.groups[1]!.answers.every((a) => a.n === null && a.pct === null)).toBe(true);

    // Mean mark by number of workers: "1" all 8; "2" six 7s and six 6s; "3" has one blank mark (9 answered: suppressed).
    const meanByWorkers = await table(session, { mean: H.mark, by: H.workers });
    expect(meanByWorkers).toMatchObject({ kind: 'mean', mean: H.mark, by: H.workers });
    if (meanByWorkers.kind !== 'mean') throw new Error(meanByWorkers.kind);
    expect(meanByWorkers.groups).toEqual([
      { group: '1', n: 12, mean: 8, suppressed: false },
      { group: '2', n: 12, mean: 6.5, suppressed: false },
      { group: '3', n: 9, mean: null, suppressed: true },
      { group: '4', n: 3, mean: null, suppressed: true },
      { group: 'Meer dan 5', n: 3, mean: null, suppressed: true },
    ]);
    const meanAll = await table(session, { mean: H.mark });
    expect(meanAll.kind === 'mean' && meanAll.groups).toEqual([{ group: 'Alle respondenten', n: 39, mean: 233 / 39, suppressed: false }]);
    const meanByRole = await table(session, { mean: H.mark, by: H.role });
    expect(meanByRole.kind === 'mean' && meanByRole.groups).toEqual([
      { group: 'Jeugdige', n: 25, mean: 179 / 25, suppressed: false },
      { group: 'Ouder', n: 14, mean: 54 / 14, suppressed: false },
    ]);

    // One institution's respondents only.
    const noordId = study.institutions().find((institution) => institution.name === 'GI Noord')!.id;
    const noord = await table(session, { question: H.opinion, institutionId: noordId });
    expect(noord).toMatchObject({ n: 20, suppressed: false });
    expect(answers(noord).map((a) => a.n)).toEqual([8, 12, 0, 0]);

    tablesPerFormat[kind] = [explained, byWithout, byInstitution, meanByWorkers, meanAll];
  });

  it('reads the same numbers from every format', () => {
    const strip = (tables: SurveyTable[]) => tables.map(({ surveyId: _id, surveyName: _name, ...rest }) => rest);
    expect(strip(tablesPerFormat.csvSemicolonBom!)).toEqual(strip(tablesPerFormat.csvComma!));
    expect(strip(tablesPerFormat.xlsx!)).toEqual(strip(tablesPerFormat.csvComma!));
  });
});

describe('the privacy threshold', () => {
  it('is a study setting: at 9 the group of 9 shows, at 10 it is "n < 10" again', async () => {
    const study = newTestStudy(dir);
    const session = sessionFor(study);
    await importFile(session, files.csvComma);
    expect((await call(session, 'survey.list', {})).minGroup).toBe(10);
    expect(await call(session, 'survey.setMinGroup', { minGroup: 9 })).toBe(9);
    const means = await table(session, { mean: H.mark, by: H.workers });
    expect(means.kind === 'mean' && means.groups[2]).toEqual({ group: '3', n: 9, mean: 41 / 9, suppressed: false });
    await call(session, 'survey.setMinGroup', { minGroup: 10 });
    const again = await table(session, { mean: H.mark, by: H.workers });
    expect(again.kind === 'mean' && again.groups[2]).toEqual({ group: '3', n: 9, mean: null, suppressed: true });
    const refused = await dispatch(session, 'survey.setMinGroup', { minGroup: 0 });
    expect(refused.ok).toBe(false);
  });
});

describe('re-importing', () => {
  it('replaces the survey instead of doubling it, and undo brings the earlier version back', async () => {
    const study = newTestStudy(dir);
    const session = sessionFor(study);
    const first = await importFile(session, files.csvComma);
    // The same export as .xlsx has the same name: it replaces the csv import.
    const second = await importFile(session, files.xlsx);
    expect(second).toMatchObject({ surveyId: first.surveyId, replaced: true, createdInstitutions: [] });
    // A corrected export under the same name (a copy "(1)") with one more respondent.
    const rows = knownRespondents();
    rows.push({ ...rows[0]!, [H.id]: 2000, [H.explained]: 'Nee' });
    const corrected = writeCsv(dir, 'Vragenlijst ronde 2026 (1).csv', HEADERS, fileRows(rows));
    const third = await importFile(session, corrected);
    expect(third).toMatchObject({ surveyId: first.surveyId, replaced: true, respondents: 41 });
    const list = await call(session, 'survey.list', {});
    expect(list.surveys).toHaveLength(1);
    expect(list.surveys[0]).toMatchObject({ respondents: 41, jeugdigen: 26, ouders: 15 });
    expect(answers(await table(session, { question: H.explained })).map((a) => a.n)).toEqual([18, 9, 8, 4]);

    await call(session, 'undo', {});
    expect(answers(await table(session, { question: H.explained })).map((a) => a.n)).toEqual([18, 9, 7, 4]);
    expect((await call(session, 'survey.list', {})).surveys[0]!.respondents).toBe(40);
    await call(session, 'redo', {});
    // Importing the very same file again changes nothing in numbers and adds no survey.
    await importFile(session, corrected);
    expect((await call(session, 'survey.list', {})).surveys).toHaveLength(1);
    expect(answers(await table(session, { question: H.explained })).map((a) => a.n)).toEqual([18, 9, 8, 4]);
    // A survey of another name is a second survey.
    await importFile(session, files.csvSemicolonBom);
    expect((await call(session, 'survey.list', {})).surveys).toHaveLength(2);
  });
});

describe('figures for the reports', () => {
  it('gives each question per institution and overall with institutions side by side, norms as placed', async () => {
    const study = newTestStudy(dir);
    const session = sessionFor(study);
    const { surveyId } = await importFile(session, files.xlsx);
    const participatie = (await call(session, 'framework.list', {})).find((code) => code.key === 'participatie')!;
    const summary = await call(session, 'survey.setQuestionNorm', { surveyId, question: H.opinion, codeId: participatie.id });
    expect(summary.columns.find((column) => column.header === H.opinion)).toMatchObject({ normKey: 'participatie', normCodeId: participatie.id });

    const overall = surveyFigures(study, { overall: true });
    expect(overall.map((figure) => figure.question)).toEqual([H.measure, H.workers, H.without, H.mark, H.explained, H.opinion]);
    const opinion = overall.find((figure) => figure.question === H.opinion)!;
    expect(opinion).toMatchObject({ normKey: 'participatie', n: 40, suppressed: false, minGroup: 10, kind: 'question', mean: null });
    expect(opinion.rows).toEqual([
      { answer: 'Ja, altijd', n: 8, pct: 20 },
      { answer: 'Ja, vaak', n: 12, pct: 30 },
      { answer: 'Ja, soms', n: 10, pct: 25 },
      { answer: 'Nee', n: 10, pct: 25 },
    ]);
    expect(opinion.byInstitution!.map((block) => [block.institution, block.n, block.suppressed])).toEqual([
      ['GI Noord', 20, false],
      ['GI Zuid', 9, true],
      ['Jeugdbescherming West', 11, false],
    ]);
    expect(opinion.byInstitution![2]!.rows.map((row) => row.n)).toEqual([0, 0, 1, 10]);
    const mark = overall.find((figure) => figure.question === H.mark)!;
    expect(mark).toMatchObject({ kind: 'mark', n: 39, mean: 233 / 39, normKey: null });

    const west = study.institutions().find((institution) => institution.name === 'Jeugdbescherming West')!;
    const westFigures = surveyFigures(study, { institutionId: west.id });
    expect(westFigures.every((figure) => figure.byInstitution === null)).toBe(true);
    expect(westFigures.find((figure) => figure.question === H.explained)).toMatchObject({ n: 9, missing: 2, suppressed: true, mean: null });
    expect(westFigures.find((figure) => figure.question === H.mark)).toMatchObject({ n: 10, suppressed: false, mean: (4 * 4 + 6 * 3) / 10 });

    expect(surveyRespondentCounts(study, null)).toEqual({ jeugdigen: 25, ouders: 15, totaal: 40 });
    expect(surveyRespondentCounts(study, study.institutions().find((i) => i.name === 'GI Zuid')!.id)).toEqual({ jeugdigen: 5, ouders: 4, totaal: 9 });
    expect(surveyRespondentCounts(study, west.id)).toEqual({ jeugdigen: 0, ouders: 11, totaal: 11 });
  });

  it('counts a per-institution export of parents through the survey-wide defaults', async () => {
    const study = newTestStudy(dir);
    const session = sessionFor(study);
    const zuid = study.institutions().find((institution) => institution.name === 'GI Zuid')!;
    const rows = knownRespondents().slice(0, 12);
    const path = writeCsv(dir, 'Ouders GI Zuid.csv', [H.explained, H.opinion], rows, { separator: ';' });
    const analysis = await analyse(session, path);
    await call(session, 'survey.import', {
      stagedId: analysis.stagedId,
      mapping: { ...analysis.mapping, defaultRole: 'ouder', defaultInstitutionId: zuid.id },
    });
    expect(surveyRespondentCounts(study, zuid.id)).toEqual({ jeugdigen: 0, ouders: 12, totaal: 12 });
    expect(surveyFigures(study, { institutionId: zuid.id }).find((figure) => figure.question === H.explained)).toMatchObject({ n: 12, suppressed: false });
  });
});

describe('export to Excel', () => {
  it('writes the shown table as a workbook with numbers, percentages and "n < 10"', async () => {
    const study = newTestStudy(dir);
    const session = sessionFor(study);
    await importFile(session, files.csvComma);
    const exported = await call(session, 'survey.exportTable', { question: H.explained, by: H.institution });
    expect(exported.fileName).toMatch(/^Vragenlijst - .*\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(exported.base64!, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows = sheet.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
    expect(rows[0]).toEqual([H.explained]);
    const noord = rows.find((row) => row[0] === 'GI Noord')!;
    expect(noord.slice(0, 4)).toEqual(['GI Noord', 20, 18, 0.9]);
    expect(rows.find((row) => row[0] === 'GI Zuid')!.slice(0, 2)).toEqual(['GI Zuid', 'n < 10']);
  });
});

afterAll(() => undefined);
