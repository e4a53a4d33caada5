/**
 * The questionnaire benchmark: a generated 50,000-respondent export (14
 * questions over five institutions) as .csv and as .xlsx, each imported the
 * way the app does it (survey.analyse, then survey.import with the proposed
 * mapping), then the time per table: a distribution, the same split by
 * institution, and the mean report mark by number of workers. The first table
 * after an import includes loading the respondent rows from the study file;
 * later tables are the median of repeated calls. Nothing here asserts.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { createStudy } from '../../backend/study/setup';
import type { SurveyAnalysis } from '../../shared/api/types';
import { csvText, H, largeRespondents, writeLargeXlsx } from '../../tests/fixtures/make-survey';

const RESPONDENTS = Number(process.env.BENCH_SURVEY_RESPONDENTS ?? 50_000);
const REPEATS = 5;

const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const seconds = (start: number) => round((performance.now() - start) / 1000, 2);
const ms = (start: number) => round(performance.now() - start, 1);

async function call(session: Session, name: string, input: unknown): Promise<unknown> {
  const result = await dispatch(session, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function measureSurvey(): Promise<object> {
  const workDir = join(tmpdir(), `veldwerk-survey-bench-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
  try {
    process.stderr.write(`Vragenlijst met ${RESPONDENTS} respondenten maken…\n`);
    const generateStart = performance.now();
    const { headers, rows } = largeRespondents(RESPONDENTS);
    const csvPath = join(workDir, 'Vragenlijst bench.csv');
    writeFileSync(csvPath, csvText(headers, rows, { separator: ';', bom: true }));
    const xlsxPath = join(workDir, 'Vragenlijst bench.xlsx');
    await writeLargeXlsx(xlsxPath, headers, rows);
    const generateSeconds = seconds(generateStart);

    const formats: Record<string, unknown> = {};
    for (const [format, path] of [
      ['csv', csvPath],
      ['xlsx', xlsxPath],
    ] as const) {
      process.stderr.write(`Importeren (${format})…\n`);
      const study = createStudy(join(workDir, `bench-${format}.veldwerk`), {
        name: 'Benchmark vragenlijst',
        periodStart: null,
        periodEnd: null,
        institutions: ['GI Noord', 'GI Zuid', 'GI Oost', 'GI West', 'GI Midden'],
        inspectors: [{ name: 'Bench', initials: 'BE' }],
      });
      const session = new Session({ kind: 'cli', demoStudyPath: () => '' });
      session.setStudy(study);

      const analyseStart = performance.now();
      const analysis = (await call(session, 'survey.analyse', { stagedId: session.registerLocalFile(path) })) as SurveyAnalysis;
      const analyseSeconds = seconds(analyseStart);
      process.stderr.write(`  gelezen in ${analyseSeconds} s; opslaan…\n`);
      const importStart = performance.now();
      const imported = (await call(session, 'survey.import', { stagedId: analysis.stagedId, mapping: analysis.mapping })) as { surveyId: string };
      const storeSeconds = seconds(importStart);
      const blob = study.db.prepare('SELECT size, length(data) AS stored FROM survey_data').get() as { size: number; stored: number };

      const tables = {
        distribution: { question: H.explained },
        splitByInstitution: { question: H.explained, by: H.institution },
        meanMarkByWorkers: { mean: H.mark, by: H.workers },
      };
      process.stderr.write(`  opgeslagen in ${storeSeconds} s; tabellen…\n`);
      const firstStart = performance.now();
      await call(session, 'survey.table', { surveyId: imported.surveyId, ...tables.distribution });
      const firstTableMs = ms(firstStart);
      const perTable: Record<string, number> = {};
      for (const [name, input] of Object.entries(tables)) {
        const times: number[] = [];
        for (let run = 0; run < REPEATS; run++) {
          const start = performance.now();
          await call(session, 'survey.table', { surveyId: imported.surveyId, ...input });
          times.push(performance.now() - start);
        }
        perTable[name] = round(median(times), 1);
      }
      const listStart = performance.now();
      await call(session, 'survey.list', {});
      const listMs = ms(listStart);
      const exportStart = performance.now();
      await call(session, 'survey.exportTable', { surveyId: imported.surveyId, ...tables.splitByInstitution });
      const exportMs = ms(exportStart);
      session.close();

      formats[format] = {
        fileMb: round(statSync(path).size / 1024 / 1024, 2),
        readAndAnalyseSeconds: analyseSeconds,
        checkAndStoreSeconds: storeSeconds,
        importTotalSeconds: round(analyseSeconds + storeSeconds, 2),
        storedRowsMb: round(blob.stored / 1024 / 1024, 2),
        uncompressedRowsMb: round(blob.size / 1024 / 1024, 2),
        firstTableMsIncludingRowLoad: firstTableMs,
        tableMedianMs: perTable,
        surveyListMs: listMs,
        exportSplitToXlsxMs: exportMs,
      };
    }
    return {
      respondents: RESPONDENTS,
      questions: headers.length,
      generateSeconds,
      ...formats,
      peakRssMb: Math.round(peakRss / 1024 / 1024),
    };
  } finally {
    clearInterval(sampler);
    rmSync(workDir, { recursive: true, force: true });
  }
}

// Run on its own: node dist/bench/survey-bench.mjs (when built as an entry) or through bench.ts.
if (process.argv[1] && /survey-bench\.(m?js|ts)$/.test(process.argv[1])) {
  measureSurvey().then(
    (figures) => console.log(JSON.stringify({ survey: figures }, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
