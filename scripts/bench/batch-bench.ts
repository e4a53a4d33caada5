/**
 * Batch import of a folder as it arrives: 500 files (a third each docx, pdf
 * and txt, 5-25 pages) in sub-folders whose names say type, role, measure and
 * date, read into the table (`batch.preview`, extraction included) and then
 * stored (`batch.import`) through the same handlers as the app. Seconds per
 * phase, files per second over both, and peak memory (RSS, sampled) of the
 * whole run, extraction workers included (threads of this process).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { createStudy } from '../../backend/study/setup';
import type { BatchPreview, ImportOutcome } from '../../shared/api/types';
import { generateCorpus } from './generate-corpus';

const FILE_COUNT = Number(process.env.BENCH_BATCH_FILES ?? 500);
const FOLDERS = ['Interviews ouders', 'Dossiers OTS', 'Beleid', 'Interviews jeugdigen/2026-03-12', 'Diversen'];

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

export async function measureBatch(): Promise<object> {
  const workDir = join(tmpdir(), `veldwerk-bench-batch-${process.pid}`);
  const root = join(workDir, 'Aanlevering GI Bench');
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const session = new Session({ kind: 'cli', demoStudyPath: () => '', chooseFolder: async () => root });
  try {
    process.stderr.write(`Map met ${FILE_COUNT} bestanden maken…\n`);
    const perFolder = Math.ceil(FILE_COUNT / FOLDERS.length);
    let pages = 0;
    for (const [index, folder] of FOLDERS.entries()) {
      const first = index * perFolder;
      const files = await generateCorpus(join(root, folder), Math.min(FILE_COUNT, first + perFolder), first);
      pages += files.reduce((sum, file) => sum + file.pages, 0);
    }
    session.setStudy(
      createStudy(join(workDir, 'bench.veldwerk'), {
        name: 'Benchmark map', periodStart: null, periodEnd: null, institutions: ['GI Bench'], inspectors: [{ name: 'Bench', initials: 'BE' }],
      }),
    );
    const call = async <T>(name: string, input: unknown): Promise<T> => {
      const result = await dispatch(session, name as never, input);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as T;
    };

    process.stderr.write('Map lezen (tabel, niets opgeslagen)…\n');
    let start = performance.now();
    const preview = (await call<BatchPreview>('batch.preview', { chooseFolder: true }))!;
    const previewSeconds = (performance.now() - start) / 1000;

    process.stderr.write('Bevestigde rijen opslaan…\n');
    const rows = preview.rows.map((row) => ({
      rowId: row.rowId,
      meta: { title: row.title, institutionId: row.institutionId ?? session.requireStudy().institutions()[0]!.id, sourceType: row.sourceType ?? 'overig', role: row.role, measure: row.measure, date: row.date, inspectorId: null },
    }));
    start = performance.now();
    const outcomes = await call<ImportOutcome[]>('batch.import', { batchId: preview.batchId, rows });
    const importSeconds = (performance.now() - start) / 1000;
    const total = previewSeconds + importSeconds;
    return {
      files: FILE_COUNT,
      pages,
      rows: preview.rows.length,
      refused: preview.refused.length,
      guessedType: preview.rows.filter((row) => row.sourceType !== null).length,
      titleFromDocument: preview.rows.filter((row) => row.titleFromDocument).length,
      imported: outcomes.filter((outcome) => outcome.status === 'imported').length,
      previewSeconds: round(previewSeconds),
      importSeconds: round(importSeconds),
      totalSeconds: round(total),
      filesPerSecond: round(FILE_COUNT / total),
      peakRssMB: round(peakRss / 1024 / 1024),
    };
  } finally {
    clearInterval(sampler);
    session.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}
