/**
 * Spreadsheets written by other software than ours give the same table:
 * committed files from openpyxl (also as pandas writes), xlsxwriter,
 * LibreOffice and Gnumeric (tests/fixtures/writers/make-writer-files.sh),
 * files written here by SheetJS, xlsx-populate and exceljs, and hand-made
 * packages in layouts no npm writer makes. Each is read five times: the same
 * file gives the same result every run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSurveyFile } from '../../backend/survey/read-file';
import type { RawSurvey } from '../../backend/survey/sheet';
import { exceljsXlsx, handMadeXlsx, sheetJsXlsx, WRITER_TABLE, xlsxPopulateXlsx, type HandOptions } from '../fixtures/make-writer-xlsx';
import { surveyTable } from '../helpers/survey-table';
import { tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-survey-writers-');
const committed = join(__dirname, '../fixtures/files/writers');

async function readFiveTimes(name: string, bytes: Buffer): Promise<RawSurvey> {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const first = await readSurveyFile(path, name);
  for (let run = 0; run < 4; run++) expect(await readSurveyFile(path, name)).toEqual(first);
  return first;
}

describe('spreadsheets from other writers', () => {
  it.each(['openpyxl.xlsx', 'pandas-openpyxl.xlsx', 'xlsxwriter.xlsx', 'libreoffice.xlsx', 'gnumeric.xlsx'])('reads %s (committed)', async (name) => {
    const raw = await readFiveTimes(name, readFileSync(join(committed, name)));
    expect(surveyTable(raw)).toEqual(WRITER_TABLE);
  });

  it('says that only the first sheet of an openpyxl workbook was read', async () => {
    const raw = await readSurveyFile(join(committed, 'openpyxl.xlsx'), 'openpyxl.xlsx');
    expect(raw.notes.join(' ')).toContain('Alleen het eerste werkblad ("Antwoorden") is gelezen; "Toelichting" is genegeerd.');
  });

  it('reads SheetJS files with shared and with inline strings', async () => {
    expect(surveyTable(await readFiveTimes('sheetjs-sst.xlsx', sheetJsXlsx(true)))).toEqual(WRITER_TABLE);
    expect(surveyTable(await readFiveTimes('sheetjs-inline.xlsx', sheetJsXlsx(false)))).toEqual(WRITER_TABLE);
  });

  it('reads xlsx-populate and exceljs files', async () => {
    expect(surveyTable(await readFiveTimes('xlsx-populate.xlsx', await xlsxPopulateXlsx()))).toEqual(WRITER_TABLE);
    expect(surveyTable(await readFiveTimes('exceljs.xlsx', await exceljsXlsx()))).toEqual(WRITER_TABLE);
  });

  const layouts: Array<[string, HandOptions]> = [
    ['relative paths, parts in order', {}],
    ['absolute paths, parts in reverse order', { absolute: true, reversed: true }],
    ['Strict OOXML namespaces', { strict: true }],
    ['prefixed elements and the 1904 date system', { prefixed: true, date1904: true }],
    ['a hidden first sheet', { hiddenFirst: true, reversed: true }],
  ];
  it.each(layouts)('reads a hand-made package: %s (CDATA, rich runs, phonetic guides, cells without references)', async (_label, options) => {
    const raw = await readFiveTimes('hand.xlsx', handMadeXlsx(options));
    expect(surveyTable(raw)).toEqual(WRITER_TABLE);
  });
});
