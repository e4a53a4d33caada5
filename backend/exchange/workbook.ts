/**
 * Tables as an Excel workbook (exceljs), one sheet per table: numbers as
 * numbers, dates as dates, percentages with a percent format, a frozen and
 * filtered header row, so a table opens in Excel ready to sort and filter.
 */
import ExcelJS from 'exceljs';

export type CellValue = string | number | Date | null;
export type ColumnType = 'text' | 'integer' | 'decimal' | 'percent' | 'date' | 'datetime';

export interface Column {
  header: string;
  type: ColumnType;
  width?: number;
}

export interface Table {
  sheet: string;
  columns: Column[];
  rows: CellValue[][];
}

const FORMATS: Record<ColumnType, string | undefined> = {
  text: '@',
  integer: '0',
  decimal: '0.00',
  percent: '0.0%',
  date: 'dd-mm-yyyy',
  datetime: 'dd-mm-yyyy hh:mm',
};

const DEFAULT_WIDTH: Record<ColumnType, number> = { text: 24, integer: 10, decimal: 10, percent: 12, date: 12, datetime: 17 };

/** Excel refuses more than 32767 characters in a cell. */
const MAX_CELL_CHARS = 32_000;

export async function writeWorkbook(tables: Table[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Veldwerk';
  workbook.created = new Date();
  for (const table of tables) addSheet(workbook, table);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addSheet(workbook: ExcelJS.Workbook, table: Table): void {
  const sheet = workbook.addWorksheet(sheetName(table.sheet), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((column, index) => ({
    key: String(index),
    width: column.width ?? DEFAULT_WIDTH[column.type],
    style: column.type === 'text' ? {} : { numFmt: FORMATS[column.type] },
  }));
  const header = sheet.addRow(table.columns.map((column) => column.header));
  header.font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((value) => (typeof value === 'string' && value.length > MAX_CELL_CHARS ? `${value.slice(0, MAX_CELL_CHARS)}…` : value)));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}

/** A stored date text (JJJJ-MM-DD or ISO) as a Date at midnight UTC, or null. */
export function asDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}
