/**
 * CSV exports as other programs save them: every separator Excel, LibreOffice
 * and survey tools use, and every encoding (UTF-8 with and without BOM,
 * UTF-16 LE/BE as Excel's "Unicode-tekst", Windows-1252), give the same
 * table; broken ones are refused with a message that names the real problem.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSurveyFile } from '../../backend/survey/read-file';
import { WRITER_TABLE } from '../fixtures/make-writer-xlsx';
import { tempDir } from '../helpers/temp-study';
import { surveyTable } from '../helpers/survey-table';

const dir = tempDir('veldwerk-survey-csv-');

function csv(separator: string): string {
  const quote = (value: string | null) => (value === null ? '' : /[",;\t|\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return WRITER_TABLE.map((row) => row.map(quote).join(separator)).join('\r\n') + '\r\n';
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let index = 0; index < le.length; index += 2) [le[index], le[index + 1]] = [le[index + 1]!, le[index]!];
  return le;
}

async function read(name: string, bytes: Buffer) {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return readSurveyFile(path, name);
}

describe('CSV separators and encodings', () => {
  it.each([
    ['komma', ','],
    ['puntkomma', ';'],
    ['tab', '\t'],
    ['pipe', '|'],
  ])('detects the %s as separator', async (_name, separator) => {
    const raw = await read(`sep-${_name}.csv`, Buffer.from(csv(separator), 'utf8'));
    expect(surveyTable(raw)).toEqual(WRITER_TABLE);
  });

  it('follows Excel\'s "sep=" line and does not take it for the header', async () => {
    const raw = await read('sep-regel.csv', Buffer.from(`sep=|\r\n${csv('|')}`, 'utf8'));
    expect(surveyTable(raw)).toEqual(WRITER_TABLE);
  });

  it('reads UTF-8 with BOM, UTF-16 LE and BE with BOM (also as Excel .txt and .tsv), and Windows-1252', async () => {
    const text = csv('\t');
    const variants: Array<[string, Buffer]> = [
      ['utf8-bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv(';'))])],
      ['unicode-tekst.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      ['utf16be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)])],
      ['utf16le-zonder-bom.tsv', Buffer.from(text, 'utf16le')],
      ['windows.csv', Buffer.from(csv(';'), 'latin1')],
    ];
    for (const [name, bytes] of variants) {
      const raw = await read(name, bytes);
      expect(surveyTable(raw), name).toEqual(WRITER_TABLE);
      expect(raw.format).toBe('csv');
    }
    expect((await read('windows2.csv', Buffer.from(csv(';'), 'latin1'))).notes.join(' ')).toContain('Windows-tekst');
  });

  it('reads the "Unicode" tab-separated text LibreOffice writes (committed, UTF-16 LE)', async () => {
    const bytes = readFileSync(join(__dirname, '../fixtures/files/writers/libreoffice-unicode.txt'));
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    expect(surveyTable(await read('libreoffice-unicode.txt', bytes))).toEqual(WRITER_TABLE);
  });

  it('names the real problem of a broken or wrong file', async () => {
    await expect(read('afgebroken.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Vraag\nJa\n', 'utf16le').subarray(0, 15)]))).rejects.toThrow(
      'UTF-16-tekst, maar het is onvolledig',
    );
    await expect(read('notities.txt', Buffer.from('Vraag\nJa\n'))).rejects.toThrow('als Unicode-tekst uit Excel (.txt)');
    await expect(read('open.tsv', Buffer.from('Vraag\tAndere\n"Ja\tNee\n'))).rejects.toThrow('een aanhalingsteken wordt niet gesloten');
  });
});
