/**
 * Hostile and odd .xlsx packages against the survey reader: entity tricks in
 * the XML, parts that point nowhere, duplicate part names, an OpenDocument
 * file in disguise. Each is refused with one Dutch sentence; nothing is read
 * from outside the file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSurveyFile } from '../../backend/survey/read-file';
import { makeZip } from '../fixtures/make-files';
import { tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-xlsx-hostile-');
const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function pkg(parts: { sheet?: string; shared?: string; workbook?: string; extra?: Array<{ name: string; data: Buffer }> }): Buffer {
  const workbook =
    parts.workbook ?? `<workbook ${MAIN} xmlns:r="${REL}"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  const rels =
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
    `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  const entries = [
    { name: 'xl/workbook.xml', data: Buffer.from(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(rels) },
    ...(parts.sheet !== undefined ? [{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(parts.sheet) }] : []),
    ...(parts.shared !== undefined ? [{ name: 'xl/sharedStrings.xml', data: Buffer.from(parts.shared) }] : []),
    ...(parts.extra ?? []),
  ];
  return makeZip(entries);
}

const sheet = (rows: string) => `<worksheet ${MAIN}><sheetData>${rows}</sheetData></worksheet>`;
const GOOD_ROWS = '<row r="1"><c r="A1" t="inlineStr"><is><t>Vraag</t></is></c></row><row r="2"><c r="A2" t="s"><v>0</v></c></row>';

async function read(name: string, bytes: Buffer) {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return readSurveyFile(path, name);
}

describe('hostile .xlsx packages', () => {
  it('reads the minimal package these tests start from, numbers as Excel shows them', async () => {
    const rows = GOOD_ROWS.replace('</c></row><row r="2">', '</c><c r="B1" t="inlineStr"><is><t>Score</t></is></c></row><row r="2"><c r="B2"><v>0.30000000000000004</v></c>');
    const raw = await read('minimaal.xlsx', pkg({ sheet: sheet(rows), shared: `<sst ${MAIN}><si><t>Ja</t></si></sst>` }));
    expect(raw.columns.map((column) => [column.header, column.dict])).toEqual([
      ['Vraag', ['Ja']],
      ['Score', ['0.3']],
    ]);
  });

  it('refuses entity expansion and external entities as damaged, without expanding or fetching them', async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "hahahahahahahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>' +
      `<sst ${MAIN}><si><t>&c;</t></si></sst>`;
    await expect(read('lachen.xlsx', pkg({ sheet: sheet(GOOD_ROWS), shared: laughs }))).rejects.toThrow('beschadigd of onvolledig');
    const external = `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst ${MAIN}><si><t>&x;</t></si></sst>`;
    await expect(read('extern.xlsx', pkg({ sheet: sheet(GOOD_ROWS), shared: external }))).rejects.toThrow('beschadigd of onvolledig');
  });

  it('names the cell that points to a shared string that is not there', async () => {
    await expect(read('verwijzing.xlsx', pkg({ sheet: sheet(GOOD_ROWS.replace('<v>0</v>', '<v>7</v>')), shared: `<sst ${MAIN}><si><t>Ja</t></si></sst>` }))).rejects.toThrow(
      'cel A2 verwijst naar tekst die er niet is',
    );
  });

  it('refuses a package with two parts of one name, a missing sheet, only hidden sheets, and rows out of order', async () => {
    const shared = `<sst ${MAIN}><si><t>Ja</t></si></sst>`;
    const doubled = pkg({ sheet: sheet(GOOD_ROWS), shared, extra: [{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet('')) }] });
    await expect(read('dubbel.xlsx', doubled)).rejects.toThrow('beschadigd of onvolledig');
    await expect(read('zonder-blad.xlsx', pkg({ shared }))).rejects.toThrow('Het werkblad "Blad1" ontbreekt');
    const hidden = `<workbook ${MAIN} xmlns:r="${REL}"><sheets><sheet name="Blad1" sheetId="1" state="hidden" r:id="rId1"/></sheets></workbook>`;
    await expect(read('verborgen.xlsx', pkg({ sheet: sheet(GOOD_ROWS), shared, workbook: hidden }))).rejects.toThrow('bevat geen werkblad');
    const backwards = sheet('<row r="2"><c r="A2" t="s"><v>0</v></c></row><row r="1"><c r="A1" t="s"><v>0</v></c></row>');
    await expect(read('achterstevoren.xlsx', pkg({ sheet: backwards, shared }))).rejects.toThrow('beschadigd of onvolledig');
  });

  it('says an OpenDocument spreadsheet named .xlsx is one', async () => {
    const ods = makeZip([
      { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet') },
      { name: 'content.xml', data: Buffer.from('<office:document-content/>') },
    ]);
    await expect(read('rekenblad.xlsx', ods)).rejects.toThrow('OpenDocument-rekenblad (.ods)');
  });
});
