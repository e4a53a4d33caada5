/**
 * The staging store (backend/store/staging-store.ts) under a folder of 500
 * files (a third each docx, pdf and txt, 5-25 pages) uploaded as the browser
 * host does (`files.stage` per file), and the same files as one dossier zip
 * unpacked into the store (as `batch.preview` does before extracting). Each
 * piece is sealed with AES-256-GCM on disk: seconds and CPU seconds to stage,
 * to read everything back, and to unpack the zip; the memory this process
 * holds after staging (heap and RSS growth), against the bytes staged.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Session } from '../../backend/api/session';
import { unpackDossierZip } from '../../backend/sources/batch/dossier-zip';
import { createStudy } from '../../backend/study/setup';
import { generateCorpus } from './generate-corpus';

const FILE_COUNT = Number(process.env.BENCH_STAGING_FILES ?? 500);
const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const MB = 1024 * 1024;
/** One upload near the staging limit (200 MB), bytes that do not compress. */
const LARGE_MB = Number(process.env.BENCH_STAGING_LARGE_MB ?? 150);

/** A collected heap before each memory reading, so the growth is what staging holds, not garbage. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Wall and CPU seconds of `work`. */
async function timed<T>(work: () => T | Promise<T>): Promise<{ value: T; seconds: number; cpuSeconds: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, seconds: round((performance.now() - start) / 1000), cpuSeconds: round((used.user + used.system) / 1e6) };
}

export async function measureStaging(): Promise<object> {
  const workDir = join(tmpdir(), `veldwerk-bench-staging-${process.pid}`);
  const folder = join(workDir, 'Aanlevering');
  const session = new Session({ kind: 'browser', demoStudyPath: () => '' });
  try {
    const files = await generateCorpus(folder, FILE_COUNT);
    const uploads = files.map((file) => ({ name: relative(folder, file.path), bytes: readFileSync(file.path) }));
    const bytes = uploads.reduce((sum, upload) => sum + upload.bytes.byteLength, 0);
    execFileSync('zip', ['-q', '-r', join(workDir, 'aanlevering.zip'), '.'], { cwd: folder });
    const zipBytes = readFileSync(join(workDir, 'aanlevering.zip'));
    session.setStudy(createStudy(join(workDir, 'bench.veldwerk'), { name: 'Benchmark klaarzetten', periodStart: null, periodEnd: null, institutions: ['GI Bench'], inspectors: [] }));

    const gc = collector();
    gc();
    const before = process.memoryUsage();
    const staged = await timed(() => uploads.map((upload) => session.stage(upload.name, upload.bytes, upload.name).stagedId));
    gc();
    const after = process.memoryUsage();
    const entries = session.takeStaged(staged.value);
    const readBack = await timed(() => entries.reduce((sum, entry) => sum + entry.read().byteLength, 0));
    session.discard(entries);

    const pieces: string[] = [];
    const zip = session.staging.inputFile(session.staging.put(zipBytes), 'aanlevering.zip');
    const unpacked = await timed(() => unpackDossierZip(zip, session.staging, pieces));
    const sealedAfterUnpack = session.staging.totalBytes;
    const large = randomBytes(LARGE_MB * MB);
    const stagedLarge = await timed(() => session.stage('groot.pdf', large));
    return {
      files: FILE_COUNT,
      stagedMB: round(bytes / MB, 1),
      stageSeconds: staged.seconds,
      stageCpuSeconds: staged.cpuSeconds,
      stageMBPerSecond: round(bytes / MB / staged.seconds, 0),
      heapGrowthMB: round((after.heapUsed - before.heapUsed) / MB, 1),
      rssGrowthMB: round((after.rss - before.rss) / MB, 1),
      readBackSeconds: readBack.seconds,
      readBackCpuSeconds: readBack.cpuSeconds,
      zipMB: round(zipBytes.byteLength / MB, 1),
      zipEntriesUnpacked: unpacked.value.files.length,
      zipUnpackSeconds: unpacked.seconds,
      zipUnpackCpuSeconds: unpacked.cpuSeconds,
      sealedMBAfterUnpack: round(sealedAfterUnpack / MB, 1),
      largeUploadMB: LARGE_MB,
      largeStageSeconds: stagedLarge.seconds,
      largeStageCpuSeconds: stagedLarge.cpuSeconds,
    };
  } finally {
    session.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}
