/**
 * Survey exports read in a worker thread (backend/survey/survey-thread.ts):
 * the same respondent rows and column analysis as reading in-process, the
 * same Dutch refusal of a hostile file, Dutch messages and nothing stored
 * when the worker itself fails, and a calling thread that stays free while a
 * large .xlsx or .csv is read. Through the real worker bundle (rebuilt here
 * when stale).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import type { Study } from '../../backend/study/study';
import { analyseColumns, analyseSurvey } from '../../backend/survey/analyse';
import { SURVEY_LIMITS } from '../../backend/survey/limits';
import { readSurveyFile } from '../../backend/survey/read-file';
import { readSurveyInWorker, surveyWorkerMessages } from '../../backend/survey/survey-thread';
import type { SurveyAnalysis, SurveyMapping } from '../../shared/api/types';
import { HEADERS, fileRows, largeRespondents, writeCsv, writeKnownSurvey, writeLargeXlsx, writeXlsx } from '../fixtures/make-survey';
import { measureLoop } from '../helpers/event-loop';
import { newTestStudy, tempDir } from '../helpers/temp-study';
import { ensureWorkerBundles, fakeWorker, rejection, withWorkerDir } from '../helpers/worker-bundles';

const dir = tempDir('veldwerk-survey-worker-');
/** As in the benchmark: reading it in-process keeps the thread busy for over a second. */
const LARGE_RESPONDENTS = 50_000;
let study: Study;
let session: Session;
let files: Awaited<ReturnType<typeof writeKnownSurvey>>;
let largeXlsx: string;
let largeCsv: string;
/** A timer this fine tells the in-process .xlsx pauses (tens of ms) apart from the worker run's. */
const TICK_MS = 2;

beforeAll(async () => {
  ensureWorkerBundles();
  study = newTestStudy(dir);
  session = new Session({ kind: 'cli', demoStudyPath: () => '' });
  session.setStudy(study);
  files = await writeKnownSurvey(dir);
  const { headers, rows } = largeRespondents(LARGE_RESPONDENTS);
  largeXlsx = join(dir, 'Vragenlijst groot.xlsx');
  await writeLargeXlsx(largeXlsx, headers, rows);
  largeCsv = writeCsv(dir, 'Vragenlijst groot.csv', headers, rows, { separator: ';' });
}, 120_000);

function storedState() {
  const count = (sql: string) => (study.db.prepare(sql).get() as { n: number }).n;
  return {
    changes: count('SELECT count(*) AS n FROM change_log'),
    surveys: count('SELECT count(*) AS n FROM survey'),
    data: count('SELECT count(*) AS n FROM survey_data'),
    institutions: count('SELECT count(*) AS n FROM institution'),
  };
}




describe('survey exports read in a worker thread', () => {
  it('give the same respondent rows and column analysis as reading in-process, for .csv and .xlsx', async () => {
    for (const [path, fileName] of [
      [files.csvSemicolonBom, 'Vragenlijst ronde 2026 puntkomma.csv'],
      [files.xlsx, 'Vragenlijst ronde 2026.xlsx'],
    ] as const) {
      const raw = await readSurveyFile(path, fileName);
      const inWorker = await readSurveyInWorker(path, fileName, study.institutions());
      expect(inWorker.raw, fileName).toEqual(raw);
      expect(inWorker.columns, fileName).toEqual(analyseColumns(raw, study.institutions()));

      // And the handler, which reads through the worker, proposes what in-process analysis proposes.
      const stagedId = session.registerLocalFile(path);
      const analysed = await dispatch(session, 'survey.analyse', { stagedId });
      expect(analysed.ok, fileName).toBe(true);
      expect(analysed.ok && analysed.value).toEqual(analyseSurvey(study, raw, stagedId));
    }
  });

  it('report progress and apply the limits they are given', async () => {
    const rows: number[] = [];
    const read = await readSurveyInWorker(largeXlsx, 'groot.xlsx', [], { onRows: (count) => rows.push(count) });
    expect(read.raw.rowCount).toBe(LARGE_RESPONDENTS);
    expect(rows.at(-1)).toBe(LARGE_RESPONDENTS);
    expect(rows.length).toBeGreaterThan(1);

    const small = { ...SURVEY_LIMITS, maxRows: 39 };
    const inProcess = await rejection(readSurveyFile(files.xlsx, 'groot.xlsx', { limits: small }));
    const inWorker = await rejection(readSurveyInWorker(files.xlsx, 'groot.xlsx', [], { limits: small }));
    expect(inWorker.message).toBe(inProcess.message);
    expect(inWorker.message).toContain('meer dan 39 respondenten');
  });

  it('pass the refusal of a hostile file back unchanged, in Dutch', async () => {
    const formula = await writeXlsx(dir, 'formule.xlsx', HEADERS, fileRows(), {
      tweak: (sheet) => {
        sheet.getCell('G5').value = { formula: 'AVERAGE(G2:G4)', result: 7 } as never;
      },
    });
    const merged = await writeXlsx(dir, 'samengevoegd.xlsx', HEADERS, fileRows(), { tweak: (sheet) => sheet.mergeCells('B3:C3') });
    const empty = join(dir, 'leeg.csv');
    writeFileSync(empty, '');
    const cases = [
      { path: formula, fileName: 'formule.xlsx', expected: 'Cel G5 bevat een formule' },
      { path: merged, fileName: 'samengevoegd.xlsx', expected: 'samengevoegde cellen' },
      { path: empty, fileName: 'leeg.csv', expected: 'Het bestand is leeg' },
      { path: join(dir, 'bestaat-niet.csv'), fileName: 'bestaat-niet.csv', expected: 'het bestand bestaat niet' },
    ];
    for (const { path, fileName, expected } of cases) {
      const inProcess = await rejection(readSurveyFile(path, fileName));
      const inWorker = await rejection(readSurveyInWorker(path, fileName, []));
      expect(inWorker.message, fileName).toBe(inProcess.message);
      expect(inWorker.code, fileName).toBe(inProcess.code);
      expect(inWorker.message, fileName).toContain(expected);
    }
  });

  it('turn a crash, an exit, running out of memory or a stray message into a Dutch message, store nothing, and the app carries on', async () => {
    const fileName = 'Vragenlijst ronde 2026.csv';
    const messages = surveyWorkerMessages(fileName);
    const cases = [
      { name: 'gooit', body: "throw new Error('kapot');", expected: messages.crashed },
      { name: 'stopt', body: 'process.exit(3);', expected: messages.crashed },
      {
        name: 'vreet',
        body: 'const keep = []; for (;;) keep.push(new Array(100000).fill(Math.random()));',
        expected: messages.outOfMemory(32),
      },
      {
        name: 'raaskalt',
        body: "import { parentPort } from 'node:worker_threads'; parentPort.postMessage({ onzin: true }); setInterval(() => {}, 1000);",
        expected: messages.crashed,
      },
      {
        name: 'faalt',
        body: "import { parentPort } from 'node:worker_threads'; parentPort.postMessage({ type: 'failed', error: null, detail: 'Error: een fout in Veldwerk zelf' });",
        expected: messages.failed,
      },
    ];
    const mapping: SurveyMapping = { columns: [{ header: HEADERS[0]!, kind: 'question' }], institutions: [], defaultRole: 'jeugdige', defaultInstitutionId: null };
    const before = storedState();
    for (const { name, body, expected } of cases) {
      const error = await withWorkerDir(fakeWorker(dir, 'survey-worker.mjs', name, body), () =>
        rejection(readSurveyInWorker(files.csvComma, fileName, [], { memoryMb: 32 })),
      );
      expect(error.message, name).toBe(expected);
      expect(error.code, name).toBe('rejected');
    }
    // The real worker, starved of memory while reading the large export.
    const starved = await rejection(readSurveyInWorker(largeXlsx, 'groot.xlsx', [], { memoryMb: 8 }));
    expect(starved.message).toBe(surveyWorkerMessages('groot.xlsx').outOfMemory(8));
    // Through the handlers: analysing, and importing a file that was not analysed first (the import reads it itself).
    for (const call of ['survey.analyse', 'survey.import'] as const) {
      const stagedId = session.registerLocalFile(files.csvComma);
      const result = await withWorkerDir(fakeWorker(dir, 'survey-worker.mjs', 'gooit', "throw new Error('kapot');"), () =>
        dispatch(session, call, call === 'survey.import' ? { stagedId, mapping } : { stagedId }),
      );
      expect(result.ok, call).toBe(false);
      expect(!result.ok && result.error.message, call).toBe(messages.crashed);
    }
    const noBundle = await withWorkerDir(join(dir, 'leeg'), () => rejection(readSurveyInWorker(files.csvComma, fileName, [])));
    expect(noBundle.message).toMatch(
      /^Vragenlijst ronde 2026\.csv: de vragenlijst kan niet worden ingelezen\. De inleesmodule voor vragenlijsten ontbreekt .*; bouw Veldwerk opnieuw met npm run build\.$/,
    );
    expect(storedState()).toEqual(before);

    // Still here, and the real worker still reads and the survey is stored.
    const analysed = await dispatch(session, 'survey.analyse', { stagedId: session.registerLocalFile(files.csvComma) });
    expect(analysed.ok).toBe(true);
    const analysis = (analysed as { value: SurveyAnalysis }).value;
    const imported = await dispatch(session, 'survey.import', { stagedId: analysis.stagedId, mapping: analysis.mapping });
    expect(imported.ok).toBe(true);
    expect(storedState().surveys).toBe(before.surveys + 1);
  });

  it('leave the calling thread free while a large export is read', async () => {
    const institutions = study.institutions();
    for (const [path, fileName] of [
      [largeXlsx, 'groot.xlsx'],
      [largeCsv, 'groot.csv'],
    ] as const) {
      // The worker first, so that it does not pay for collecting the garbage in-process reading leaves behind.
      const inWorker = await measureLoop(() => readSurveyInWorker(path, fileName, institutions), TICK_MS);
      const inProcess = await measureLoop(async () => {
        const raw = await readSurveyFile(path, fileName);
        return { raw, columns: analyseColumns(raw, institutions) };
      }, TICK_MS);
      const figures = ({ figures: f }: typeof inWorker) =>
        `${f.ticks} tikken, langste pauze ${f.longestGapMs.toFixed(0)} ms, ${(f.utilization * 100).toFixed(0)}% bezig (${f.durationMs.toFixed(0)} ms)`;
      console.info(
        `${fileName} (${LARGE_RESPONDENTS.toLocaleString('nl-NL')} respondenten): in de eigen thread ${figures(inProcess)}; in een werkthread ${figures(inWorker)}`,
      );
      expect(inWorker.result, fileName).toEqual(inProcess.result);
      // Relative, not against a clock. In-process, the .csv parser holds the thread for the whole file: the worker run
      // holds it for less than that pause. The .xlsx reader hands the thread back between chunks (pauses of a few tens
      // of ms, as short as the worker's own message handling on a loaded machine), but keeps it busy nearly all the
      // time; for both, the worker run leaves the thread idle nearly all the time.
      if (fileName.endsWith('.csv')) expect(inWorker.figures.longestGapMs, fileName).toBeLessThan(inProcess.figures.longestGapMs);
      expect(inWorker.figures.utilization, fileName).toBeLessThan(inProcess.figures.utilization / 2);
    }
  }, 120_000);
});
