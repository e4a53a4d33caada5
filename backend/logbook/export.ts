/**
 * The filtered logbook as a file (issue 12): Excel (real date-times, a frozen
 * and filtered header, through the exchange's table writer) or CSV
 * (csv-stringify; `;` and a byte order mark, as Dutch Excel reads it). What
 * could identify a child leaves through the privacy pass: the titles of the
 * sources a line names and the reasons of refusals (which may carry a file
 * name). Made in a worker thread (logbook-thread.ts), kept in the session
 * like other exports: the app saves it with `exchange.save`, the browser
 * host downloads it by a one-time link.
 */
import { stringify } from 'csv-stringify/sync';
import type { ExchangeExported, LogbookFilter, LogbookLine } from '../../shared/api/types';
import { writeWorkbook, type Column } from '../exchange/workbook';
import { privacyPass } from '../privacy/privacy-pass';
import { studyPassContext } from '../privacy/study-pass';
import { downloadPathOf, keepProducedFile } from '../api/produced-files';
import type { Session } from '../api/session';
import { safeName } from '../merge/export';
import { logbookLines } from './query';
import type { Study } from '../study/study';
import { exportLogbookInWorker } from './logbook-thread';

const COLUMNS: Column[] = [
  { header: 'Tijdstip', type: 'datetime' },
  { header: 'Inspecteur', type: 'text', width: 11 },
  { header: 'Naam inspecteur', type: 'text' },
  { header: 'Soort', type: 'text', width: 30 },
  { header: 'Handeling', type: 'text', width: 50 },
  { header: 'Resultaat', type: 'text', width: 11 },
  { header: 'Reden', type: 'text', width: 40 },
  { header: 'Objecten', type: 'text', width: 50 },
  { header: 'Kopie', type: 'text', width: 11 },
];

/** The export as the app makes it: in a worker (100,000 lines take a minute), kept in the session for saving or download. */
export async function exportLogbook(session: Session, filter: LogbookFilter, format: 'xlsx' | 'csv'): Promise<ExchangeExported> {
  const study = session.requireStudy();
  const { fileName, data } = await exportLogbookInWorker({ studyPath: study.path, filter, format });
  const exportId = keepProducedFile(session, { fileName, data, kind: 'export' });
  return { exportId, fileName, size: data.byteLength, downloadUrl: downloadPathOf(session, exportId), warning: null };
}

/** The file itself, from a study opened anywhere (the worker, logbook-worker.ts). */
export async function makeLogbookFile(study: Study, filter: LogbookFilter, format: 'xlsx' | 'csv'): Promise<{ fileName: string; data: Buffer }> {
  const context = studyPassContext(study);
  const passed = new Map<string, string>();
  const pass = (text: string) => {
    if (!passed.has(text)) passed.set(text, privacyPass(text, context).text);
    return passed.get(text)!;
  };
  const lines = logbookLines(study, filter, pass).map((line) => ({ ...line, reason: line.reason === null ? null : pass(line.reason) }));
  const data = format === 'xlsx' ? await writeWorkbook([{ sheet: 'Logboek', columns: COLUMNS, rows: lines.map(rowOf) }]) : csvOf(lines);
  const day = new Date().toISOString().slice(0, 10);
  return { fileName: `logboek-${safeName(study.info().name)}-${day}.${format}`, data };
}

function rowOf(line: LogbookLine): Array<string | Date | null> {
  return [
    localWallTime(line.at),
    line.inspector,
    line.inspectorName,
    line.kind,
    line.label,
    line.result === 'done' ? 'gedaan' : 'geweigerd',
    line.reason,
    line.objects,
    `${line.replica}${line.own ? ' (deze)' : ''}`,
  ];
}

/** Excel knows no time zones: the moment as the wall-clock time of this machine, as the app shows it. */
function localWallTime(iso: string): Date {
  const moment = new Date(iso);
  return new Date(moment.getTime() - moment.getTimezoneOffset() * 60_000);
}

function csvOf(lines: LogbookLine[]): Buffer {
  const rows = lines.map((line) => rowOf(line).map((value) => (value instanceof Date ? value.toISOString().slice(0, 19).replace('T', ' ') : inert(value ?? ''))));
  const text = stringify([COLUMNS.map((column) => column.header), ...rows], { delimiter: ';', bom: true });
  return Buffer.from(text, 'utf8');
}

/** A cell Excel would read as a formula (a source title or file name from outside) is kept as text. */
function inert(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
