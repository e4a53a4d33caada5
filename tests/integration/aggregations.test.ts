import { describe, expect, it } from 'vitest';
import { createCodings } from '../../backend/coding/codings';
import { evidenceMatrix, evidenceMatrixInSlices, evidenceSegments } from '../../backend/evidence/evidence';
import { linkEvidence, listJudgments, saveJudgment, saveRatingScale } from '../../backend/judgments/judgments';
import { listMemos, saveMemo } from '../../backend/memos/memos';
import { answerReviewQuestion, listReviewQuestions, reviewSummaries } from '../../backend/review/file-review';
import { studyStats } from '../../backend/stats/stats';
import { addTextSource, codeId } from '../helpers/sources';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir();

describe('evidence matrix', () => {
  it('counts codings per code and institution, rolling sub-codes up into their norm, split by valence, type and role', async () => {
    const study = newTestStudy(dir);
    const [noord, zuid] = study.institutions();
    const dossier = await addTextSource(study, dir, 'Dossier: contact binnen vijf dagen. Geen plan.', { institutionId: noord!.id, sourceType: 'clientdossier' });
    const interview = await addTextSource(study, dir, 'Jeugdige: ik zie mijn voogd elke week.', { institutionId: noord!.id, sourceType: 'interview', role: 'jeugdige' });
    const elsewhere = await addTextSource(study, dir, 'Ouder: niemand belt terug.', { institutionId: zuid!.id, sourceType: 'interview', role: 'ouder' });
    const contact = codeId(study, 'contact');
    const start = codeId(study, 'contact.start');
    createCodings(study, [
      { sourceId: dossier, codeId: start, start: 9, end: 34, valence: 'positief', note: '', quotable: false },
      { sourceId: interview, codeId: contact, start: 0, end: 10, valence: 'positief', note: '', quotable: true },
      { sourceId: interview, codeId: contact, start: 10, end: 19, valence: 'neutraal', note: 'wekelijks', quotable: false },
      { sourceId: elsewhere, codeId: contact, start: 0, end: 6, valence: 'negatief', note: '', quotable: true },
    ], 'Coderen');

    const cells = evidenceMatrix(study, {}).cells;
    const cell = (code: string, institution: string) => cells.find((c) => c.codeId === code && c.institutionId === institution);
    expect(cell(contact, noord!.id)).toEqual({
      codeId: contact, institutionId: noord!.id, total: 3, sources: 2,
      byValence: { positief: 2, neutraal: 1 },
      bySourceType: { clientdossier: 1, interview: 2 },
      byRole: { geen: 1, jeugdige: 2 },
    });
    expect(cell(start, noord!.id)!.total).toBe(1);
    expect(cell(contact, zuid!.id)!.byValence).toEqual({ negatief: 1 });

    const quotable = evidenceMatrix(study, { quotableOnly: true }).cells;
    expect(quotable.find((c) => c.codeId === contact && c.institutionId === noord!.id)!.total).toBe(1);
    expect(evidenceMatrix(study, { role: 'ouder' }).cells.map((c) => c.institutionId)).toEqual([zuid!.id]);
    // Each source its own slice (as the service reads the matrix, in slices of sources): the same cells.
    expect(await evidenceMatrixInSlices(study, {}, 1)).toEqual(evidenceMatrix(study, {}));
    expect(await evidenceMatrixInSlices(study, { valence: 'positief' }, 2)).toEqual(evidenceMatrix(study, { valence: 'positief' }));

    const segments = evidenceSegments(study, contact, noord!.id, {});
    expect(segments).toHaveLength(3);
    const weekly = segments.find((segment) => segment.note === 'wekelijks')!;
    expect(weekly).toMatchObject({ sourceType: 'interview', role: 'jeugdige', valence: 'neutraal', text: 'ik zie mi', before: 'Jeugdige: ' });
    expect(evidenceSegments(study, contact, null, {})).toHaveLength(4);
    study.close();
  });
});

describe('file review', () => {
  it('aggregates answers per institution over the reviewed files, in the options\' order', async () => {
    const study = newTestStudy(dir);
    const [noord] = study.institutions();
    const questions = listReviewQuestions(study);
    const fiveDays = questions.find((question) => question.key === 'contact-5-dagen')!;
    const workers = questions.find((question) => question.key === 'aantal-jeugdzorgwerkers')!;
    const answers = [['nee', '3'], ['ja', '1'], ['nee', '2'], ['onbekend', null]] as const;
    for (const [contact, count] of answers) {
      const sourceId = await addTextSource(study, dir, `Dossier ${Math.random()}`, { institutionId: noord!.id });
      answerReviewQuestion(study, sourceId, fiveDays.id, contact);
      if (count) answerReviewQuestion(study, sourceId, workers.id, count);
    }
    expect(() => answerReviewQuestion(study, (study.db.prepare('SELECT id FROM source LIMIT 1').get() as { id: string }).id, fiveDays.id, 'misschien')).toThrow(/Kies een van/);

    const summaries = reviewSummaries(study).filter((summary) => summary.institutionId === noord!.id);
    const contactSummary = summaries.find((summary) => summary.questionId === fiveDays.id)!;
    expect(contactSummary).toMatchObject({ answered: 4, filesReviewed: 4, normKey: 'contact', mean: null });
    expect(contactSummary.counts).toEqual([{ answer: 'ja', n: 1 }, { answer: 'nee', n: 2 }, { answer: 'onbekend', n: 1 }]);
    const workerSummary = summaries.find((summary) => summary.questionId === workers.id)!;
    expect(workerSummary.answered).toBe(3);
    expect(workerSummary.mean).toBe(2);
    expect(workerSummary.counts).toEqual([{ answer: '1', n: 1 }, { answer: '2', n: 1 }, { answer: '3', n: 1 }]);

    const stats = studyStats(study);
    expect(stats.fileReview.find((row) => row.institution === 'GI Noord' && row.question === 'contact-5-dagen')).toMatchObject({
      answered: 4, filesReviewed: 4, counts: { ja: 1, nee: 2, onbekend: 1 },
    });
    study.close();
  });
});

describe('judgments and memos', () => {
  it('records one judgment per norm and institution with rationale and linked evidence', async () => {
    const study = newTestStudy(dir);
    const [noord, zuid] = study.institutions();
    const sourceId = await addTextSource(study, dir, 'De raad van bestuur kent de wachtlijst niet.', { institutionId: noord!.id });
    const bestuur = codeId(study, 'bestuur');
    const [coding] = createCodings(study, [{ sourceId, codeId: bestuur, start: 0, end: 20, valence: 'negatief', note: '', quotable: true }], 'Coderen');

    saveJudgment(study, { institutionId: noord!.id, codeId: bestuur, rating: 'voldoet grotendeels niet', rationale: 'Geen zicht op wachtlijst.' });
    saveJudgment(study, { institutionId: noord!.id, codeId: bestuur, rating: 'voldoet niet', rationale: 'Bijgesteld.' });
    linkEvidence(study, { institutionId: noord!.id, codeId: bestuur, codingId: coding!.id, linked: true });
    saveJudgment(study, { institutionId: zuid!.id, codeId: bestuur, rating: 'voldoet', rationale: '' });
    expect(() => saveJudgment(study, { institutionId: zuid!.id, codeId: bestuur, rating: 'prima', rationale: '' })).toThrow(/schaal/);
    expect(() => saveJudgment(study, { institutionId: zuid!.id, codeId: codeId(study, 'bestuur.sturing'), rating: 'voldoet', rationale: '' })).toThrow(/norm/);

    const judgments = listJudgments(study);
    expect(judgments).toHaveLength(2);
    expect(judgments.find((j) => j.institutionId === noord!.id)).toMatchObject({ rating: 'voldoet niet', rationale: 'Bijgesteld.', evidenceCodingIds: [coding!.id] });
    expect(studyStats(study).judgments).toEqual([
      { institution: 'GI Noord', norm: 'bestuur', rating: 'voldoet niet' },
      { institution: 'GI Zuid', norm: 'bestuur', rating: 'voldoet' },
    ]);

    linkEvidence(study, { institutionId: noord!.id, codeId: bestuur, codingId: coding!.id, linked: false });
    expect(listJudgments(study).find((j) => j.institutionId === noord!.id)!.evidenceCodingIds).toEqual([]);

    saveRatingScale(study, ['op orde', 'niet op orde']);
    expect(() => saveJudgment(study, { institutionId: zuid!.id, codeId: bestuur, rating: 'voldoet', rationale: '' })).toThrow(/op orde/);
    study.close();
  });

  it('keeps one memo per inspector per subject, with author and time', async () => {
    const study = newTestStudy(dir);
    const [noord] = study.institutions();
    const [first, second] = study.inspectors();
    study.setCurrentInspector(first!.id);
    saveMemo(study, 'institution', noord!.id, 'Eerste indruk: veel verloop.');
    saveMemo(study, 'institution', noord!.id, 'Eerste indruk: veel verloop, twee teams zonder manager.');
    study.setCurrentInspector(second!.id);
    saveMemo(study, 'institution', noord!.id, 'Bestuur open over de wachtlijst.');
    const memos = listMemos(study, { targetType: 'institution', targetId: noord!.id });
    expect(memos).toHaveLength(2);
    expect(memos.find((memo) => memo.authorId === first!.id)!.text).toContain('twee teams');
    expect(memos.every((memo) => !Number.isNaN(Date.parse(memo.updatedAt)))).toBe(true);
    study.close();
  });
});
