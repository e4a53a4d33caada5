/** Read a survey export (.xlsx or .csv) within the limits, or refuse it with a Dutch sentence. */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { UserError } from '../errors';
import { SURVEY_LIMITS, type SurveyLimits } from './limits';
import { readCsv } from './read-csv';
import { readXlsx } from './read-xlsx';
import { asUserError, refuse, type RawSurvey } from './sheet';

/** `source`: the user's own file by its path (its size checked before it is read), or the file's bytes. */
export async function readSurveyFile(
  source: string | Uint8Array,
  fileName: string,
  options: { limits?: SurveyLimits; onRows?: (rows: number) => void; headerRows?: number } = {},
): Promise<RawSurvey> {
  const limits = options.limits ?? SURVEY_LIMITS;
  const onRows = options.onRows ?? (() => {});
  try {
    const extension = extname(fileName).toLowerCase();
    const size = typeof source === 'string' ? statSync(source).size : source.byteLength;
    if (!SURVEY_EXTENSIONS.includes(extension) || (extension === '.txt' && !isUnicodeText(source))) {
      refuse('Veldwerk leest vragenlijsten als Excel-bestand (.xlsx) of CSV-bestand (.csv), ook met tabs (.tsv) of als Unicode-tekst uit Excel (.txt).');
    }
    if (size > limits.maxFileBytes) {
      refuse(`Het bestand is groter dan ${Math.round(limits.maxFileBytes / 1024 / 1024)} MB; dat is te groot voor een vragenlijst.`);
    }
    if (size === 0) refuse('Het bestand is leeg.');
    const bytes = typeof source === 'string' ? readFileSync(source) : Buffer.from(source.buffer, source.byteOffset, source.byteLength);
    const isXlsx = extension === '.xlsx';
    const { builder, notes } = isXlsx ? await readXlsx(bytes, limits, onRows, options.headerRows) : readCsv(bytes, limits, onRows, options.headerRows);
    const sheet = builder.finish(notes);
    onRows(sheet.rowCount);
    return {
      fileName,
      format: isXlsx ? 'xlsx' : 'csv',
      fileSha256: createHash('sha256').update(bytes).digest('hex'),
      rowCount: sheet.rowCount,
      columns: sheet.columns,
      notes: [...notes, ...sheet.notes],
      head: sheet.head,
    };
  } catch (error) {
    const translated = asUserError(fileName, error);
    if (translated instanceof UserError) throw translated;
    if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') throw new UserError(`${fileName}: het bestand bestaat niet.`, 'not-found');
    throw error;
  }
}

/** The extensions a survey export may have; .txt only as Excel's "Unicode-tekst" (UTF-16 with a byte order mark, tab-separated). */
export const SURVEY_EXTENSIONS = ['.xlsx', '.csv', '.tsv', '.txt'];

function isUnicodeText(source: string | Uint8Array): boolean {
  const head = Buffer.alloc(2);
  if (typeof source !== 'string') head.set(source.subarray(0, 2));
  else {
    const fd = openSync(source, 'r');
    try {
      readSync(fd, head, 0, 2, 0);
    } finally {
      closeSync(fd);
    }
  }
  return (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
}
