/**
 * Projects written the way other QDA programs write them (by hand here: CRLF
 * text, braces and upper-case GUIDs, a PDF with a text representation, users
 * without codings, codes without colours, comments as selection descriptions)
 * and hostile ones, which must be refused with nothing stored.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { readQdpxEntries, QDPX_LIMITS } from '../../backend/exchange/qdpx-archive';
import { importCodebook, importQdpx } from '../../backend/exchange/exchange';
import { listCodes } from '../../backend/framework/framework';
import { listMemos } from '../../backend/memos/memos';
import { getSource, listSources } from '../../backend/sources/queries';
import type { Study } from '../../backend/study/study';
import { undo } from '../../backend/undo/undo';
import { makePdf } from '../fixtures/make-files';
import { schemaErrors } from '../helpers/refi';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-qdpx-vreemd-');

const G = {
  userAnna: '{A1B2C3D4-0000-4000-8000-000000000001}',
  userBram: 'A1B2C3D4-0000-4000-8000-000000000002',
  userNoCodings: 'A1B2C3D4-0000-4000-8000-000000000003',
  category: 'B0000000-0000-4000-8000-000000000001',
  contact: 'B0000000-0000-4000-8000-000000000002',
  own: 'B0000000-0000-4000-8000-000000000003',
  waiting: 'B0000000-0000-4000-8000-000000000004',
  interview: 'C0000000-0000-4000-8000-000000000001',
  pdf: 'C0000000-0000-4000-8000-000000000002',
  pdfText: 'C0000000-0000-4000-8000-000000000003',
  sel1: 'D0000000-0000-4000-8000-000000000001',
  sel2: 'D0000000-0000-4000-8000-000000000002',
  sel3: 'D0000000-0000-4000-8000-000000000003',
  cod1: 'E0000000-0000-4000-8000-000000000001',
  cod2: 'E0000000-0000-4000-8000-000000000002',
  cod3: 'E0000000-0000-4000-8000-000000000003',
  cod4: 'E0000000-0000-4000-8000-000000000004',
  note: 'F0000000-0000-4000-8000-000000000001',
  varRole: 'F1000000-0000-4000-8000-000000000001',
  varDate: 'F1000000-0000-4000-8000-000000000002',
  caseEast: 'F2000000-0000-4000-8000-000000000001',
};

/** Windows line ends, a decomposed ë and an emoji outside the BMP: positions count code points of this text as written. */
const INTERVIEW = 'Interviewer: Hoe vaak zie je haar?\r\nOuder: Eigenlijk nooit. Ze belt alleen 📞.\r\nOuder: Over het plan van aanpak is niets gezegd, ook niet over de wachtlijst.\r\nOuder: Mijn dochter is daar heel verdrie\u0308tig over.\r\n';
const PDF_TEXT = 'Jaarverslag 2025\r\nDe wachtlijst is in het najaar gegroeid.\r\n';

const cp = (text: string, part: string) => {
  const at = text.indexOf(part);
  return { start: Array.from(text.slice(0, at)).length, end: Array.from(text.slice(0, at)).length + Array.from(part).length };
};

function projectXml(overrides: { interviewSelections?: string; doctype?: string } = {}): string {
  const s1 = cp(INTERVIEW, 'Eigenlijk nooit. Ze belt alleen 📞.');
  const s2 = cp(INTERVIEW, 'Over het plan van aanpak is niets gezegd');
  const s3 = cp(PDF_TEXT, 'De wachtlijst is in het najaar gegroeid.');
  const selections =
    overrides.interviewSelections ??
    `<PlainTextSelection guid="${G.sel1}" name="nooit" startPosition="${s1.start}" endPosition="${s1.end}" creatingUser="${G.userAnna}">
        <Description>Belangrijk: contact alleen telefonisch.</Description>
        <Coding guid="${G.cod1}" creatingUser="${G.userAnna}"><CodeRef targetGUID="${G.contact}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="${G.sel2}" startPosition="${s2.start}" endPosition="${s2.end}" creatingUser="${G.userBram}">
        <Coding guid="${G.cod2}" creatingUser="${G.userBram}"><CodeRef targetGUID="${G.own}"/></Coding>
        <Coding guid="${G.cod3}" creatingUser="${G.userBram}"><CodeRef targetGUID="${G.contact}"/></Coding>
      </PlainTextSelection>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${overrides.doctype ?? ''}
<Project xmlns="urn:QDA-XML:project:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="Onderzoek Oost" origin="Een ander QDA-programma 24.1" creationDateTime="2026-02-01T10:00:00Z">
  <Users>
    <User guid="${G.userAnna}" name="Anna Analist"/>
    <User guid="${G.userBram}" name="Bram Beoordelaar"/>
    <User guid="${G.userNoCodings}" name="Carla Collega"/>
  </Users>
  <CodeBook><Codes>
    <Code guid="${G.category}" name="Thema's" isCodable="false">
      <Code guid="${G.contact}" name="Betekenisvol contact" isCodable="true"/>
      <Code guid="${G.own}" name="Plan niet besproken" isCodable="true"><Description>Eigen code van het team.</Description></Code>
    </Code>
    <Code guid="${G.waiting}" name="Wachtlijst" isCodable="true" color="#F00"/>
  </Codes></CodeBook>
  <Variables>
    <Variable guid="${G.varRole}" name="Rol" typeOfVariable="Text"/>
    <Variable guid="${G.varDate}" name="Datum" typeOfVariable="Date"/>
  </Variables>
  <Cases><Case guid="${G.caseEast}" name="GI Oost"><SourceRef targetGUID="${G.interview}"/></Case></Cases>
  <Sources>
    <TextSource guid="${G.interview}" name="Interview moeder" plainTextPath="internal://${G.interview}.txt" creatingUser="${G.userAnna}">
      ${selections}
      <NoteRef targetGUID="${G.note}"/>
      <VariableValue><VariableRef targetGUID="${G.varRole}"/><TextValue>Ouder</TextValue></VariableValue>
      <VariableValue><VariableRef targetGUID="${G.varDate}"/><DateValue>2026-01-20</DateValue></VariableValue>
    </TextSource>
    <PDFSource guid="${G.pdf}" name="Jaarverslag" path="internal://${G.pdf}.pdf">
      <PDFSelection guid="D0000000-0000-4000-8000-0000000000a1" page="1" firstX="10" firstY="10" secondX="200" secondY="40">
        <Coding guid="E0000000-0000-4000-8000-0000000000a1"><CodeRef targetGUID="${G.waiting}"/></Coding>
      </PDFSelection>
      <Representation guid="${G.pdfText}" plainTextPath="internal://${G.pdfText}.txt">
        <PlainTextSelection guid="${G.sel3}" startPosition="${s3.start}" endPosition="${s3.end}">
          <Coding guid="${G.cod4}" creatingUser="${G.userBram}"><CodeRef targetGUID="${G.waiting}"/></Coding>
        </PlainTextSelection>
      </Representation>
    </PDFSource>
    <PictureSource guid="C0000000-0000-4000-8000-0000000000b1" name="Foto van het prikbord" path="internal://C0000000-0000-4000-8000-0000000000b1.jpg">
      <PictureSelection guid="D0000000-0000-4000-8000-0000000000b1" firstX="0" firstY="0" secondX="5" secondY="5">
        <Coding guid="E0000000-0000-4000-8000-0000000000b1"><CodeRef targetGUID="${G.contact}"/></Coding>
      </PictureSelection>
    </PictureSource>
  </Sources>
  <Notes><Note guid="${G.note}" name="Indruk" creatingUser="${G.userAnna}"><PlainTextContent>Moeder was open en boos.</PlainTextContent></Note></Notes>
</Project>`;
}

async function zip(entries: Record<string, Buffer | string>): Promise<Buffer> {
  const archive = new yazl.ZipFile();
  for (const [name, data] of Object.entries(entries)) archive.addBuffer(Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8'), name);
  archive.end();
  const chunks: Buffer[] = [];
  for await (const chunk of archive.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

let counter = 0;
async function projectFile(xml: string, extra: Record<string, Buffer | string> = {}): Promise<string> {
  const path = join(dir, `vreemd-${++counter}.qdpx`);
  writeFileSync(
    path,
    await zip({
      'project.qde': xml,
      [`sources/${G.interview}.txt`]: INTERVIEW,
      [`sources/${G.pdf}.pdf`]: await makePdf([['Jaarverslag 2025'], ['De wachtlijst is in het najaar gegroeid.']]),
      [`sources/${G.pdfText}.txt`]: PDF_TEXT,
      ...extra,
    }),
  );
  return path;
}

function coded(study: Study): string[] {
  const codes = new Map(listCodes(study).map((c) => [c.id, c.name]));
  const inspectors = new Map(study.inspectors().map((i) => [i.id, i.name]));
  const rows = study.db.prepare('SELECT * FROM coding WHERE deleted = 0').all() as Array<{ source_id: string; code_id: string; start: number; end: number; coder_id: string; note: string }>;
  return rows.map((r) => `${codes.get(r.code_id)} | ${getSource(study, r.source_id).text.slice(r.start, r.end)} | ${inspectors.get(r.coder_id)} | ${r.note}`).sort();
}

const changeCount = (study: Study) => (study.db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;

describe('a project written by another program', () => {
  it('is valid against the schema as written here (the test input is what the standard allows)', () => {
    const path = join(dir, 'vreemd.qde');
    writeFileSync(path, projectXml());
    expect(schemaErrors(path, 'Project.xsd')).toBe('');
  });

  it('imports: CRLF text and code points mapped onto the normalised text, PDF with its original, codes mapped or added, users mapped', async () => {
    const study = newTestStudy(dir);
    const result = await importQdpx(study, await projectFile(projectXml()));
    expect(result.sources).toMatchObject({ added: 2, existing: 0, skipped: ['Foto van het prikbord'] });
    expect(result.codings.unplaced).toBe(2);
    expect(result.codes).toEqual({ mapped: 1, added: 3 });
    expect(result.inspectorsAdded).toBe(2);
    expect(study.inspectors().map((i) => i.name)).not.toContain('Carla Collega');
    expect(coded(study)).toEqual([
      'Betekenisvol contact | Eigenlijk nooit. Ze belt alleen 📞. | Anna Analist | Belangrijk: contact alleen telefonisch.',
      'Betekenisvol contact | Over het plan van aanpak is niets gezegd | Bram Beoordelaar | ',
      'Plan niet besproken | Over het plan van aanpak is niets gezegd | Bram Beoordelaar | ',
      'Wachtlijst | De wachtlijst is in het najaar gegroeid. | Bram Beoordelaar | ',
    ]);
    const sources = listSources(study);
    const interview = sources.find((s) => s.title === 'Interview moeder')!;
    expect(interview).toMatchObject({ role: 'ouder', date: '2026-01-20', format: 'txt' });
    expect(getSource(study, interview.id).text).toContain('heel verdriëtig over.\n');
    expect(study.institutions().find((i) => i.id === interview.institutionId)?.name).toBe('GI Oost');
    expect(sources.find((s) => s.title === 'Jaarverslag')).toMatchObject({ format: 'pdf', sourceType: 'overig' });
    const added = listCodes(study).filter((c) => ['Thema\'s', 'Plan niet besproken', 'Wachtlijst'].includes(c.name));
    expect(added.map((c) => c.color).sort()).toEqual(['#8a8a8a', '#8a8a8a', '#ff0000']);
    expect(listMemos(study, { targetType: 'source', targetId: interview.id }).map((m) => m.text)).toEqual(['Moeder was open en boos.']);

    const before = changeCount(study);
    const again = await importQdpx(study, await projectFile(projectXml()));
    expect(again).toMatchObject({ sources: { added: 0, existing: 2 }, codings: { added: 0, existing: 4 }, memos: { added: 0 }, inspectorsAdded: 0 });
    expect(changeCount(study)).toBe(before);
    study.close();
  });

  it('follows a mapping of codes onto norms and users onto inspectors, and undoes as one action', async () => {
    const study = newTestStudy(dir);
    const before = { changes: listCodes(study).length, sources: listSources(study).length };
    await importQdpx(study, await projectFile(projectXml()), { codes: { Wachtlijst: 'hulp.wachttijd', [G.own.toLowerCase()]: 'participatie.plan' }, users: { 'Bram Beoordelaar': 'IT' } });
    expect(coded(study)).toContain('Wachttijden | De wachtlijst is in het najaar gegroeid. | Inspecteur Twee | ');
    expect(coded(study)).toContain('Plan van aanpak samen opgesteld | Over het plan van aanpak is niets gezegd | Inspecteur Twee | ');
    expect(undo(study)).toBe('Project "Onderzoek Oost" importeren');
    expect(coded(study)).toEqual([]);
    expect(listSources(study)).toHaveLength(before.sources);
    expect(listCodes(study)).toHaveLength(before.changes);
    study.close();
  });
});

describe('hostile or broken projects are refused with a Dutch message and nothing stored', () => {
  const refused = async (path: string, message: RegExp) => {
    const study = newTestStudy(dir);
    const before = changeCount(study);
    await expect(importQdpx(study, path)).rejects.toThrow(message);
    expect(changeCount(study)).toBe(before);
    study.close();
  };

  it('entity expansion ("billion laughs") in a DOCTYPE', async () => {
    const laughs = `<!DOCTYPE Project [<!ENTITY a "hahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>`;
    await refused(await projectFile(projectXml({ doctype: laughs }).replace('name="Onderzoek Oost"', 'name="&c;"')), /DOCTYPE/);
  });

  it('an external entity', async () => {
    const external = `<!DOCTYPE Project [<!ENTITY geheim SYSTEM "file:///etc/passwd">]>`;
    await refused(await projectFile(projectXml({ doctype: external }).replace('name="Onderzoek Oost"', 'name="&geheim;"')), /DOCTYPE/);
  });

  it('an undeclared entity reference without a DOCTYPE', async () => {
    await refused(await projectFile(projectXml().replace('name="Onderzoek Oost"', 'name="&geheim;"')), /geen geldige XML/);
  });

  it('a selection outside its text', async () => {
    const outside = `<PlainTextSelection guid="${G.sel1}" startPosition="10" endPosition="100000"><Coding guid="${G.cod1}"><CodeRef targetGUID="${G.contact}"/></Coding></PlainTextSelection>`;
    await refused(await projectFile(projectXml({ interviewSelections: outside })), /buiten de tekst/);
  });

  it('a coding of a code that is not in the codebook', async () => {
    const missing = `<PlainTextSelection guid="${G.sel1}" startPosition="0" endPosition="5"><Coding guid="${G.cod1}"><CodeRef targetGUID="B0000000-0000-4000-8000-0000000000ff"/></Coding></PlainTextSelection>`;
    await refused(await projectFile(projectXml({ interviewSelections: missing })), /niet in het codeboek/);
  });

  it('a source path outside the archive', async () => {
    await refused(await projectFile(projectXml().replace(`internal://${G.interview}.txt`, 'file:///etc/passwd')), /buiten het project/);
  });

  it('a zip bomb entry', async () => {
    await refused(await projectFile(projectXml(), { 'sources/opvulling.txt': Buffer.alloc(4 * 1024 * 1024) }), /keer zo groot/);
  });

  it('too many entries, and a file that is no zip at all', async () => {
    const path = await projectFile(projectXml());
    await expect(readQdpxEntries(path, { ...QDPX_LIMITS, maxEntries: 3 })).rejects.toThrow(/meer dan 3 bestanden/);
    const notZip = join(dir, 'geen-zip.qdpx');
    writeFileSync(notZip, 'dit is geen zip');
    await refused(notZip, /zip-archief is beschadigd/);
  });
});

describe('a codebook (.qdc) from another program', () => {
  const codebook = (body: string, doctype = '') =>
    `<?xml version="1.0" encoding="utf-8"?>${doctype}<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Ander programma"><Codes>${body}</Codes></CodeBook>`;

  it('maps codes named like norms and adds the others under their parent, valid against Codebook.xsd as written', () => {
    const path = join(dir, 'vreemd.qdc');
    writeFileSync(
      path,
      codebook(`<Code guid="${G.contact}" name="betekenisvol contact" isCodable="true"><Code guid="${G.own}" name="Contact via app" isCodable="true"><Description>Berichten in plaats van gesprekken.</Description></Code></Code><Code guid="${G.waiting}" name="Wachtlijst" isCodable="true" color="#0a0"/>`),
    );
    expect(schemaErrors(path, 'Codebook.xsd')).toBe('');
    const study = newTestStudy(dir);
    expect(importCodebook(study, path).codes).toEqual({ mapped: 1, added: 2 });
    const codes = listCodes(study);
    const app = codes.find((code) => code.name === 'Contact via app')!;
    expect(codes.find((code) => code.id === app.parentId)?.key).toBe('contact');
    expect(app).toMatchObject({ key: 'contact.contact-via-app', kind: 'subcode', definition: 'Berichten in plaats van gesprekken.' });
    expect(codes.find((code) => code.name === 'Wachtlijst')?.color).toBe('#00aa00');
    expect(importCodebook(study, path).codes).toEqual({ mapped: 3, added: 0 });
    study.close();
  });

  it('refuses a codebook with a DOCTYPE, and one whose root is not CodeBook, storing nothing', () => {
    const study = newTestStudy(dir);
    const before = changeCount(study);
    const laughs = join(dir, 'lachen.qdc');
    writeFileSync(laughs, codebook(`<Code guid="${G.own}" name="&a;" isCodable="true"/>`, '<!DOCTYPE CodeBook [<!ENTITY a "haha">]>'));
    expect(() => importCodebook(study, laughs)).toThrow(/DOCTYPE/);
    const wrong = join(dir, 'verkeerd.qdc');
    writeFileSync(wrong, '<?xml version="1.0"?><Project name="x"/>');
    expect(() => importCodebook(study, wrong)).toThrow(/hoofdelement/);
    expect(changeCount(study)).toBe(before);
    study.close();
  });
});
