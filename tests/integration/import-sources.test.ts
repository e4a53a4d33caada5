import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles, type FileToImport } from '../../backend/sources/import-sources';
import { getSource, listSources } from '../../backend/sources/queries';
import { search } from '../../backend/search/search';
import type { Study } from '../../backend/study/study';
import { makeDocx, makePdf, makeZipBomb, encodeCp1252, truncate, writeFile, PASSWORD_PDF } from '../fixtures/make-files';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir();

function counts(study: Study) {
  const n = (table: string) => (study.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { sources: n('source'), files: n('original_file'), contents: n('content'), changes: n('change_log'), fts: n('source_fts') };
}

function metaFor(study: Study) {
  return { institutionId: study.institutions()[0]!.id, sourceType: 'clientdossier' as const, role: null, measure: 'ots' as const, date: '2026-04-01', inspectorId: null };
}

const file = (path: string): FileToImport => ({ path, fileName: path.split('/').at(-1)! });

describe('importing sources into a study', () => {
  it('imports every format, keeps page starts and headings, and stores the original once', async () => {
    const study = newTestStudy(dir);
    const pdf = writeFile(dir, 'dossier.pdf', await makePdf([['Pagina een over contact.'], ['Pagina twee: veiligheid besproken.'], ['Pagina drie: ouders geïnformeerd.']]));
    const docx = writeFile(dir, 'beleid.docx', await makeDocx([{ text: 'Werkinstructie', heading: 1 }, { text: 'Binnen vijf dagen contact.' }]));
    const txt = writeFile(dir, 'notitie.txt', encodeCp1252('Notitie: de voogd heeft Noëlle gesproken.'));
    const outcomes = await importFiles(study, [file(pdf), file(docx), file(txt)], metaFor(study));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['imported', 'imported', 'imported']);

    const [pdfSource] = listSources(study).filter((source) => source.format === 'pdf');
    expect(pdfSource!.pageCount).toBe(3);
    const document = getSource(study, pdfSource!.id);
    expect(document.text.slice(document.pageStarts![2]!)).toMatch(/^Pagina drie/);
    const hits = search(study, 'geinformeerd', 10).hits;
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ sourceId: pdfSource!.id, page: 3 });
    expect(document.text.slice(hits[0]!.start, hits[0]!.end)).toBe('geïnformeerd');

    const docxSource = getSource(study, listSources(study).find((source) => source.format === 'docx')!.id);
    expect(docxSource.headings).toEqual([{ start: 0, level: 1 }]);
    expect(getSource(study, listSources(study).find((source) => source.format === 'txt')!.id).text).toContain('Noëlle');
    expect(counts(study)).toMatchObject({ sources: 3, files: 3, contents: 3, fts: 3 });
    study.close();
  });

  it('says a file was already imported and adds nothing, also within one batch', async () => {
    const study = newTestStudy(dir);
    const txt = writeFile(dir, 'dubbel.txt', 'Tweemaal hetzelfde verslag.');
    const copy = writeFile(dir, 'dubbel-kopie.txt', 'Tweemaal hetzelfde verslag.');
    const first = await importFiles(study, [file(txt), file(copy)], metaFor(study));
    expect(first.map((outcome) => outcome.status)).toEqual(['imported', 'duplicate']);
    const before = counts(study);
    const again = await importFiles(study, [file(txt)], metaFor(study));
    expect(again[0]).toMatchObject({ status: 'duplicate', message: expect.stringContaining('al geïmporteerd') });
    expect(counts(study)).toEqual(before);
    study.close();
  });

  it('stores nothing at all for hostile or broken files, and still imports the good ones', async () => {
    const study = newTestStudy(dir);
    const before = counts(study);
    const hostile = [
      writeFile(dir, 'leeg.pdf', ''),
      writeFile(dir, 'bom.docx', makeZipBomb()),
      writeFile(dir, 'half.pdf', truncate(await makePdf([['Een pagina die halverwege ophoudt.']]))),
      writeFile(dir, 'nep.docx', 'gewone tekst met een verkeerde extensie'),
      join(dir, 'beveiligd.pdf'),
    ];
    writeFile(dir, 'beveiligd.pdf', (await import('node:fs')).readFileSync(PASSWORD_PDF));
    const good = writeFile(dir, 'goed.txt', 'Een gewoon gespreksverslag.');
    const outcomes = await importFiles(study, [...hostile.map(file), file(good)], metaFor(study));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'imported']);
    for (const [index, outcome] of outcomes.slice(0, 5).entries()) {
      expect(outcome.status === 'rejected' && outcome.message.startsWith(`${file(hostile[index]!).fileName}: `)).toBe(true);
    }
    expect(outcomes[4]).toMatchObject({ message: expect.stringContaining('wachtwoord') });
    const after = counts(study);
    expect(after.sources).toBe(before.sources + 1);
    expect(after.files).toBe(before.files + 1);
    expect(after.contents).toBe(before.contents + 1);
    expect(after.changes).toBe(before.changes + 1);
    study.close();
  });
});

describe('search hits', () => {
  it('spans all words of a multi-word query where they meet in one paragraph', async () => {
    const study = newTestStudy(dir);
    const txt = writeFile(dir, 'zoeken.txt', 'Eerst de wachtlijst.\nDe gemeente houdt de wachtlijst bij.\nDaarna de gemeente alleen.');
    await importFiles(study, [file(txt)], metaFor(study));
    const hits = search(study, 'wachtlijst gemeente', 10).hits;
    expect(hits).toHaveLength(1);
    expect(hits[0]!.snippet.slice(hits[0]!.start - hits[0]!.snippetOffset, hits[0]!.end - hits[0]!.snippetOffset)).toBe('gemeente houdt de wachtlijst');
    expect(search(study, 'wachtlijst', 10).hits).toHaveLength(2);
    expect(search(study, 'eerst alleen', 10).hits).toHaveLength(1);
    study.close();
  });
});
