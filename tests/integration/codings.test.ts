import { describe, expect, it } from 'vitest';
import { codingsForSource, createCodings, deleteCoding, updateCoding } from '../../backend/coding/codings';
import { autocode } from '../../backend/coding/autocode';
import { getSource } from '../../backend/sources/queries';
import { importFiles } from '../../backend/sources/import-sources';
import { Study } from '../../backend/study/study';
import { redo, undo, undoState } from '../../backend/undo/undo';
import { makePdf, writeFile } from '../fixtures/make-files';
import { addTextSource, codeId } from '../helpers/sources';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir();

const neutral = { valence: 'neutraal' as const, note: '', quotable: false };

describe('coding offsets', () => {
  it('point at the same text after NFC normalisation of decomposed input', async () => {
    const study = newTestStudy(dir);
    // "geïnformeerd" written with a combining diaeresis: NFC makes it one code unit shorter.
    const sourceId = await addTextSource(study, dir, 'De ouders zijn gei\u0308nformeerd over het plan.');
    const { text } = getSource(study, sourceId);
    const start = text.indexOf('geïnformeerd');
    expect(start).toBeGreaterThan(0);
    const [coding] = createCodings(study, [{ sourceId, codeId: codeId(study, 'participatie'), start, end: start + 'geïnformeerd'.length, ...neutral }], 'Coderen');
    expect(text.slice(coding!.start, coding!.end)).toBe('geïnformeerd');
    study.close();
  });

  it('never split an emoji: a span ending inside a surrogate pair is widened', async () => {
    const study = newTestStudy(dir);
    const sourceId = await addTextSource(study, dir, 'Jeugdige: het gaat goed 😀 echt waar.');
    const { text } = getSource(study, sourceId);
    const emoji = text.indexOf('😀');
    const [coding] = createCodings(study, [{ sourceId, codeId: codeId(study, 'contact'), start: emoji + 1, end: emoji + 1 + 1, ...neutral }], 'Coderen');
    expect(text.slice(coding!.start, coding!.end)).toBe('😀');
    const [after] = createCodings(study, [{ sourceId, codeId: codeId(study, 'contact'), start: text.indexOf('echt'), end: text.length, ...neutral }], 'Coderen');
    expect(text.slice(after!.start, after!.end)).toBe('echt waar.');
    study.close();
  });

  it('stay right on later pages of a multi-page PDF', async () => {
    const study = newTestStudy(dir);
    const path = writeFile(dir, 'drie-paginas.pdf', await makePdf([['Eerste pagina.'], ['Tweede pagina met een huisbezoek.'], ['Derde pagina: Noëlle is gezien.']]));
    const [outcome] = await importFiles(study, [{ path, fileName: 'drie-paginas.pdf' }], {
      institutionId: study.institutions()[0]!.id, sourceType: 'clientdossier', role: null, measure: 'ots', date: null, inspectorId: null,
    });
    const source = getSource(study, outcome?.status === 'imported' ? outcome.sourceId : '');
    const start = source.text.indexOf('Noëlle');
    expect(start).toBeGreaterThanOrEqual(source.pageStarts![2]!);
    const [coding] = createCodings(study, [{ sourceId: source.id, codeId: codeId(study, 'veiligheid'), start, end: start + 6, ...neutral }], 'Coderen');
    expect(source.text.slice(coding!.start, coding!.end)).toBe('Noëlle');
    study.close();
  });

  it('are refused outside the text', async () => {
    const study = newTestStudy(dir);
    const sourceId = await addTextSource(study, dir, 'Kort.');
    expect(() => createCodings(study, [{ sourceId, codeId: codeId(study, 'contact'), start: 2, end: 99, ...neutral }], 'Coderen')).toThrow(/buiten de tekst/);
    expect(() => createCodings(study, [{ sourceId, codeId: codeId(study, 'contact'), start: 3, end: 3, ...neutral }], 'Coderen')).toThrow(/buiten de tekst/);
    study.close();
  });
});

describe('coders', () => {
  it('keeps two inspectors coding the same text as two codings', async () => {
    const study = newTestStudy(dir);
    const sourceId = await addTextSource(study, dir, 'Het plan van aanpak is samen met moeder gemaakt.');
    const [first, second] = study.inspectors();
    study.setCurrentInspector(first!.id);
    createCodings(study, [{ sourceId, codeId: codeId(study, 'participatie'), start: 4, end: 19, ...neutral }], 'Coderen');
    study.setCurrentInspector(second!.id);
    createCodings(study, [{ sourceId, codeId: codeId(study, 'participatie'), start: 4, end: 19, ...neutral }], 'Coderen');
    const codings = codingsForSource(study, sourceId);
    expect(codings).toHaveLength(2);
    expect(new Set(codings.map((coding) => coding.coderId))).toEqual(new Set([first!.id, second!.id]));
    expect(codingsForSource(study, sourceId, first!.id)).toHaveLength(1);
    study.close();
  });
});

describe('undo and redo', () => {
  it('undoes and redoes creating, editing and deleting a coding', async () => {
    const study = newTestStudy(dir);
    const sourceId = await addTextSource(study, dir, 'Veiligheid is besproken met de jeugdige alleen.');
    const contact = codeId(study, 'contact');
    const veiligheid = codeId(study, 'veiligheid');
    const [coding] = createCodings(study, [{ sourceId, codeId: veiligheid, start: 0, end: 10, ...neutral }], 'Coderen');
    updateCoding(study, coding!.id, { valence: 'positief', codeId: contact });
    deleteCoding(study, coding!.id);
    expect(codingsForSource(study, sourceId)).toHaveLength(0);
    expect(undoState(study).undoLabel).toBe('Codering verwijderen');

    expect(undo(study)).toBe('Codering verwijderen');
    expect(codingsForSource(study, sourceId)).toMatchObject([{ valence: 'positief', codeId: contact }]);
    expect(undo(study)).toBe('Codering wijzigen');
    expect(codingsForSource(study, sourceId)).toMatchObject([{ valence: 'neutraal', codeId: veiligheid }]);
    expect(undo(study)).toBe('Coderen');
    expect(codingsForSource(study, sourceId)).toHaveLength(0);

    expect(redo(study)).toBe('Coderen');
    expect(codingsForSource(study, sourceId)).toMatchObject([{ valence: 'neutraal', start: 0, end: 10 }]);
    expect(redo(study)).toBe('Codering wijzigen');
    expect(codingsForSource(study, sourceId)).toMatchObject([{ valence: 'positief', codeId: contact }]);
    expect(undo(study)).toBe('Codering wijzigen');
    expect(codingsForSource(study, sourceId)).toMatchObject([{ valence: 'neutraal' }]);
    study.close();
  });

  it('survives a restart, and a new action clears what could be redone', async () => {
    const study = newTestStudy(dir);
    const sourceId = await addTextSource(study, dir, 'Contact binnen vijf dagen.');
    createCodings(study, [{ sourceId, codeId: codeId(study, 'contact'), start: 0, end: 7, ...neutral }], 'Coderen');
    const path = study.path;
    study.close();

    const reopened = Study.open(path);
    expect(undoState(reopened).undoLabel).toBe('Coderen');
    undo(reopened);
    expect(codingsForSource(reopened, sourceId)).toHaveLength(0);
    expect(undoState(reopened).redoLabel).toBe('Coderen');
    createCodings(reopened, [{ sourceId, codeId: codeId(reopened, 'contact'), start: 8, end: 14, ...neutral }], 'Coderen');
    expect(undoState(reopened).redoLabel).toBeNull();
    expect(redo(reopened)).toBeNull();
    reopened.close();
  });

  it('leaves a field alone that someone else changed after the action', async () => {
    const study = newTestStudy(dir);
    const sourceId = await addTextSource(study, dir, 'Een zin om te coderen.');
    const [coding] = createCodings(study, [{ sourceId, codeId: codeId(study, 'hulp'), start: 0, end: 3, ...neutral }], 'Coderen');
    updateCoding(study, coding!.id, { note: 'eerste notitie' });
    // Another change to the same field, not on this copy's undo history (as a merge would bring).
    study.writer.write(null, [{ entity: 'coding', entityId: coding!.id, fields: { note: 'van een collega' } }]);
    undo(study);
    expect(codingsForSource(study, sourceId)[0]!.note).toBe('van een collega');
    study.close();
  });

  it('undoes auto-code as one action', async () => {
    const study = newTestStudy(dir);
    const sourceId = await addTextSource(study, dir, 'Wachtlijst. Nog steeds een wachtlijst. De wachtlijst groeit.');
    expect(autocode(study, { query: 'wachtlijst', codeId: codeId(study, 'hulp'), valence: 'negatief' })).toEqual({ created: 3, skipped: 0 });
    expect(autocode(study, { query: 'wachtlijst', codeId: codeId(study, 'hulp'), valence: 'negatief' })).toEqual({ created: 0, skipped: 3 });
    expect(codingsForSource(study, sourceId).every((coding) => coding.valence === 'negatief')).toBe(true);
    undo(study);
    expect(codingsForSource(study, sourceId)).toHaveLength(0);
    study.close();
  });
});

describe('undo of successive edits to one field', () => {
  it('walks back through every edit of the same field', async () => {
    const study = newTestStudy(dir);
    const sourceId = await addTextSource(study, dir, 'Een notitie die drie keer verandert.');
    const [coding] = createCodings(study, [{ sourceId, codeId: codeId(study, 'contact'), start: 0, end: 3, valence: 'neutraal', note: 'een', quotable: false }], 'Coderen');
    updateCoding(study, coding!.id, { note: 'twee' });
    updateCoding(study, coding!.id, { note: 'drie' });
    undo(study);
    expect(codingsForSource(study, sourceId)[0]!.note).toBe('twee');
    undo(study);
    expect(codingsForSource(study, sourceId)[0]!.note).toBe('een');
    redo(study);
    redo(study);
    expect(codingsForSource(study, sourceId)[0]!.note).toBe('drie');
    study.close();
  });
});
