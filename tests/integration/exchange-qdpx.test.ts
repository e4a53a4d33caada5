import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCodebook, importQdpx, exportCodebook, exportQdpx } from '../../backend/exchange/exchange';
import { listCodes } from '../../backend/framework/framework';
import { listMemos } from '../../backend/memos/memos';
import { getSource, listSources } from '../../backend/sources/queries';
import type { Study } from '../../backend/study/study';
import { schemaErrors, unzipWithInfoZip } from '../helpers/refi';
import { newTestStudy, tempDir } from '../helpers/temp-study';
import { codedExchangeStudy } from '../helpers/coded-study';
import { studyAsProject } from '../../backend/exchange/export-project';
import { ExportPrivacy } from '../../backend/exchange/privacy-pass';
import { writeQdpx } from '../../backend/exchange/qdpx-archive';
import { addTextSource, codeId } from '../helpers/sources';
import { createCodings } from '../../backend/coding/codings';

const dir = tempDir('veldwerk-qdpx-');
const codedStudy = () => codedExchangeStudy(dir);

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
    expect(xml).toMatch(/<Code guid="[^"]+" name="Betekenisvol contact" isCodable="true" color="#[0-9a-f]{6}"><Description>De jeugdzorgwerker/);
    expect(xml).toContain('<PDFSource');
    expect(xml).toContain('<Representation');
    expect(xml).toContain('<Case guid=');
    expect(xml).toContain('name="Bronsoort: Beleidsdocument"');
    expect(xml).toContain('<DateValue>2026-03-14</DateValue>');
    expect(xml).toContain('Noor ziet haar werker weinig.');
    const files = readdirSync(join(folder, 'sources'));
    expect(files.filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
    // Two text representations; every note's text is a file of its own next to them (notes by plainTextPath).
    const noteFiles = new Set([...xml.matchAll(/<Note [^>]*plainTextPath="internal:\/\/([^"]+)"/g)].map((m) => m[1]));
    expect(noteFiles.size).toBeGreaterThan(0);
    expect(files.filter((f) => f.endsWith('.txt') && !noteFiles.has(f))).toHaveLength(2);
    expect([...noteFiles].every((f) => files.includes(f!))).toBe(true);
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

  it('pseudonymises by default: no names in texts, titles or notes (a visit date stays), originals left out, codings still on their words', async () => {
    const { study, clientId } = await codedStudy();
    const { folder, qde } = exported(dir, await exportQdpx(study, 'pseudonymised'));
    expect(schemaErrors(qde, 'Project.xsd')).toBe('');
    const xml = readFileSync(qde, 'utf8');
    const text = readFileSync(join(folder, 'sources', `${clientId}.txt`), 'utf8');
    expect(text).toContain('[naam] vertelde op 12-03-2026');
    const notes = readdirSync(join(folder, 'sources')).filter((f) => f.endsWith('.txt') && f !== `${clientId}.txt`).map((f) => readFileSync(join(folder, 'sources', f), 'utf8'));
    expect(notes.join('\n')).toContain('Dossier is rommelig');
    for (const leak of [/\bNoor\b/, /Inspecteur Een/]) {
      expect(xml).not.toMatch(leak);
      expect(text).not.toMatch(leak);
      for (const note of notes) expect(note).not.toMatch(leak);
    }
    expect(readdirSync(join(folder, 'sources')).some((f) => f.endsWith('.pdf'))).toBe(false);
    const codePoints = Array.from(text);
    const selections = [...xml.matchAll(/startPosition="(\d+)" endPosition="(\d+)"/g)].map((m) => codePoints.slice(Number(m[1]), Number(m[2])).join(''));
    expect(selections).toContain('[naam] vertelde');
    expect(selections).toContain('zelden ziet 😀');
    study.close();
  });
});

describe('QDPX export through the one privacy pass', () => {
  it('replaces details the study does not know as names: BSN, phone, e-mail, address, date of birth', async () => {
    const study = newTestStudy(dir);
    const text = "Moeder gaf BSN 111-222-333 door, bel 06.12.34.56.78 of mail j.jansen [at] voorbeeld.nl; zij woont aan De Wieken 9 en haar zoon is geb. 14-2-'08. Het contact met de jeugdzorgwerker was goed.";
    const sourceId = await addTextSource(study, dir, text, { title: 'Gesprek moeder' });
    const full = getSource(study, sourceId).text;
    createCodings(study, [{ sourceId, codeId: codeId(study, 'contact'), start: 0, end: full.length, valence: 'positief', note: '', quotable: true }], 'Coderen');
    const { folder, qde } = exported(dir, await exportQdpx(study, 'pseudonymised'));
    const everything = [readFileSync(qde, 'utf8'), ...readdirSync(join(folder, 'sources')).map((file) => readFileSync(join(folder, 'sources', file), 'utf8'))].join('\n');
    for (const detail of ['111-222-333', '06.12.34.56.78', 'voorbeeld.nl', 'De Wieken 9', "14-2-'08"]) expect(everything).not.toContain(detail);
    // What is not identifying stays.
    expect(everything).toContain('Het contact met de jeugdzorgwerker was goed.');
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

  it('a pseudonymised export coded in another program comes home onto the original text, adding no source', async () => {
    const { study, clientId } = await codedExchangeStudy(dir);
    const project = studyAsProject(study, new ExportPrivacy(study, 'pseudonymised'));
    const client = project.sources.find((source) => source.guid === clientId)!;
    const codePoints = Array.from(client.plainText);
    const from = client.plainText.indexOf('[naam] vertelde op 12-03-2026');
    const start = Array.from(client.plainText.slice(0, from)).length;
    const end = start + Array.from('[naam] vertelde op 12-03-2026').length;
    expect(codePoints.slice(start, end).join('')).toBe('[naam] vertelde op 12-03-2026');
    const elsewhere = project.users[0]!.guid;
    client.selections.push({
      guid: '0b7c9f2e-1111-4222-8333-444455556666', start, end, creatingUser: elsewhere, created: null, description: 'Gecodeerd in een ander programma.',
      codings: [{ guid: '0b7c9f2e-1111-4222-8333-444455556667', codeGuid: codeId(study, 'veiligheid'), creatingUser: elsewhere, created: null, noteGuids: [] }],
      noteGuids: [],
    });
    const path = join(dir, 'thuiskomst.qdpx');
    writeFileSync(path, await writeQdpx(project));
    const sources = listSources(study).length;
    const result = await importQdpx(study, path);
    expect(result).toMatchObject({ sources: { added: 0, existing: 2 }, codings: { added: 1, existing: 6 }, memos: { added: 0 } });
    expect(listSources(study)).toHaveLength(sources);
    const added = study.db.prepare("SELECT * FROM coding WHERE note = 'Gecodeerd in een ander programma.'").get() as { start: number; end: number };
    expect(getSource(study, clientId).text.slice(added.start, added.end)).toBe('Noor vertelde op 12-03-2026');
    study.close();
  });

  it.each(['full', 'pseudonymised'] as const)('importing a study’s own %s export into itself adds nothing', async (mode) => {
    const { study } = await codedStudy();
    const path = join(dir, `eigen-${mode}.qdpx`);
    writeFileSync(path, await exportQdpx(study, mode));
    const changes = (study.db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    const result = await importQdpx(study, path);
    expect(result).toMatchObject({ sources: { added: 0, existing: 2 }, codings: { added: 0, existing: 6 }, memos: { added: 0 }, inspectorsAdded: 0 });
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
