/**
 * A survey table as an Excel workbook (written with exceljs): the numbers as
 * numbers (percentages with a percent format, so Excel shows them in the
 * user's notation), suppressed groups as the text "n < 10", and a note on the
 * rule and the missing answers.
 */
import ExcelJS from 'exceljs';
import { suppressedLabel, type Distribution } from '../../shared/survey';
import type { SurveyTable } from '../../shared/api/types';

const PERCENT = '0.0%';
const MEAN = '0.0';

export async function tableWorkbook(table: SurveyTable, institutionName: string | null): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Veldwerk';
  const sheet = workbook.addWorksheet('Tabel');
  const small = suppressedLabel(table.minGroup);
  const title = table.kind === 'mean' ? `Gemiddelde: ${table.mean}` : table.question;
  sheet.addRow([title]).font = { bold: true, size: 12 };
  sheet.addRow([`Vragenlijst: ${table.surveyName}${institutionName ? ` · respondenten van ${institutionName}` : ''}`]);
  sheet.addRow([]);

  if (table.kind === 'distribution') {
    header(sheet, ['Antwoord', 'Aantal', 'Percentage']);
    writeDistribution(sheet, table, small);
    sheet.addRow(['Totaal (beantwoord)', table.n]);
    sheet.addRow(['Geen antwoord', table.missing]);
  } else if (table.kind === 'split') {
    const answers = table.total.answers.map((answer) => answer.answer);
    header(sheet, [table.by, 'n', ...answers.flatMap((answer) => [`${answer} (aantal)`, `${answer} (%)`]), 'Geen antwoord']);
    for (const group of table.groups) {
      if (group.suppressed) {
        sheet.addRow([group.group, small, ...answers.flatMap(() => ['', '']), '']);
        continue;
      }
      const row = sheet.addRow([
        group.group,
        group.n,
        ...group.answers.flatMap((answer) => [answer.n, answer.pct === null ? null : answer.pct / 100]),
        group.missing,
      ]);
      group.answers.forEach((_, index) => (row.getCell(4 + index * 2).numFmt = PERCENT));
    }
  } else {
    header(sheet, [table.by ?? 'Groep', 'n', 'Gemiddelde']);
    for (const group of table.groups) {
      if (group.suppressed) sheet.addRow([group.group, small, '']);
      else sheet.addRow([group.group, group.n, group.mean]).getCell(3).numFmt = MEAN;
    }
  }
  sheet.addRow([]);
  sheet.addRow([`Groepen met minder dan ${table.minGroup} respondenten staan als "${small}" vermeld, zonder aantallen of percentages.`]).font = { italic: true };
  if (table.kind !== 'mean') sheet.addRow(['Percentages zijn berekend over de respondenten die de vraag beantwoordden.']).font = { italic: true };
  sheet.getColumn(1).width = 40;
  for (let column = 2; column <= sheet.columnCount; column++) sheet.getColumn(column).width = 14;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function header(sheet: ExcelJS.Worksheet, cells: string[]): void {
  sheet.addRow(cells).font = { bold: true };
}

function writeDistribution(sheet: ExcelJS.Worksheet, distribution: Distribution, small: string): void {
  if (distribution.suppressed) {
    sheet.addRow([small]);
    return;
  }
  for (const answer of distribution.answers) {
    const row = sheet.addRow([answer.answer, answer.n, answer.pct === null ? null : answer.pct / 100]);
    row.getCell(3).numFmt = PERCENT;
  }
}

/** A safe file name for the table: "Vragenlijst - <vraag>.xlsx". */
export function tableFileName(table: SurveyTable): string {
  const subject = table.kind === 'mean' ? `gemiddelde ${table.mean}` : table.question;
  const by = table.kind !== 'distribution' && table.by ? ` naar ${table.by}` : '';
  const cleaned = `${subject}${by}`.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
  return `Vragenlijst - ${cleaned || 'tabel'}.xlsx`;
}
