/**
 * The national-scale jobs through the service process only (national-pauses.ts),
 * on a study kept by `BENCH_NATIONAL_KEEP` (national-bench.ts): the backend's
 * memory and pauses per job in minutes instead of the full run's hour.
 *
 * `BENCH_NATIONAL_STUDY=<dir>` names the kept folder (landelijk.veldwerk,
 * bundel-NN.vwb, passphrase.txt, kept.json). The study is copied first (the
 * folder stays read-only); the 50 files of the import batch are generated
 * again when the corpus they were kept from is not at hand (deterministic).
 * Run with `npm run bench -- national-service`.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourceMeta } from '../../shared/api/contract';
import { openStudyFile } from '../../backend/store/open-study';
import { generateCorpus, type CorpusFile } from './generate-corpus';
import { measurePauses } from './national-pauses';

interface Kept {
  scale: number;
  serviceBatch: CorpusFile[];
}

export async function measureNationalService(): Promise<object> {
  const keptDir = process.env.BENCH_NATIONAL_STUDY;
  // A full `npm run bench` has no kept study: the full national section measures the same jobs.
  if (!keptDir) return { skipped: 'BENCH_NATIONAL_STUDY is niet gezet' };
  if (!existsSync(join(keptDir, 'kept.json'))) throw new Error('BENCH_NATIONAL_STUDY moet de map noemen die BENCH_NATIONAL_KEEP bewaarde (met kept.json).');
  const kept = JSON.parse(readFileSync(join(keptDir, 'kept.json'), 'utf8')) as Kept;
  const workDir = join(tmpdir(), `veldwerk-national-service-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  try {
    const studyPath = join(workDir, 'landelijk.veldwerk');
    copyFileSync(join(keptDir, 'landelijk.veldwerk'), studyPath);
    const bundles = readdirSync(keptDir).filter((name) => /^bundel-\d+\.vwb$/.test(name)).sort();
    const bundle = new Uint8Array(readFileSync(join(keptDir, bundles.at(-1)!)));
    const importMeta = firstInstitutionMeta(studyPath);
    const figures = await measurePauses({
      studyPath,
      importFiles: await batchFiles(kept, workDir),
      importMeta,
      bundle,
      passphrase: readFileSync(join(keptDir, 'passphrase.txt'), 'utf8').trim(),
    });
    const result = {
      scale: kept.scale,
      servicePeakRssMB: figures.servicePeakRssMB,
      perJob: Object.fromEntries(Object.entries(figures.jobs).map(([job, { memory, jobMs, longestPauseMs, longestHostGcMs, longestReadWaitMs }]) => [job, { ...memory, jobMs, longestPauseMs, longestHostGcMs, longestReadWaitMs }])),
    };
    mkdirSync('bench-out', { recursive: true });
    writeFileSync(join('bench-out', `national-service-${kept.scale}.json`), JSON.stringify(result, null, 2));
    return result;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** The kept import batch, or the same files generated again (the corpus is deterministic per index). */
async function batchFiles(kept: Kept, workDir: string): Promise<CorpusFile[]> {
  if (kept.serviceBatch.every((file) => existsSync(file.path))) return kept.serviceBatch;
  const first = Number(/bron-(\d+)\./.exec(kept.serviceBatch[0]!.fileName)![1]) - 1;
  return generateCorpus(join(workDir, 'corpus'), first + kept.serviceBatch.length, first);
}

/** The import batch's metadata: the study's first institution, as the full run uses. */
function firstInstitutionMeta(studyPath: string): SourceMeta {
  const db = openStudyFile(studyPath, { readonly: true });
  try {
    const institutionId = db.prepare('SELECT id FROM institution WHERE deleted = 0 ORDER BY rowid LIMIT 1').pluck().get() as string;
    return { institutionId, sourceType: 'interview', role: 'ouder', measure: null, date: null, inspectorId: null };
  } finally {
    db.close();
  }
}
