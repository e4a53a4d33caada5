/**
 * Applying team bundles at national scale (issue 9, items 4 and 8), on a study
 * kept by `BENCH_NATIONAL_KEEP` (national-bench.ts): no 15 minutes of import
 * before every measurement. `BENCH_NATIONAL_STUDY=<dir>` names the kept study
 * and bundles (as for the national-service section); they are read only: the
 * study is copied into a temporary directory first.
 *
 * Reported: the merge of bundles 1-20 in-process (wall and CPU, changes/s),
 * decrypting and validating them, the pre-merge backup made both ways SQLite
 * allows (VACUUM INTO and the online backup API, each timed once), and bundle
 * 21 applied through the service worker as `veldwerk serve` runs it, with
 * the longest wait of a read sent meanwhile (national-pauses.ts).
 * `BENCH_MERGE_BUNDLES=<n>` applies only the first n bundles in-process;
 * `BENCH_MERGE_CACHE_MB` and `BENCH_MERGE_AUTOCHECKPOINT` set those pragmas
 * on the in-process connection (to compare).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { mergeBundle, readBundle } from '../../backend/merge/merge';
import { Study } from '../../backend/study/study';
import { startServiceWorker } from '../../backend/service/service-client';
import { during } from './national-pauses';
import type { DispatchResult } from '../../backend/api/handlers';

const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const cpuNow = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

function log(message: string): void {
  process.stderr.write(`[samenvoegen ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Time one way of copying the whole study (the pre-merge backup), then remove the copy. */
async function timeCopy(copy: (target: string) => unknown, target: string) {
  const start = performance.now();
  const cpu = cpuNow();
  await copy(target);
  const figures = { seconds: round((performance.now() - start) / 1000, 2), cpuSeconds: round((cpuNow() - cpu) / 1000, 2), MB: round(statSync(target).size / 1024 / 1024) };
  rmSync(target, { force: true });
  return figures;
}

/**
 * `BENCH_MERGE_SET=1` (with `BENCH_MERGE_BUNDLES=0`, so that they are not
 * in the study yet): bundles 1-20 applied as one set through the service
 * (bundle.applySet): decryption, one backup and the merge together, with
 * reads alongside.
 */
async function applySetThroughService(call: (name: string, input: unknown) => Promise<DispatchResult>, from: string, names: string[], passphrase: string) {
  const stagedIds: string[] = [];
  for (const name of names) {
    const staged = (await call('files.stage', { fileName: name.replace(/\.vwb$/, '.vwbundle'), bytes: new Uint8Array(readFileSync(join(from, name))) })) as { value: { stagedId: string } };
    stagedIds.push(staged.value.stagedId);
  }
  let applied = 0;
  const figures = await during(call, async () => {
    const result = (await call('bundle.applySet', { stagedIds, passphrase })) as { value: { applied: number } };
    applied = result.value.applied;
  });
  return { bundles: names.length, applied, ...figures, changesPerSecondIncludingDecryptAndBackup: Math.round(applied / (figures.jobMs / 1000)) };
}

export async function measureNationalMerge(): Promise<object> {
  const from = process.env.BENCH_NATIONAL_STUDY;
  // A full `npm run bench` has no kept study: the full national section measures the merge too.
  if (!from) return { skipped: 'BENCH_NATIONAL_STUDY is niet gezet' };
  if (!existsSync(join(from, 'kept.json'))) throw new Error(`geen bewaarde landelijke studie in ${from} (maak die met BENCH_NATIONAL_KEEP)`);
  const passphrase = readFileSync(join(from, 'passphrase.txt'), 'utf8').trim();
  const bundleFiles = readdirSync(from).filter((name) => /^bundel-\d+\.vwb$/.test(name)).sort();
  const inProcess = bundleFiles.slice(0, Math.min(Number(process.env.BENCH_MERGE_BUNDLES ?? 20), bundleFiles.length - 1));
  const workDir = join(tmpdir(), `veldwerk-national-merge-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  const loadAtStart = loadavg().map((load) => round(load));
  const studyPath = join(workDir, 'landelijk.veldwerk');
  try {
    log(`studie kopiëren uit ${from}…`);
    copyFileSync(join(from, 'landelijk.veldwerk'), studyPath);
    const study = Study.open(studyPath);
    if (process.env.BENCH_MERGE_CACHE_MB) study.db.pragma(`cache_size = -${Number(process.env.BENCH_MERGE_CACHE_MB) * 1024}`);
    if (process.env.BENCH_MERGE_AUTOCHECKPOINT) study.db.pragma(`wal_autocheckpoint = ${Number(process.env.BENCH_MERGE_AUTOCHECKPOINT)}`);
    study.setCurrentInspector(study.inspectors()[0]!.id);
    const codings = study.db.prepare('SELECT count(*) FROM coding').pluck().get() as number;

    log('reservekopie: VACUUM INTO en de backup-API…');
    const backup = {
      vacuumInto: await timeCopy((target) => study.db.prepare('VACUUM INTO ?').run(target), join(workDir, 'vacuum.veldwerk')),
      backupApi: await timeCopy((target) => study.db.backup(target), join(workDir, 'backup.veldwerk')),
    };

    let applied = 0;
    let readMs = 0;
    let mergeMs = 0;
    let mergeCpuMs = 0;
    const perBundleMs: number[] = [];
    for (const [index, name] of inProcess.entries()) {
      const readStart = performance.now();
      const bundle = await readBundle(study, { path: join(from, name) }, passphrase);
      readMs += performance.now() - readStart;
      const start = performance.now();
      const cpu = cpuNow();
      applied += mergeBundle(study, bundle, { dryRun: false }).applied;
      mergeCpuMs += cpuNow() - cpu;
      const ms = performance.now() - start;
      mergeMs += ms;
      perBundleMs.push(round(ms));
      if (index % 5 === 0) log(`  bundel ${index + 1} / ${inProcess.length}: ${Math.round(ms)} ms`);
    }
    // What is still in the WAL goes into the file (the merges' own automatic checkpoints are in their times).
    const checkpointStart = performance.now();
    study.db.pragma('wal_checkpoint(TRUNCATE)');
    const checkpointSeconds = round((performance.now() - checkpointStart) / 1000, 2);
    study.close();

    log('laatste bundel door de dienst, met leesopdrachten ernaast…');
    const service = await startServiceWorker({ kind: 'cli', demoStudyPath: '' }, studyPath);
    let throughService: object;
    try {
      if (service.openError) throw new Error(service.openError);
      const call = async (name: string, input: unknown) => {
        const result = await service.client.call(name, input);
        if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
        return result;
      };
      const staged = (await call('files.stage', { fileName: 'bundel.vwbundle', bytes: new Uint8Array(readFileSync(join(from, bundleFiles.at(-1)!))) })) as {
        value: { stagedId: string };
      };
      // The same with nothing running: the floor a machine shared with other work sets.
      const idle = await during(call, () => new Promise((resolve) => setTimeout(resolve, 2000)));
      throughService = { idle, bundleApply: await during(call, () => call('bundle.apply', { stagedId: staged.value.stagedId, passphrase })) };
      if (process.env.BENCH_MERGE_SET) throughService = { ...throughService, bundleSet: await applySetThroughService(call, from, bundleFiles.slice(0, -1), passphrase) };
    } finally {
      await service.stop();
    }

    return {
      loadAverage: { start: loadAtStart, end: loadavg().map((load) => round(load)) },
      study: { codingsBefore: codings, MB: round(statSync(studyPath).size / 1024 / 1024) },
      backup,
      merge: {
        bundles: inProcess.length,
        changesApplied: applied,
        seconds: round(mergeMs / 1000, 2),
        cpuSeconds: round(mergeCpuMs / 1000, 2),
        changesPerSecond: applied ? Math.round(applied / (mergeMs / 1000)) : null,
        changesPerSecondCpu: applied ? Math.round(applied / (mergeCpuMs / 1000)) : null,
        decryptAndValidateSeconds: round(readMs / 1000, 2),
        perBundleMs,
        finalCheckpointSeconds: checkpointSeconds,
      },
      bundleApplyThroughService: throughService,
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
