/**
 * The report dialog's outlines and drafts come from the study's worker, which
 * keeps the study's reading between questions: it must still see every change
 * written since (here a judgment), make a draft with its progress, answer a
 * bad question with the Dutch error and keep serving. A long writing job
 * (an import) ends it first when it waits, so its memory is not held beside the job's.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveJudgment } from '../../backend/judgments/judgments';
import { draftInStudyWorker, outlineInWorker, outlineWorkerRunning, stopOutlineWorker } from '../../backend/reports/outline-thread';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import type { Study } from '../../backend/study/study';
import { codeId } from '../helpers/sources';
import { newTestStudy, tempDir } from '../helpers/temp-study';
import { ensureWorkerBundles } from '../helpers/worker-bundles';

const dir = tempDir('veldwerk-outline-worker-');
let study: Study;

beforeAll(() => {
  ensureWorkerBundles();
  study = newTestStudy(dir);
}, 120_000);

afterAll(() => {
  stopOutlineWorker(study.path);
  study.close();
});

describe('the study\'s report worker', () => {
  it('sees a change written after it read the study', async () => {
    const institutionId = study.institutions()[0]!.id;
    const notJudged = (warnings: string[]) => warnings.some((warning) => warning.startsWith('Betekenisvol contact: nog geen oordeel vastgelegd'));
    expect(notJudged((await outlineInWorker(study.path, { institutionId }, {})).warnings)).toBe(true);
    saveJudgment(study, { institutionId, codeId: codeId(study, 'contact'), rating: 'voldoet', rationale: 'Tijdig contact.' });
    expect(notJudged((await outlineInWorker(study.path, { institutionId }, {})).warnings)).toBe(false);
  }, 60_000);

  it('makes a draft with its progress, and answers outlines after it', async () => {
    const institutionId = study.institutions()[0]!.id;
    const steps: string[] = [];
    const draft = await draftInStudyWorker(study.path, { institutionId }, { tocPageNumbers: false }, (progress) => steps.push(progress.message));
    expect(draft.data.subarray(0, 2).toString()).toBe('PK');
    expect(draft.fileName).toMatch(/\.docx$/);
    expect(steps).toContain('Word-bestand schrijven');
    expect((await outlineInWorker(study.path, { institutionId }, {})).title).toBe(draft.outline.title);
  }, 60_000);

  it('ends when an import starts while it waits, not for a draft; the next question starts it afresh', async () => {
    const session = new Session({ kind: 'cli', demoStudyPath: () => '' });
    session.setStudy(study);
    const outline = await dispatch(session, 'report.outline', { scope: { overall: true } });
    expect(outline.ok).toBe(true);
    const draft = await dispatch(session, 'report.generate', { scope: { overall: true }, options: { tocPageNumbers: false } });
    expect(draft.ok, JSON.stringify(draft)).toBe(true);
    expect(outlineWorkerRunning(study.path)).toBe(true);
    const note = join(dir, 'notitie.txt');
    writeFileSync(note, 'Gesprek met de gezinsvoogd over het plan.');
    const stagedIds = [session.registerLocalFile(note)];
    const imported = await dispatch(session, 'sources.import', { stagedIds, meta: { institutionId: study.institutions()[0]!.id, sourceType: 'interview' } });
    expect(imported.ok, JSON.stringify(imported)).toBe(true);
    expect(outlineWorkerRunning(study.path)).toBe(false);
    const after = await dispatch(session, 'report.outline', { scope: { overall: true } });
    expect(after).toMatchObject({ ok: true, value: { title: (outline as { value: { title: string } }).value.title } });
    expect(outlineWorkerRunning(study.path)).toBe(true);
  }, 60_000);

  it('answers a bad question in Dutch and keeps serving', async () => {
    await expect(outlineInWorker(study.path, { institutionId: '00000000-0000-4000-8000-000000000000' }, {})).rejects.toThrow('Deze instelling bestaat niet (meer).');
    const outline = await outlineInWorker(study.path, { overall: true }, { chapters: ['samenvatting'] });
    expect(outline.chapters.map((chapter) => chapter.key)).toEqual(['samenvatting']);
  }, 60_000);
});
