/**
 * Hostile and broken survey exports: each gets a clear Dutch message and
 * nothing is stored (no survey, no row table, no change record).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import type { Study } from '../../backend/study/study';
import { SURVEY_LIMITS } from '../../backend/survey/limits';
import { readSurveyFile } from '../../backend/survey/read-file';
import type { SurveyAnalysis, SurveyMapping } from '../../shared/api/types';
import { makeEncryptedDocx, makeLyingZipBomb, makeZip, makeZipBomb, truncate } from '../fixtures/make-files';
import { H, HEADERS, csvText, fileRows, knownRespondents, writeCsv, writeKnownSurvey, writeXlsx } from '../fixtures/make-survey';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-survey-hostile-');
let study: Study;
let session: Session;
let files: Awaited<ReturnType<typeof writeKnownSurvey>>;

beforeAll(async () => {
  study = newTestStudy(dir);
  session = new Session({ kind: 'cli', demoStudyPath: () => '' });
  session.setStudy(study);
  files = await writeKnownSurvey(dir);
});

function storedState() {
  const count = (sql: string) => (study.db.prepare(sql).get() as { n: number }).n;
  return {
    changes: count('SELECT count(*) AS n FROM change_log'),
    surveys: count('SELECT count(*) AS n FROM survey'),
    data: count('SELECT count(*) AS n FROM survey_data'),
    institutions: count('SELECT count(*) AS n FROM institution'),
  };
}

/** Analyse (and, when it passes, import with `mapping`) and return the error message; nothing may be stored. */
async function refusal(path: string, adjust?: (mapping: SurveyMapping) => SurveyMapping): Promise<string> {
  const before = storedState();
  const analysed = await dispatch(session, 'survey.analyse', { stagedId: session.registerLocalFile(path) });
  let message: string;
  if (!analysed.ok) message = analysed.error.message;
  else {
    const analysis = analysed.value as SurveyAnalysis;
    const imported = await dispatch(session, 'survey.import', {
      stagedId: analysis.stagedId,
      mapping: adjust ? adjust(analysis.mapping) : analysis.mapping,
    });
    if (imported.ok) throw new Error('het bestand werd geïmporteerd');
    message = imported.error.message;
    expect(imported.error.code).not.toBe('internal');
  }
  expect(storedState()).toEqual(before);
  return message;
}

const write = (name: string, bytes: Buffer | string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

describe('hostile survey files', () => {
  it('refuses formula cells, naming the cell', async () => {
    const path = await writeXlsx(dir, 'formule.xlsx', HEADERS, fileRows(), {
      tweak: (sheet) => {
        sheet.getCell('G5').value = { formula: 'AVERAGE(G2:G4)', result: 7 } as never;
      },
    });
    const message = await refusal(path);
    expect(message).toContain('formule.xlsx');
    expect(message).toContain('Cel G5 bevat een formule');
    expect(message).toContain('Alleen waarden');
  });

  it('refuses merged cells', async () => {
    const path = await writeXlsx(dir, 'samengevoegd.xlsx', HEADERS, fileRows(), { tweak: (sheet) => sheet.mergeCells('B3:C3') });
    expect(await refusal(path)).toContain('samengevoegde cellen');
  });

  it('refuses error values', async () => {
    const path = await writeXlsx(dir, 'fout.xlsx', HEADERS, fileRows(), {
      tweak: (sheet) => {
        sheet.getCell('C4').value = { error: '#N/A' } as never;
      },
    });
    expect(await refusal(path)).toContain('Cel C4 bevat een foutwaarde (#N/A)');
  });

  it('refuses more than 200,000 respondents', async () => {
    const lines = ['Vraag'];
    for (let i = 0; i <= 200_000; i++) lines.push(i % 2 ? 'Ja' : 'Nee');
    expect(await refusal(write('te-veel-rijen.csv', lines.join('\n')))).toContain('meer dan 200.000 respondenten');
  });

  it('refuses more than 500 columns', async () => {
    const headers = Array.from({ length: 501 }, (_, index) => `Vraag ${index + 1}`);
    const path = writeCsv(dir, 'te-breed.csv', headers, [Object.fromEntries(headers.map((header) => [header, 'Ja']))]);
    expect(await refusal(path)).toContain('501 kolommen; Veldwerk leest er hoogstens 500');
  });

  it('refuses an overlong cell', async () => {
    const rows = fileRows();
    rows[3] = { ...rows[3]!, [H.remark]: 'x'.repeat(6000) };
    expect(await refusal(writeCsv(dir, 'lange-cel.csv', HEADERS, rows))).toContain('meer dan 5.000 tekens');
  });

  it('refuses wrong types in a mapped numeric column, naming the respondent and the value', async () => {
    const rows = knownRespondents();
    rows[6] = { ...rows[6]!, [H.mark]: 'zeven' };
    const message = await refusal(writeCsv(dir, 'cijfer-tekst.csv', HEADERS, rows), (mapping) => ({
      ...mapping,
      columns: mapping.columns.map((column) => (column.header === H.mark ? { ...column, kind: 'mark' } : column)),
    }));
    expect(message).toContain(`De kolom "${H.mark}" is gekoppeld als rapportcijfer (1-10)`);
    expect(message).toContain('respondent 7 heeft daar "zeven" ingevuld');
    expect(message).toContain('Er is niets opgeslagen');
    // And a mark out of range.
    rows[6] = { ...rows[6]!, [H.mark]: 11 };
    const range = await refusal(writeCsv(dir, 'cijfer-elf.csv', HEADERS, rows), (mapping) => ({
      ...mapping,
      columns: mapping.columns.map((column) => (column.header === H.mark ? { ...column, kind: 'mark' } : column)),
    }));
    expect(range).toContain('"11"');
  });

  it('refuses an empty file and a header without answers', async () => {
    expect(await refusal(write('leeg.csv', ''))).toContain('Het bestand is leeg');
    expect(await refusal(write('leeg.xlsx', ''))).toContain('Het bestand is leeg');
    expect(await refusal(write('spaties.csv', ' \r\n \n'))).toContain('Het bestand is leeg');
    expect(await refusal(writeCsv(dir, 'alleen-kop.csv', HEADERS, []))).toContain('alleen een kopregel');
    expect(await refusal(await writeXlsx(dir, 'alleen-kop.xlsx', HEADERS, []))).toContain('alleen een kopregel');
    expect(await refusal(await writeXlsx(dir, 'leeg-blad.xlsx', [], []))).toContain('geen kopregel');
  });

  it('refuses binary garbage named .csv, and files that are not what their extension says', async () => {
    const garbage = Buffer.alloc(4096);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 256;
    expect(await refusal(write('rommel.csv', garbage))).toContain('geen CSV-bestand');
    expect(await refusal(write('rommel.xlsx', garbage))).toContain('geen Excel-bestand');
    expect(await refusal(write('tekst.xlsx', csvText(HEADERS, fileRows())))).toContain('geen Excel-bestand');
    expect(await refusal(write('oud.xlsx', makeEncryptedDocx()))).toContain('oud Excel-bestand (.xls)');
    const { readFileSync } = await import('node:fs');
    expect(await refusal(write('excel.csv', readFileSync(files.xlsx)))).toContain('met de extensie .csv');
    expect(await refusal(write('notities.txt', 'Vraag\nJa\n'))).toContain('.xlsx) of CSV-bestand (.csv)');
  });

  it('refuses damaged and bomb-like .xlsx files before exceljs reads them', async () => {
    const { readFileSync } = await import('node:fs');
    expect(await refusal(write('half.xlsx', truncate(readFileSync(files.xlsx))))).toContain('beschadigd');
    expect(await refusal(write('bom.xlsx', makeZipBomb()))).toContain('keer zo groot');
    expect(await refusal(write('liegende-bom.xlsx', makeLyingZipBomb()))).toContain('beschadigd');
    const noWorkbook = makeZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet/>') }]);
    expect(await refusal(write('geen-werkmap.xlsx', noWorkbook))).toContain('geen Excel-werkmap');
  });

  it('refuses a broken CSV and data without a header', async () => {
    expect(await refusal(write('open-quote.csv', 'Vraag,Andere vraag\n"Ja,Nee\nNee,Ja\n'))).toContain('niet goed opgebouwd');
    expect(await refusal(write('zonder-kop.csv', 'Vraag\nJa,extra\n'))).toContain('geen kop');
  });

  it('refuses mappings that do not fit the file', async () => {
    const path = files.csvComma;
    expect(await refusal(path, (mapping) => ({ ...mapping, columns: [...mapping.columns, { header: 'Bestaat niet', kind: 'question' }] }))).toContain(
      'Bestaat niet',
    );
    expect(
      await refusal(path, (mapping) => ({
        ...mapping,
        columns: mapping.columns.map((column) => (column.header === H.opinion ? { ...column, kind: 'role' } : column)),
      })),
    ).toContain('maar één kolom');
    expect(await refusal(path, (mapping) => ({ ...mapping, institutions: mapping.institutions.slice(0, 2) }))).toContain(
      'De instelling "Jeugdbescherming West"',
    );
    expect(await refusal(path, (mapping) => ({ ...mapping, columns: mapping.columns.map((column) => ({ ...column, kind: 'ignore' })) }))).toContain(
      'minstens één kolom',
    );
    expect(
      await refusal(path, (mapping) => ({
        ...mapping,
        columns: mapping.columns.map((column) => (column.header === H.opinion ? { ...column, normKey: 'bestaat-niet' } : column)),
      })),
    ).toContain('Er is geen norm met sleutel "bestaat-niet"');
  });

  it('applies the row, column and cell limits to .xlsx as well', async () => {
    const small = { ...SURVEY_LIMITS, maxRows: 39, maxColumns: 20, maxCells: 1000 };
    await expect(readSurveyFile(files.xlsx, 'groot.xlsx', { limits: small })).rejects.toThrow('meer dan 39 respondenten');
    await expect(readSurveyFile(files.xlsx, 'breed.xlsx', { limits: { ...SURVEY_LIMITS, maxColumns: 9 } })).rejects.toThrow('10 kolommen');
    await expect(readSurveyFile(files.xlsx, 'vol.xlsx', { limits: { ...SURVEY_LIMITS, maxCells: 300 } })).rejects.toThrow('meer dan 300 ingevulde cellen');
    await expect(readSurveyFile(files.xlsx, 'zwaar.xlsx', { limits: { ...SURVEY_LIMITS, maxFileBytes: 1000 } })).rejects.toThrow('groter dan');
    expect(SURVEY_LIMITS).toMatchObject({ maxRows: 200_000, maxColumns: 500 });
  });

  it('still imports the good file afterwards', async () => {
    const analysed = await dispatch(session, 'survey.analyse', { stagedId: session.registerLocalFile(files.csvComma) });
    expect(analysed.ok).toBe(true);
    const analysis = (analysed as { value: SurveyAnalysis }).value;
    const imported = await dispatch(session, 'survey.import', { stagedId: analysis.stagedId, mapping: analysis.mapping });
    expect(imported.ok).toBe(true);
    expect(storedState().surveys).toBe(1);
  });
});
