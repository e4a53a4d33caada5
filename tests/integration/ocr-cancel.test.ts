/**
 * OCR of a scanned dossier reports each page it starts in the job's progress,
 * and `job.cancel` stops it: the extraction worker is ended, the file is
 * refused as cancelled and nothing of it is stored; the next import works.
 * The same for a folder being read for batch import. (2 scanned pages: OCR
 * takes seconds a page, and the cancel comes at the first.)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { listSources } from '../../backend/sources/queries';
import type { Study } from '../../backend/study/study';
import type { ImportOutcome, JobProgress } from '../../shared/api/types';
import { makeScannedPdf } from '../fixtures/make-real-pdfs';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-ocr-cancel-');
const folder = join(dir, 'Scans');
let study: Study;
let session: Session;
let scanned: string;

async function call<T>(name: string, input: unknown): Promise<T> {
  const result = await dispatch(session, name as never, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

/** Cancel `jobId` as soon as OCR reports its first page; resolves with the OCR events seen. */
function cancelAtFirstOcrPage(jobId: string): JobProgress[] {
  const seen: JobProgress[] = [];
  const stop = session.onProgress((progress) => {
    if (progress.jobId !== jobId || !progress.ocr) return;
    seen.push(progress);
    stop();
    void dispatch(session, 'job.cancel', { jobId });
  });
  return seen;
}

const meta = () => ({ institutionId: study.institutions()[0]!.id, sourceType: 'clientdossier', role: null, measure: null, date: null, inspectorId: null });

beforeAll(async () => {
  study = newTestStudy(dir);
  session = new Session({ kind: 'cli', demoStudyPath: () => '', chooseFolder: async () => folder });
  session.setStudy(study);
  mkdirSync(folder);
  scanned = join(folder, 'gescand.pdf');
  writeFileSync(scanned, await makeScannedPdf(2));
});

afterAll(() => session.close());

describe('OCR progress and cancel', () => {
  it('reports the OCR page in the import job, and a cancel stores nothing of the file', async () => {
    const jobId = 'ocr-annuleren-1';
    const seen = cancelAtFirstOcrPage(jobId);
    const outcomes = await call<ImportOutcome[]>('sources.import', { stagedIds: [session.registerLocalFile(scanned)], meta: meta(), jobId });
    expect(seen[0]).toMatchObject({ ocr: { fileName: 'gescand.pdf', page: 1, pages: 2 }, message: expect.stringContaining('pagina 1 van 2') });
    expect(outcomes).toEqual([{ fileName: 'gescand.pdf', status: 'rejected', message: expect.stringContaining('afgebroken op verzoek'), reason: expect.stringContaining('afgebroken op verzoek') }]);
    expect(listSources(study)).toHaveLength(0);
    expect(study.db.prepare('SELECT count(*) AS n FROM original_file').get()).toEqual({ n: 0 });
    // The job is over: cancelling it again finds nothing; the next import runs in a fresh worker.
    expect(await call('job.cancel', { jobId })).toBe(false);
    const note = join(dir, 'notitie.txt');
    writeFileSync(note, 'Een gewone notitie na het afbreken.');
    const next = await call<ImportOutcome[]>('sources.import', { stagedIds: [session.registerLocalFile(note)], meta: meta() });
    expect(next[0]!.status).toBe('imported');
  });

  it('cancels reading a folder for batch import, leaving nothing behind', async () => {
    const jobId = 'ocr-annuleren-2';
    const seen = cancelAtFirstOcrPage(jobId);
    await expect(call('batch.preview', { chooseFolder: true, jobId })).rejects.toThrow('afgebroken; er is niets opgeslagen');
    expect(seen).toHaveLength(1);
    expect(listSources(study)).toHaveLength(1);
  });
});
