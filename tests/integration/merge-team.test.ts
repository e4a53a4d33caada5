/**
 * Issue 5's "done when": three inspectors' copies, worked on apart, come
 * together into one study with every coding, memo and judgment present once,
 * conflicts shown and resolvable, and resolutions that travel without raising
 * new conflicts.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCodings, deleteCoding, updateCoding } from '../../backend/coding/codings';
import { createCode, updateCode } from '../../backend/framework/framework';
import { listJudgments, ratingScale, saveJudgment } from '../../backend/judgments/judgments';
import { listMemos, saveMemo } from '../../backend/memos/memos';
import { answerReviewQuestion, listReviewQuestions } from '../../backend/review/file-review';
import { listConflicts, resolveConflict } from '../../backend/merge/conflicts';
import { duplicateCodes, mergeCodes } from '../../backend/merge/duplicate-codes';
import { renameInstitution, createStudy } from '../../backend/study/setup';
import type { Study } from '../../backend/study/study';
import { undo } from '../../backend/undo/undo';
import { addTextSource, codeId } from '../helpers/sources';
import { tempDir } from '../helpers/temp-study';
import { changeIds, copyFor, dumpShared, makeBundle, mergeInto, TEAM_SETUP } from '../property/merge-kit';

const dir = tempDir('veldwerk-team-');
const tick = () => new Promise((resolve) => setTimeout(resolve, 3));

const liveIds = (study: Study, table: string) =>
  new Set(study.db.prepare(`SELECT id FROM ${table} WHERE deleted = 0`).pluck().all() as string[]);

describe('three inspectors, worked on apart, merged', () => {
  let lead: Study;
  let anna: Study;
  let bram: Study;
  let cor: Study;
  let source1: string;
  let source2: string;
  let leadCoding: string;
  let noord: string;
  let zuid: string;
  const made = { codings: new Set<string>(), memos: new Set<string>(), judgments: new Set<string>() };

  beforeAll(async () => {
    lead = createStudy(join(dir, 'ronde.veldwerk'), TEAM_SETUP);
    source1 = await addTextSource(lead, dir, 'Ouder: we hebben de jeugdbeschermer in zes weken één keer gezien.\nJeugdige: niemand vroeg wat ik wilde.');
    source2 = await addTextSource(lead, dir, 'Dossier: plan van aanpak opgesteld zonder de ouders. Evaluatie ontbreekt.');
    leadCoding = createCodings(lead, [{ sourceId: source1, codeId: codeId(lead, 'contact'), start: 0, end: 20, valence: 'negatief', note: '', quotable: false }], 'Coderen')[0]!.id;
    noord = lead.institutions().find((institution) => institution.name === 'GI Noord')!.id;
    zuid = lead.institutions().find((institution) => institution.name === 'GI Zuid')!.id;
    anna = copyFor(lead, dir, 'AA', 'anna');
    bram = copyFor(lead, dir, 'BB', 'bram');
    cor = copyFor(lead, dir, 'CC', 'cor');
    const question = listReviewQuestions(lead).find((q) => q.answerType === 'choice')!;
    const scale = ratingScale(lead);

    // Anna
    for (const coding of createCodings(anna, [
      { sourceId: source1, codeId: codeId(anna, 'contact'), start: 0, end: 40, valence: 'negatief', note: '', quotable: true },
      { sourceId: source2, codeId: codeId(anna, 'participatie'), start: 8, end: 50, valence: 'negatief', note: '', quotable: false },
    ], 'Coderen')) made.codings.add(coding.id);
    made.memos.add(saveMemo(anna, 'source', source1, 'Anna: contactfrequentie te laag.').id);
    made.judgments.add(saveJudgment(anna, { institutionId: noord, codeId: codeId(anna, 'contact'), rating: scale[0]!, rationale: '' }).id);
    answerReviewQuestion(anna, source1, question.id, question.options[0]!);
    const annaWait = createCode(anna, { parentId: codeId(anna, 'hulp'), kind: 'subcode', name: 'Wachtlijst', definition: '', color: '#336699' });
    for (const coding of createCodings(anna, [{ sourceId: source2, codeId: annaWait.id, start: 0, end: 7, valence: 'negatief', note: '', quotable: false }], 'Coderen')) {
      made.codings.add(coding.id);
    }
    deleteCoding(anna, leadCoding); // the lead's coding, deleted by Anna ...
    await tick();

    // Bram
    updateCoding(bram, leadCoding, { note: 'Bram: dit is een sterk citaat.' }); // ... and edited by Bram, later, not knowing
    for (const coding of createCodings(bram, [
      { sourceId: source1, codeId: codeId(bram, 'contact'), start: 0, end: 38, valence: 'negatief', note: '', quotable: false },
    ], 'Coderen')) made.codings.add(coding.id);
    made.memos.add(saveMemo(bram, 'source', source1, 'Bram: eens met Anna?').id);
    made.judgments.add(saveJudgment(bram, { institutionId: noord, codeId: codeId(bram, 'contact'), rating: scale[3]!, rationale: '' }).id);
    answerReviewQuestion(bram, source1, question.id, question.options[1]!);
    const bramWait = createCode(bram, { parentId: codeId(bram, 'hulp'), kind: 'subcode', name: 'wachtlijst ', definition: '', color: '#996633' });
    for (const coding of createCodings(bram, [{ sourceId: source2, codeId: bramWait.id, start: 0, end: 7, valence: 'negatief', note: '', quotable: false }], 'Coderen')) {
      made.codings.add(coding.id);
    }
    renameInstitution(bram, noord, 'GI Noord-Holland');
    await tick();

    // Cor: a new source, its codings, a judgment elsewhere, and another name for GI Noord
    const source3 = await addTextSource(cor, dir, 'Gesprek met de gemeente over budgetplafonds en wachttijden.');
    for (const coding of createCodings(cor, [{ sourceId: source3, codeId: codeId(cor, 'hulp'), start: 0, end: 30, valence: 'neutraal', note: '', quotable: false }], 'Coderen')) {
      made.codings.add(coding.id);
    }
    made.judgments.add(saveJudgment(cor, { institutionId: zuid, codeId: codeId(cor, 'veiligheid'), rating: scale[1]!, rationale: 'Zicht op veiligheid is wisselend.' }).id);
    made.memos.add(saveMemo(cor, 'institution', zuid, 'Cor: gemeente belt terug.').id);
    renameInstitution(cor, noord, 'GI Noord (Alkmaar)');
    updateCode(cor, codeId(cor, 'contact.start'), { definition: 'Cor: binnen vijf werkdagen.' });
  });

  it('brings every coding, memo and judgment together once, with the conflicts listed', async () => {
    const results = [];
    for (const copy of [anna, bram, cor]) results.push(await mergeInto(lead, await makeBundle(copy)));
    for (const copy of [anna, bram, cor]) for (const id of changeIds(copy.db)) expect(changeIds(lead.db).has(id)).toBe(true);

    const codings = liveIds(lead, 'coding');
    for (const id of made.codings) expect(codings.has(id)).toBe(true);
    expect(codings.size).toBe(made.codings.size); // the lead's own coding is deleted (Anna) ...
    expect(listMemos(lead).map((memo) => memo.id).sort()).toEqual([...made.memos].sort());
    expect(listJudgments(lead).map((judgment) => judgment.id).sort()).toEqual([...made.judgments].sort());
    expect(made.judgments.size).toBe(2); // Anna and Bram judged the same norm at the same institution: one judgment

    const open = listConflicts(lead);
    const about = open.map((conflict) => `${conflict.entity}.${conflict.field}:${conflict.kind}`).sort();
    expect(about).toEqual([
      'coding.deleted:delete-edit', // ... but Bram edited it later without knowing: review
      'institution.name:field', // Bram and Cor renamed GI Noord differently
      'judgment.rating:field', // Anna and Bram rated differently
      'reviewAnswer.value:field', // Anna and Bram answered the same question differently
    ]);
    const rating = open.find((conflict) => conflict.field === 'rating')!;
    expect(rating.label).toBe('Oordeel Betekenisvol contact bij GI Noord (Alkmaar): oordeel');
    expect(rating.local).toMatchObject({ value: ratingScale(lead)[0], authorName: 'Anna Aarts (AA)' });
    expect(rating.remote).toMatchObject({ value: ratingScale(lead)[3], authorName: 'Bram Bos (BB)' });
    expect(results[1]!.perKind.judgments.conflicts).toBe(1);
    expect(results[1]!.perKind.codings).toMatchObject({ new: 2, conflicts: 1 });
    const deleteEdit = open.find((conflict) => conflict.kind === 'delete-edit')!;
    expect(deleteEdit).toMatchObject({ local: { value: 1, authorName: 'Anna Aarts (AA)' }, remote: { value: 0, authorName: 'Bram Bos (BB)' }, current: 1 });
    expect(deleteEdit.label).toContain('Codering "Betekenisvol contact"');
  });

  it('offers the code created twice for merging, and merges it as one undoable action', () => {
    const pairs = duplicateCodes(lead);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({ name: 'Wachtlijst', keepCodings: 1, dropCodings: 1 });
    const { keep, drop } = pairs[0]!;
    mergeCodes(lead, keep.id, drop.id);
    expect(duplicateCodes(lead)).toEqual([]);
    expect(lead.db.prepare('SELECT count(*) FROM coding WHERE code_id = ? AND deleted = 0').pluck().get(keep.id)).toBe(2);
    expect(lead.db.prepare('SELECT deleted FROM code WHERE id = ?').pluck().get(drop.id)).toBe(1);
    undo(lead);
    expect(duplicateCodes(lead)).toHaveLength(1);
    mergeCodes(lead, keep.id, drop.id);
  });

  it('resolves conflicts; the resolutions travel to every copy without new conflicts; all copies end up identical', async () => {
    const open = listConflicts(lead);
    const pick = (field: string) => open.find((conflict) => conflict.field === field)!;
    resolveConflict(lead, pick('rating').id, 'remote');
    resolveConflict(lead, pick('name').id, 'local');
    resolveConflict(lead, pick('value').id, 'local');
    const remaining = resolveConflict(lead, pick('deleted').id, 'remote'); // keep Bram's edit: the coding comes back
    expect(remaining).toEqual([]);
    expect(listJudgments(lead).find((judgment) => judgment.institutionId === noord)!.rating).toBe(ratingScale(lead)[3]);
    expect(lead.institutions().find((institution) => institution.id === noord)!.name).toBe(pick('name').local.value);
    expect(liveIds(lead, 'coding').has(leadCoding)).toBe(true);
    expect(lead.db.prepare('SELECT note FROM coding WHERE id = ?').pluck().get(leadCoding)).toBe('Bram: dit is een sterk citaat.');

    const fromLead = await makeBundle(lead);
    for (const copy of [anna, bram, cor]) {
      const result = await mergeInto(copy, fromLead);
      expect(result.conflicts.filter((conflict) => conflict.status === 'open')).toEqual([]);
      expect(listConflicts(copy)).toEqual([]);
    }
    const reference = dumpShared(lead.db);
    for (const copy of [anna, bram, cor]) expect(dumpShared(copy.db)).toEqual(reference);

    // Working on after the resolution is sequential: no new conflict anywhere.
    saveJudgment(anna, { institutionId: noord, codeId: codeId(anna, 'contact'), rating: ratingScale(anna)[2]!, rationale: 'Na overleg.' });
    const followUp = await mergeInto(lead, await makeBundle(anna));
    expect(followUp.conflicts).toEqual([]);
    expect(listConflicts(lead)).toEqual([]);
    expect(listJudgments(lead).find((judgment) => judgment.institutionId === noord)!.rating).toBe(ratingScale(lead)[2]);
  });
});
