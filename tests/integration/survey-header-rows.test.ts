/**
 * Survey tools' layouts with more than one header row (Qualtrics, SurveyMonkey,
 * codes above texts, a title line): the header rows are recognised, named in
 * the analysis, never counted as respondents, and another number of header
 * rows chosen in the dialog is applied to the rows already read.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import type { Study } from '../../backend/study/study';
import type { SurveyAnalysis } from '../../shared/api/types';
import { csvLine, qualtricsCsv, ROLES } from '../fixtures/make-survey-layouts';
import { veldwerk } from '../helpers/cli';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-survey-heads-');
let study: Study;
let session: Session;

beforeAll(() => {
  study = newTestStudy(dir);
  session = new Session({ kind: 'cli', demoStudyPath: () => '' });
  session.setStudy(study);
});

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function analyse(input: { path?: string; stagedId?: string; headerRows?: number }): Promise<SurveyAnalysis> {
  const stagedId = input.stagedId ?? session.registerLocalFile(input.path!);
  const result = await dispatch(session, 'survey.analyse', { stagedId, ...(input.headerRows ? { headerRows: input.headerRows } : {}) });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as SurveyAnalysis;
}

const headers = (analysis: SurveyAnalysis) => analysis.columns.map((column) => column.header);
describe('survey tools with more than one header row', () => {
  it('recognises a Qualtrics export: three header rows, question texts as names, no header row as respondent', async () => {
    const analysis = await analyse({ path: write('qualtrics.csv', qualtricsCsv()) });
    expect(analysis.respondents).toBe(5);
    expect(analysis.header).toMatchObject({ headerRows: 3, detectedHeaderRows: 3, recognised: 'Qualtrics' });
    expect(headers(analysis)).toEqual(['Start Date', 'End Date', 'Response Type', 'Response ID', 'Ik ben een', 'Wordt er naar je mening gevraagd?', 'Welk rapportcijfer geef je je jeugdzorgwerker?']);
    expect(analysis.notes.join(' ')).toContain('Herkend als Qualtrics-export');
    const role = analysis.columns.find((column) => column.header === 'Ik ben een')!;
    expect(role.values.map((value) => value.value).sort()).toEqual(['Jongere', 'Ouder']);
    const kinds = Object.fromEntries(analysis.mapping.columns.map((column) => [column.header, column.kind]));
    expect(kinds).toMatchObject({ 'Start Date': 'ignore', 'End Date': 'ignore', 'Response Type': 'ignore', 'Response ID': 'ignore', 'Ik ben een': 'role' });
    expect(analysis.header.rows).toHaveLength(5);
    expect(analysis.header.rows[2]![4]).toBe('{"ImportId":"QID1"}');
  });

  it('applies another number of header rows to the rows already read, and back, and imports the respondents only', async () => {
    const first = await analyse({ path: write('qualtrics-keuze.csv', qualtricsCsv()) });
    const one = await analyse({ stagedId: first.stagedId, headerRows: 1 });
    expect(one.respondents).toBe(7);
    expect(headers(one)).toEqual(['StartDate', 'EndDate', 'Status', 'ResponseId', 'Q1', 'Q2', 'Q3_1']);
    expect(one.header.recognised).toBeNull();
    const back = await analyse({ stagedId: first.stagedId, headerRows: 3 });
    expect(back.respondents).toBe(5);
    expect(headers(back)).toEqual(headers(first));
    expect(back.columns).toEqual(first.columns);
    const tooMany = await dispatch(session, 'survey.analyse', { stagedId: first.stagedId, headerRows: 8 });
    expect(tooMany.ok).toBe(false);
    const imported = await dispatch(session, 'survey.import', { stagedId: back.stagedId, mapping: back.mapping });
    expect(imported.ok && (imported.value as { respondents: number }).respondents).toBe(5);
  });

  it('recognises a SurveyMonkey export: the question, then the answer option below it', async () => {
    const lines = [
      ['Respondent ID', 'Collector ID', 'Start Date', 'Ik ben een', 'Welke hulp kreeg je?', '', '', 'Toelichting'],
      ['', '', '', 'Response', 'Gesprekken', 'Gezinsbegeleiding', 'Anders (graag specificeren)', 'Open-Ended Response'],
      ...ROLES.map((role, index) => [String(1000 + index), '42', '03/05/2026', role, index % 2 ? 'Gesprekken' : '', 'Gezinsbegeleiding', '', `Tekst ${index}`]),
    ];
    const analysis = await analyse({ path: write('surveymonkey.csv', lines.map(csvLine).join('\n')) });
    expect(analysis.respondents).toBe(5);
    expect(analysis.header.recognised).toBe('SurveyMonkey');
    expect(headers(analysis)).toEqual([
      'Respondent ID',
      'Collector ID',
      'Start Date',
      'Ik ben een',
      'Welke hulp kreeg je? – Gesprekken',
      'Welke hulp kreeg je? – Gezinsbegeleiding',
      'Welke hulp kreeg je?',
      'Toelichting',
    ]);
  });

  it('reads a SurveyMonkey .xlsx whose question cells are merged over their options, and refuses merges among respondents', async () => {
    const rows = [
      ['Respondent ID', 'Ik ben een', 'Welke hulp kreeg je?', null, 'Cijfer'],
      [null, 'Response', 'Gesprekken', 'Gezinsbegeleiding', 'Response'],
      ...ROLES.map((role, index) => [1000 + index, role, index % 2 ? 'Gesprekken' : null, 'Gezinsbegeleiding', 5 + index]),
    ];
    const workbook = (merges: XLSX.Range[]) => {
      const sheet = XLSX.utils.aoa_to_sheet(rows);
      sheet['!merges'] = merges;
      const book = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(book, sheet, 'Sheet');
      return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    };
    const header = [XLSX.utils.decode_range('C1:D1'), XLSX.utils.decode_range('A1:A2')];
    const analysis = await analyse({ path: write('surveymonkey.xlsx', workbook(header)) });
    expect(analysis.respondents).toBe(5);
    expect(analysis.header.recognised).toBe('SurveyMonkey');
    expect(headers(analysis)).toEqual(['Respondent ID', 'Ik ben een', 'Welke hulp kreeg je? – Gesprekken', 'Welke hulp kreeg je? – Gezinsbegeleiding', 'Cijfer']);
    const refused = await dispatch(session, 'survey.analyse', { stagedId: session.registerLocalFile(write('samengevoegd.xlsx', workbook([...header, XLSX.utils.decode_range('B4:B5')]))) });
    expect(!refused.ok && refused.error.message).toContain('samengevoegde cellen');
  });

  it('recognises codes above question texts in an .xlsx, and a title line above the header', async () => {
    const rows = [
      ['G01Q01', 'G01Q02', 'G01Q03'],
      ['Ik ben een', 'Hoeveel jeugdzorgwerkers heb je gehad?', 'Werd bij de start uitgelegd wat er zou gebeuren?'],
      ...ROLES.map((role, index) => [role, index + 1, index % 2 ? 'Ja' : 'Nee']),
    ];
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'Antwoorden');
    const codes = await analyse({ path: write('codes.xlsx', XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer) });
    expect(codes.respondents).toBe(5);
    expect(codes.header.recognised).toBe('vraagcodes met vraagteksten eronder');
    expect(headers(codes)).toEqual(rows[1]);

    const titled = [['Vragenlijst ouders en jongeren, ronde 2026'], ['Ik ben een', 'Instelling', 'Cijfer'], ...ROLES.map((role) => [role, 'GI Noord', '7'])];
    const title = await analyse({ path: write('titel.csv', titled.map(csvLine).join('\n')) });
    expect(title.respondents).toBe(5);
    expect(headers(title)).toEqual(['Ik ben een', 'Instelling', 'Cijfer']);
    expect(title.notes.join(' ')).toContain('De eerste regel is een titel');
  });

  it('keeps one header row for an ordinary export (Google Formulieren named)', async () => {
    const lines = [['Tijdstempel', 'Ik ben een', 'Cijfer'], ...ROLES.map((role, index) => [`5-3-2026 10:0${index}:00`, role, String(index + 5)])];
    const analysis = await analyse({ path: write('google.csv', lines.map(csvLine).join('\n')) });
    expect(analysis.respondents).toBe(5);
    expect(analysis.header).toMatchObject({ headerRows: 1, recognised: 'Google Formulieren' });
  });

  it('takes the number of header rows on the command line (--kopregels), and says what it recognised', () => {
    const studyPath = join(dir, 'cli.veldwerk');
    expect(veldwerk(['init', studyPath, '--name', 'Koppen CLI']).code).toBe(0);
    const path = write('qualtrics-cli.csv', qualtricsCsv());
    const detected = veldwerk(['survey', 'analyse', studyPath, path]);
    expect(detected.code, detected.stderr).toBe(0);
    expect(detected.stderr).toContain('Herkend als Qualtrics-export');
    expect(JSON.parse(detected.stdout).columns.map((column: { header: string }) => column.header)).toContain('Ik ben een');
    const one = veldwerk(['survey', 'analyse', studyPath, path, '--kopregels', '1']);
    expect(JSON.parse(one.stdout).columns.map((column: { header: string }) => column.header)).toContain('Q1');
    const wrong = veldwerk(['survey', 'analyse', studyPath, path, '--kopregels', 'drie']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('--kopregels moet een getal van 1 tot en met 5 zijn');
    const imported = veldwerk(['survey', 'import', studyPath, path]);
    expect(imported.stdout).toContain('5 respondenten');
  });
});
