import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCodings } from '../../backend/coding/codings';
import { importCodebook, importQdpx, exportCodebook, exportQdpx } from '../../backend/exchange/qdpx';
import { listCodes } from '../../backend/framework/framework';
import { listMemos, saveMemo } from '../../backend/memos/memos';
import { importFiles } from '../../backend/sources/import-sources';
import { getSource, listSources } from '../../backend/sources/queries';
import type { Study } from '../../backend/study/study';
import { makePdf, writeFile } from '../fixtures/make-files';
import { schemaErrors, unzipWithInfoZip } from '../helpers/refi';
import { addTextSource, codeId } from '../helpers/sources';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-qdpx-');

const CLIENT_TEXT = [
  'Noor vertelde op 12-03-2026 dat ze haar jeugdzorgwerker zelden ziet 😀 en dat vindt ze jammer.',
  'Moeder: het plan van aanpak is nooit met ons besproken.',
  'Jeugdzorgwerker: we hebben een wachtlijst voor passende hulp.',
].join('\n');

/** A study with a client file, a PDF, codings by two inspectors (valence, citeerbaar, note) and memos. */
async function codedStudy(): Promise<{ study: Study; clientId: string; pdfId: string }> {
  const study = newTestStudy(dir);
  const [noord, zuid] = study.institutions();
  const clientId = await addTextSource(study, dir, CLIENT_TEXT, { title: 'Cliëntdossier OTS – Noor (14)', institutionId: noord!.id, measure: 'ots', date: '2026-03-14' });
  const pdfPath = writeFile(dir, `beleid-${Math.random().toString(36).slice(2)}.pdf`, await makePdf([['Beleid over wachttijden.'], ['De monitorlijst wordt elke week besproken.']]));
  const [pdf] = await importFiles(study, [{ path: pdfPath, fileName: 'beleid.pdf' }], {
    institutionId: zuid!.id, sourceType: 'beleidsdocument', role: null, measure: null, date: null, inspectorId: null,
  });
  const pdfId = pdf?.status === 'imported' ? pdf.sourceId : '';
  const at = (text: string, part: string) => ({ start: text.indexOf(part), end: text.indexOf(part) + part.length });
  const client = getSource(study, clientId).text;
  createCodings(study, [
    { sourceId: clientId, codeId: codeId(study, 'contact'), ...at(client, 'Noor vertelde'), valence: 'negatief', note: 'Noor ziet haar werker weinig.', quotable: true },
    { sourceId: clientId, codeId: codeId(study, 'contact'), ...at(client, 'zelden ziet 😀'), valence: 'negatief', note: '', quotable: false },
    { sourceId: clientId, codeId: codeId(study, 'participatie'), ...at(client, 'het plan van aanpak is nooit met ons besproken'), valence: 'negatief', note: '', quotable: true },
    { sourceId: clientId, codeId: codeId(study, 'hulp'), ...at(client, 'wachtlijst voor passende hulp'), valence: 'neutraal', note: '', quotable: false },
  ], 'Coderen');
  const pdfText = getSource(study, pdfId).text;
  createCodings(study, [{ sourceId: pdfId, codeId: codeId(study, 'bestuur'), ...at(pdfText, 'monitorlijst'), valence: 'positief', note: '', quotable: false }], 'Coderen');
  // The second inspector codes the same fragment (double coding for agreement).
  study.setCurrentInspector(study.inspectors().find((i) => i.initials === 'IT')!.id);
  createCodings(study, [{ sourceId: clientId, codeId: codeId(study, 'veiligheid'), ...at(client, 'zelden ziet 😀'), valence: 'neutraal', note: '', quotable: false }], 'Coderen');
  saveMemo(study, 'source', clientId, 'Dossier is rommelig; Noor is 14.');
  saveMemo(study, 'code', codeId(study, 'hulp'), 'Wachtlijsten overal.');
  saveMemo(study, 'institution', noord!.id, 'Goede sfeer bij het bezoek.');
  return { study, clientId, pdfId };
}

/** Every live coding as something comparable across studies: source title, code path, coded text, coder, attributes. */
function codingFacts(study: Study): string[] {
  const codes = listCodes(study);
  const pathOf = (id: string): string => {
    const code = codes.find((c) => c.id === id)!;
    return code.parentId ? `${pathOf(code.parentId)} > ${code.name}` : code.name;
  };
  const inspectors = new Map(study.inspectors().map((i) => [i.id, i.name]));
  const rows = study.db.prepare('SELECT k.*, s.title FROM coding k JOIN source s ON s.id = k.source_id WHERE k.deleted = 0').all() as Array<Record<string, string | number>>;
  return rows
    .map((row) => {
      const text = getSource(study, String(row.source_id)).text.slice(Number(row.start), Number(row.end));
      return [row.title, pathOf(String(row.code_id)), text, inspectors.get(String(row.coder_id)), row.valence, row.quotable, row.note].join(' | ');
    })
    .sort();
}

function exported(dir: string, archive: Buffer): { folder: string; qde: string } {
  const folder = unzipWithInfoZip(dir, archive);
  return { folder, qde: join(folder, 'project.qde') };
}

describe('QDPX export', () => {
  it('writes a full project that the schema accepts, with users, codebook, sources, PDF originals, notes, variables, cases and sets', async () => {
    const { study } = await codedStudy();
    const { folder, qde } = exported(dir, await exportQdpx(study, 'full'));
    expect(schemaErrors(qde, 'Project.xsd')).toBe('');
    const xml = readFileSync(qde, 'utf8');
    expect(xml).toContain('name="Inspecteur Een"');
    expect(xml).toMatch(/<Code guid="[^"]+" name="Betekenisvol contact" isCodable="true" color="#2f6fb3"><Description>De jeugdzorgwerker/);
    expect(xml).toContain('<PDFSource');
    expect(xml).toContain('<Representation');
    expect(xml).toContain('<Case guid=');
    expect(xml).toContain('name="Bronsoort: Beleidsdocument"');
    expect(xml).toContain('<DateValue>2026-03-14</DateValue>');
    expect(xml).toContain('Noor ziet haar werker weinig.');
    const files = readdirSync(join(folder, 'sources'));
    expect(files.filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.txt'))).toHaveLength(2);
    study.close();
  });

  it('counts positions in code points of the exported text: an emoji is one character', async () => {
    const { study, clientId } = await codedStudy();
    const { folder, qde } = exported(dir, await exportQdpx(study, 'full'));
    const xml = readFileSync(qde, 'utf8');
    const text = readFileSync(join(folder, 'sources', `${clientId}.txt`), 'utf8');
    const codePoints = Array.from(text);
    const selections = [...xml.matchAll(/startPosition="(\d+)" endPosition="(\d+)"/g)].map((m) => codePoints.slice(Number(m[1]), Number(m[2])).join(''));
    expect(selections).toContain('zelden ziet 😀');
    expect(selections).toContain('wachtlijst voor passende hulp');
    study.close();
  });

  it('pseudonymises by default: no names or dates in texts, titles or notes, originals left out, codings still on their words', async () => {
    const { study, clientId } = await codedStudy();
    const { folder, qde } = exported(dir, await exportQdpx(study, 'pseudonymised'));
    expect(schemaErrors(qde, 'Project.xsd')).toBe('');
    const xml = readFileSync(qde, 'utf8');
    const text = readFileSync(join(folder, 'sources', `${clientId}.txt`), 'utf8');
    for (const leak of [/\bNoor\b/, /12-03-2026/, /Inspecteur Een/]) {
      expect(xml).not.toMatch(leak);
      expect(text).not.toMatch(leak);
    }
    expect(readdirSync(join(folder, 'sources')).some((f) => f.endsWith('.pdf'))).toBe(false);
    const codePoints = Array.from(text);
    const selections = [...xml.matchAll(/startPosition="(\d+)" endPosition="(\d+)"/g)].map((m) => codePoints.slice(Number(m[1]), Number(m[2])).join(''));
    expect(selections).toContain('[naam] vertelde');
    expect(selections).toContain('zelden ziet 😀');
    study.close();
  });
});

describe('QDPX round trip', () => {
  it('export then import into a new study reproduces sources, codes and codings exactly', async () => {
    const { study } = await codedStudy();
    const path = join(dir, 'rondreis.qdpx');
    writeFileSync(path, await exportQdpx(study, 'full'));
    const target = newTestStudy(dir, { name: 'Leeg', periodStart: null, periodEnd: null, institutions: [], inspectors: [{ name: 'Analist', initials: 'AN' }] });
    const result = await importQdpx(target, path);
    expect(result.codings.added).toBe(6);
    expect(codingFacts(target)).toEqual(codingFacts(study));
    const texts = (s: Study) => listSources(s).map((source) => [source.title, source.format, source.sourceType, source.measure, source.date, getSource(s, source.id).text]).sort();
    expect(texts(target)).toEqual(texts(study));
    const codePaths = (s: Study) => listCodes(s).map((c) => [c.name, c.color, c.definition]).sort();
    expect(codePaths(target)).toEqual(codePaths(study));
    expect(listMemos(target).map((m) => m.text).sort()).toEqual(listMemos(study).map((m) => m.text).sort());
    expect(target.institutions().map((i) => i.name)).toEqual(['GI Noord', 'GI Zuid']);

    const again = await importQdpx(target, path);
    expect(again.codings.added + again.sources.added + again.codes.added + again.memos.added + again.inspectorsAdded).toBe(0);
    expect(codingFacts(target)).toEqual(codingFacts(study));
    study.close();
    target.close();
  });

  it('importing a study’s own export into itself adds nothing', async () => {
    const { study } = await codedStudy();
    const path = join(dir, 'eigen.qdpx');
    writeFileSync(path, await exportQdpx(study, 'full'));
    const changes = (study.db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    const result = await importQdpx(study, path);
    expect(result.codings).toMatchObject({ added: 0, existing: 6 });
    expect((study.db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n).toBe(changes);
    study.close();
  });
});

describe('codebook (.qdc)', () => {
  it('exports the framework valid against Codebook.xsd and imports it into another study without adding codes', () => {
    const study = newTestStudy(dir);
    const path = join(dir, 'kader.qdc');
    writeFileSync(path, exportCodebook(study));
    expect(schemaErrors(path, 'Codebook.xsd')).toBe('');
    const other = newTestStudy(dir);
    const result = importCodebook(other, path);
    expect(result.codes).toEqual({ mapped: listCodes(study).length, added: 0 });
    study.close();
    other.close();
  });
});
