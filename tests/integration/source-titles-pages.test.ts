/**
 * A source takes its title from the document (Word's core title or first
 * heading, the PDF's title) rather than its file name, unless the user typed
 * one or the document's title is a placeholder; PDF pages with little or no
 * text are flagged on the source. Files written by python-docx and pdf-lib,
 * besides the docx package.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { importFiles, type FileToImport } from '../../backend/sources/import-sources';
import { getSource } from '../../backend/sources/queries';
import type { Study } from '../../backend/study/study';
import { makeDocx, writeFile } from '../fixtures/make-files';
import { makePdfWithBlankPage, makeScannedPdf } from '../fixtures/make-real-pdfs';
import { search } from '../../backend/search/search';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-titles-');
const file = (path: string): FileToImport => ({ path, fileName: path.split('/').at(-1)! });

function metaFor(study: Study, title?: string) {
  return { institutionId: study.institutions()[0]!.id, sourceType: 'beleidsdocument' as const, role: null, measure: null, date: null, inspectorId: null, ...(title ? { title } : {}) };
}

async function pdfWithTitle(title: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([595, 842]).drawText('Tekst van een fictief werkproces, lang genoeg voor een gewone pagina.', { x: 50, y: 780, size: 12, font });
  pdf.setTitle(title);
  return Buffer.from(await pdf.save());
}

async function importOne(study: Study, path: string, title?: string) {
  const [outcome] = await importFiles(study, [file(path)], metaFor(study, title));
  if (outcome?.status !== 'imported') throw new Error(JSON.stringify(outcome));
  return getSource(study, outcome.sourceId);
}

describe('titles from the document', () => {
  it('takes the Word core title, else the first heading, else the file name', async () => {
    const study = newTestStudy(dir);
    const withCore = new Document({ title: 'Werkinstructie eerste contact', sections: [{ children: [new Paragraph({ text: 'Inleiding', heading: HeadingLevel.HEADING_1 })] }] });
    expect((await importOne(study, writeFile(dir, 'scan_0042.docx', await Packer.toBuffer(withCore)))).title).toBe('Werkinstructie eerste contact');
    const headingOnly = await makeDocx([{ text: 'Verslag huisbezoek gezin', heading: 1 }, { text: 'Een fictief verslag.' }]);
    expect((await importOne(study, writeFile(dir, 'Verslag def v3 (2).docx', headingOnly))).title).toBe('Verslag huisbezoek gezin');
    const plain = await makeDocx([{ text: 'Alleen gewone tekst zonder kop.' }]);
    expect((await importOne(study, writeFile(dir, 'gesprek_moeder.docx', plain))).title).toBe('gesprek moeder');
  });

  it('reads the core title python-docx writes', async () => {
    const study = newTestStudy(dir);
    const path = join(dir, 'python.docx');
    execFileSync('/usr/bin/python3', [
      '-c',
      'import docx,sys; d=docx.Document(); d.core_properties.title="Beleidsnotitie wachtlijsten"; d.add_paragraph("Fictieve tekst."); d.save(sys.argv[1])',
      path,
    ]);
    expect((await importOne(study, path)).title).toBe('Beleidsnotitie wachtlijsten');
  });

  it('takes the PDF title, passing over placeholders, and the title the user typed wins', async () => {
    const study = newTestStudy(dir);
    expect((await importOne(study, writeFile(dir, 'doc1.pdf', await pdfWithTitle('Jaarverslag klachtencommissie')))).title).toBe('Jaarverslag klachtencommissie');
    expect((await importOne(study, writeFile(dir, 'notulen-mei.pdf', await pdfWithTitle('Microsoft Word - notulen.docx')))).title).toBe('notulen-mei');
    expect((await importOne(study, writeFile(dir, 'x.pdf', await pdfWithTitle('Untitled'))))).toMatchObject({ title: 'x' });
    const typed = await importOne(study, writeFile(dir, 'met-titel.pdf', await pdfWithTitle('Eigen titel van het document')), 'Door de inspecteur gekozen');
    expect(typed.title).toBe('Door de inspecteur gekozen');
  });
});

describe('pages with little or no text', () => {
  it('flags the page without text and not the others', async () => {
    const study = newTestStudy(dir);
    const source = await importOne(study, writeFile(dir, 'deels-gescand.pdf', await makePdfWithBlankPage()));
    expect(source.pageCount).toBe(3);
    expect(source.sparsePages).toEqual([2]);
  });

  it('reads a scanned page by OCR in the extraction worker, marks it, and makes it searchable', async () => {
    const study = newTestStudy(dir);
    const source = await importOne(study, writeFile(dir, 'gescand-dossier.pdf', await makeScannedPdf()));
    expect(source.ocrPages).toEqual([2]);
    expect(source.sparsePages).toEqual([]);
    const hits = search(study, 'huisbezoek', 10).hits;
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ sourceId: source.id, page: 2 });
  }, 60_000);
});
