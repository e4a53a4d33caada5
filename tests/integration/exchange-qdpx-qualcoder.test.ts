/**
 * REFI-QDA exchange with QualCoder, tested against how QualCoder itself writes
 * and reads projects (ccbogel/QualCoder, src/qualcoder/refi.py; see
 * tests/fixtures/make-qualcoder-qdpx.ts for what its exporter does).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportQdpx, importQdpx } from '../../backend/exchange/exchange';
import { child, childrenNamed, parseXml, type XmlElement } from '../../backend/exchange/xml-tree';
import { createCode, listCodes } from '../../backend/framework/framework';
import { createCodings } from '../../backend/coding/codings';
import { listMemos } from '../../backend/memos/memos';
import { getSource, listSources } from '../../backend/sources/queries';
import type { Study } from '../../backend/study/study';
import { makeQualCoderQdpx, QC_ANNOTATED, QC_ANNOTATION, QC_CODINGS, QC_SOURCE_MEMO, QC_USERS } from '../fixtures/make-qualcoder-qdpx';
import { CLIENT_TEXT, codedExchangeStudy } from '../helpers/coded-study';
import { addTextSource, codeId } from '../helpers/sources';
import { schemaErrors, unzipWithInfoZip } from '../helpers/refi';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-qualcoder-');
let counter = 0;

async function qualCoderFile(lineEnds: 'lf' | 'maxqda' = 'lf'): Promise<string> {
  const path = join(dir, `qualcoder-${++counter}.qdpx`);
  writeFileSync(path, (await makeQualCoderQdpx({ lineEnds })).archive);
  return path;
}

/** Every live coding as "code | coded text | coder | note". */
function coded(study: Study): string[] {
  const codes = new Map(listCodes(study).map((c) => [c.id, c.name]));
  const inspectors = new Map(study.inspectors().map((i) => [i.id, i.name]));
  const rows = study.db.prepare('SELECT * FROM coding WHERE deleted = 0').all() as Array<{ source_id: string; code_id: string; start: number; end: number; coder_id: string; note: string }>;
  return rows.map((r) => `${codes.get(r.code_id)} | ${getSource(study, r.source_id).text.slice(r.start, r.end)} | ${inspectors.get(r.coder_id)} | ${r.note}`).sort();
}

const CODE_NAMES = { contact: 'Betekenisvol contact', phone: 'Alleen telefonisch', plan: 'Plan niet besproken', waiting: 'Wachtlijst' } as const;

/** What QualCoder's selections cover, written out from the fixture's own phrases (the text Veldwerk must show). */
const expectedCodings = () =>
  QC_CODINGS.map((c) => `${CODE_NAMES[c.code]} | ${c.phrase.replace(/ +$/, '')} | ${QC_USERS[c.user]} | ${c.memo}`).sort();

const changeCount = (study: Study) => (study.db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;

describe('a project exported by QualCoder', () => {
  it('is what the standard allows, as QualCoder writes it (its export does not validate itself)', async () => {
    const path = join(dir, 'qualcoder.qde');
    writeFileSync(path, (await makeQualCoderQdpx()).xml);
    expect(schemaErrors(path, 'Project.xsd')).toBe('');
  });

  it('imports into a new study: every coding on the same words, users as inspectors, codes with their tree and colours, notes as memos; a second import adds nothing', async () => {
    const study = newTestStudy(dir);
    const inspectorsBefore = study.inspectors().length;
    const path = await qualCoderFile();
    const result = await importQdpx(study, path);
    expect(result.sources).toMatchObject({ added: 2, existing: 0, skipped: [] });
    expect(result.codings.unplaced).toBe(0);
    expect(coded(study)).toEqual(expectedCodings());

    // QualCoder's users are its owner names; "default" (its coder name when none is set) owns the sources, so it is kept as who added them.
    expect(study.inspectors()).toHaveLength(inspectorsBefore + 3);
    expect(study.inspectors().map((i) => i.name)).toEqual(expect.arrayContaining([QC_USERS.anna, QC_USERS.bram, QC_USERS.owner]));

    const codes = listCodes(study);
    const byName = (name: string) => codes.find((c) => c.name === name)!;
    expect(byName('Alleen telefonisch').parentId).toBe(byName('Betekenisvol contact').id);
    expect(byName('Plan niet besproken').parentId).toBe(byName('Plan').id);
    expect(byName('Plan').parentId).toBe(byName('Contact met de jeugdige').id);
    // "Betekenisvol contact" is a norm of the framework already: mapped onto it by name, the rest added with QualCoder's colours.
    expect(result.codes).toEqual({ mapped: 1, added: 5 });
    expect(codes.filter((c) => c.name === 'Betekenisvol contact')).toHaveLength(1);
    expect(byName('Alleen telefonisch').color).toBe('#fa8258');
    expect(byName('Wachtlijst').color).toBe('#f5d0a9');

    const interview = listSources(study).find((s) => s.title === 'Interview moeder.txt')!;
    expect(interview).toBeDefined();
    // The BOM QualCoder writes is no character of the text.
    expect(getSource(study, interview.id).text.startsWith('Interviewer:')).toBe(true);
    // The source's Description is QualCoder's source memo; the annotation (a note with its own selection, referred
    // to by the source's NoteRef) becomes a memo on the same words.
    expect(listMemos(study, { targetType: 'source', targetId: interview.id }).map((m) => m.text)).toEqual([QC_SOURCE_MEMO]);
    const passages = listMemos(study, { targetType: 'source', targetId: interview.id }, true).filter((m) => m.start !== null);
    expect(passages.map((m) => [m.text, getSource(study, interview.id).text.slice(m.start!, m.end!)])).toEqual([[QC_ANNOTATION, QC_ANNOTATED]]);
    // The journal entry refers to nothing in the project: it has no place in the study and is counted as skipped.
    expect(result.memos.skipped).toBe(1);

    const before = changeCount(study);
    const again = await importQdpx(study, path);
    expect(again).toMatchObject({ sources: { added: 0, existing: 2 }, codings: { added: 0, existing: QC_CODINGS.length }, memos: { added: 0 }, inspectorsAdded: 0 });
    expect(changeCount(study)).toBe(before);
    study.close();
  });

  it('with QualCoder\'s "MAXQDA" line ends (CRLF in the files, positions counted on LF) every coding still lands on its words', async () => {
    const study = newTestStudy(dir);
    const result = await importQdpx(study, await qualCoderFile('maxqda'));
    expect(result.codings.unplaced).toBe(0);
    expect(coded(study)).toEqual(expectedCodings());
    study.close();
  });
});

/** All elements under `root`, depth first. */
function all(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(all)];
}

/**
 * What QualCoder's importer needs, read in ccbogel/QualCoder,
 * src/qualcoder/refi.py, class RefiImport (the function named at each check).
 * The archive is unpacked with Info-ZIP, as QualCoder's zipfile.extractall would.
 */
describe('a Veldwerk export as QualCoder\'s importer reads it', () => {
  it('has every attribute QualCoder reads, files where it looks, and positions that slice its text onto the coded words', async () => {
    const { study, clientId } = await codedExchangeStudy(dir);
    const folder = unzipWithInfoZip(dir, await exportQdpx(study, 'full'));
    const root = parseXml(readFileSync(join(folder, 'project.qde'), 'utf8'), 'project.qde');
    // import_project: tags are matched as {urn:QDA-XML:project:1.0}Name.
    expect(all(root).every((e) => e.uri === 'urn:QDA-XML:project:1.0')).toBe(true);
    // parse_project_tag: origin.upper() — a project without origin stops the import.
    expect(root.attrs.origin).toBeTruthy();
    // parse_users: guid and name.
    const users = childrenNamed(child(root, 'Users')!, 'User');
    expect(users.every((u) => u.attrs.guid && u.attrs.name)).toBe(true);

    // import_project: list(CodeBook)[0] is taken as Codes. sub_codes: code_name.name is unique in QualCoder
    // (a second code of the same name loses its codings); color_matcher turns any colour not "#rrggbb" grey.
    const codeBook = child(root, 'CodeBook')!;
    expect(codeBook.children[0]!.name).toBe('Codes');
    const codes = all(codeBook).filter((e) => e.name === 'Code');
    const codable = codes.filter((c) => c.attrs.isCodable !== 'false').map((c) => c.attrs.name);
    expect(new Set(codable).size).toBe(codable.length);
    expect(codes.filter((c) => c.attrs.color).every((c) => /^#[0-9a-fA-F]{6}$/.test(c.attrs.color!))).toBe(true);
    const codeGuids = new Set(codes.map((c) => c.attrs.guid));

    // name_creating_user_create_date_source_path_helper: no path → plainTextPath.split('internal:/')[1] under "sources";
    // load_text_source opens it with encoding="utf-8" (a BOM would be a character) and, when the first line ends in
    // "\r\n", puts a space after every line end (positions would shift).
    const plainText = (holder: XmlElement) => {
      const path = join(folder, 'sources', holder.attrs.plainTextPath!.split('internal:/')[1]!);
      expect(existsSync(path)).toBe(true);
      const bytes = readFileSync(path);
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
      expect(bytes.includes('\r')).toBe(false);
      return bytes.toString('utf8');
    };
    const sources = child(root, 'Sources')!.children;
    const holders = sources.map((s) => (s.name === 'PDFSource' ? child(s, 'Representation')! : s));
    for (const source of sources.filter((s) => s.attrs.path)) {
      expect(source.attrs.path).toMatch(/^internal:\/\//);
      expect(existsSync(join(folder, 'sources', source.attrs.path!.split('internal:/')[1]!))).toBe(true);
    }

    // load_codings_for_text: seltext = fulltext[int(startPosition):int(endPosition)] (Python: code points);
    // list(Coding)[0] is taken as CodeRef; the selection's Description is the coding memo.
    const codings = study.db.prepare('SELECT * FROM coding WHERE deleted = 0').all() as Array<{ id: string; source_id: string; start: number; end: number; note: string }>;
    let checked = 0;
    for (const holder of holders) {
      const fullText = Array.from(plainText(holder));
      for (const selection of childrenNamed(holder, 'PlainTextSelection')) {
        const coding = codings.find((c) => c.id === selection.attrs.guid)!;
        const seltext = fullText.slice(Number(selection.attrs.startPosition), Number(selection.attrs.endPosition)).join('');
        expect(seltext).toBe(getSource(study, coding.source_id).text.slice(coding.start, coding.end));
        expect(child(selection, 'Description')?.text ?? '').toBe(coding.note);
        for (const c of childrenNamed(selection, 'Coding')) {
          expect(c.children[0]!.name).toBe('CodeRef');
          expect(codeGuids.has(c.children[0]!.attrs.targetGUID)).toBe(true);
        }
        checked++;
      }
    }
    expect(checked).toBe(codings.length);

    // parse_notes: creationDateTime (or modifiedDateTime) is read for every note before anything else — without it
    // the import stops; only a note with plainTextPath is read (as a journal); a second note of the same name stops
    // the import (randint(100-999)).
    const notes = childrenNamed(child(root, 'Notes')!, 'Note');
    expect(notes.length).toBeGreaterThanOrEqual(4);
    expect(notes.every((n) => n.attrs.creationDateTime || n.attrs.modifiedDateTime)).toBe(true);
    expect(new Set(notes.map((n) => n.attrs.name)).size).toBe(notes.length);
    const noteTexts = notes.map((n) => plainText(n));
    // load_text_source: the source memo is the source's Description; a note the source refers to by NoteRef is taken
    // for an annotation and, without a PlainTextSelection in it, dropped (parse_notes → insert_annotation).
    expect(child(sources.find((s) => s.attrs.guid === clientId)!, 'Description')?.text).toBe('Dossier is rommelig; Noor is 14.');
    expect(noteTexts).toEqual(expect.arrayContaining(['Dossier is rommelig; Noor is 14.', 'Wachtlijsten overal.', 'Goede sfeer bij het bezoek.', 'Noor ziet haar werker weinig.']));
    study.close();
  });

  it('gives a code name used twice its parent\'s name (QualCoder keeps one code per name), and the import matches it back', async () => {
    const addOther = (study: Study) =>
      ['contact', 'hulp'].map((parent) => createCode(study, { parentId: codeId(study, parent), kind: 'subcode', name: 'Overig', definition: '', color: '#abc' }));
    const study = newTestStudy(dir);
    const others = addOther(study);
    const sourceId = await addTextSource(study, dir, CLIENT_TEXT, { title: 'Dossier' });
    const text = getSource(study, sourceId).text;
    const at = (part: string) => ({ start: text.indexOf(part), end: text.indexOf(part) + part.length });
    createCodings(study, [
      { sourceId, codeId: others[0]!.id, ...at('zelden ziet'), valence: 'neutraal', note: '', quotable: false },
      { sourceId, codeId: others[1]!.id, ...at('wachtlijst'), valence: 'neutraal', note: '', quotable: false },
    ], 'Coderen');
    const archive = await exportQdpx(study, 'full');
    const xml = readFileSync(join(unzipWithInfoZip(dir, archive), 'project.qde'), 'utf8');
    const parents = ['contact', 'hulp'].map((key) => listCodes(study).find((c) => c.key === key)!.name);
    for (const parent of parents) expect(xml).toContain(`name="Overig (${parent})" isCodable="true" color="#aabbcc"`);
    study.close();

    const other = newTestStudy(dir);
    const ownOthers = addOther(other);
    const path = join(dir, `dubbele-namen-${++counter}.qdpx`);
    writeFileSync(path, archive);
    const result = await importQdpx(other, path);
    expect(result.codes.added).toBe(0);
    const codedOn = (other.db.prepare('SELECT code_id FROM coding WHERE deleted = 0').pluck().all() as string[]).sort();
    expect(codedOn).toEqual(ownOthers.map((c) => c.id).sort());
    other.close();
  });
});
