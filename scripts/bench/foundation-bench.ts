/**
 * Benchmark of the foundation: 1,000 sources (docx/pdf/txt, about 15,000 pages) imported as the
 * app imports them, the same files extracted without the store (the ratio is
 * our overhead), search latency over 20 queries, file size and peak memory.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { search } from '../../backend/search/search';
import { extractMany } from '../../backend/sources/extract';
import { importFiles } from '../../backend/sources/import-sources';
import { createStudy } from '../../backend/study/setup';
import { generateCorpus } from './generate-corpus';
import { latencySummary } from './percentiles';

const SOURCE_COUNT = Number(process.env.BENCH_SOURCES ?? 1000);
const IMPORT_BATCH = 50;
export const QUERIES = [
  'ouders', 'geinformeerd', 'veiligheid', '"plan van aanpak"', 'wachtlijst', 'gemeente budget', 'kinderrechter',
  'voogd*', 'huisbezoek moeder', 'jeugdreclassering', 'betekenisvol contact', 'overdracht', 'evaluatie doelen',
  'vertraagd', '"hulp ingezet"', 'school*', 'gedragswetenschapper', 'zorgen risico', 'indicatie', 'beëindigd',
];

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

export async function measureFoundation(): Promise<object> {
  const workDir = join(tmpdir(), `veldwerk-bench-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  // Peak memory of this benchmark alone: sampled, since maxRSS covers the whole process's life.
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    process.stderr.write(`Corpus van ${SOURCE_COUNT} bronnen maken…\n`);
    const generationStart = performance.now();
    const corpus = await generateCorpus(join(workDir, 'bronnen'), SOURCE_COUNT);
    const generationSeconds = (performance.now() - generationStart) / 1000;
    const pages = corpus.reduce((sum, file) => sum + file.pages, 0);

    process.stderr.write('Uitlezen zonder opslag…\n');
    const extractStart = performance.now();
    const raw = await extractMany(corpus);
    const extractSeconds = (performance.now() - extractStart) / 1000;
    const extractFailures = raw.filter((outcome) => !outcome.ok).length;

    process.stderr.write('Importeren in een onderzoek…\n');
    const studyPath = join(workDir, 'bench.veldwerk');
    const study = createStudy(studyPath, {
      name: 'Benchmark', periodStart: null, periodEnd: null,
      institutions: ['GI Bench'], inspectors: [{ name: 'Bench', initials: 'BE' }],
    });
    const institutionId = study.institutions()[0]!.id;
    const importStart = performance.now();
    let imported = 0;
    for (let offset = 0; offset < corpus.length; offset += IMPORT_BATCH) {
      const batch = corpus.slice(offset, offset + IMPORT_BATCH);
      const outcomes = await importFiles(study, batch, { institutionId, sourceType: 'clientdossier', role: null, measure: 'ots', date: null, inspectorId: null });
      imported += outcomes.filter((outcome) => outcome.status === 'imported').length;
    }
    const importSeconds = (performance.now() - importStart) / 1000;

    process.stderr.write('Zoeken…\n');
    const timings: number[] = [];
    const hitCounts: Record<string, number> = {};
    for (const query of QUERIES) {
      const start = performance.now();
      const result = search(study, query, 200);
      timings.push(performance.now() - start);
      hitCounts[query] = result.hits.length;
    }
    study.db.pragma('wal_checkpoint(TRUNCATE)');
    study.close();

    const figures = {
      corpus: { sources: corpus.length, pages, generationSeconds: round(generationSeconds) },
      import: {
        sourcesImported: imported,
        seconds: round(importSeconds),
        pagesPerSecond: round(pages / importSeconds),
      },
      rawExtraction: { seconds: round(extractSeconds), failures: extractFailures, overheadRatio: round(importSeconds / extractSeconds, 2) },
      search: { queries: QUERIES.length, ...latencySummary(timings), hitsPerQuery: hitCounts },
      studyFileMB: round(statSync(studyPath).size / 1024 / 1024),
      peakRssMB: round(peakRss / 1024 / 1024),
    };
    return figures;
  } finally {
    clearInterval(sampler);
    rmSync(workDir, { recursive: true, force: true });
  }
}

