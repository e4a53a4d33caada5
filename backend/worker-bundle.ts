/**
 * Finding and starting a worker bundle: the worker-thread entry points that
 * scripts/build.mjs bundles into dist/workers/ (text extraction, report
 * building). One mechanism for every kind of worker, so that they are found
 * the same way from the source tree (tests), from dist/ (CLI, browser host)
 * and inside the packaged app.
 *
 * In the packaged app the path lies inside app.asar. This relies on the
 * asar support Electron gives worker threads (since Electron 17.3): the
 * worker starts from that path and resolves its dependencies (better-sqlite3,
 * docx, …) from the archive's node_modules. electron-builder.yml unpacks
 * dist/workers/ as well; Electron reads unpacked files through the same asar
 * path. No test runs a packaged app, so this path is not exercised here.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { projectRoot } from './app-paths';

/** The worker bundles scripts/build.mjs writes, with how a user would name them in a message. */
export const WORKER_BUNDLES = {
  extract: { file: 'extract-worker.mjs', name: 'De uitleesmodule' },
  report: { file: 'report-worker.mjs', name: 'De rapportmodule' },
} as const;

export type WorkerBundle = keyof typeof WORKER_BUNDLES;

/**
 * The path of a worker bundle: in $VELDWERK_WORKER_DIR when set (tests), else
 * in dist/workers/ of the Veldwerk installation this code runs from. Throws
 * (in Dutch) when the bundle is missing: a broken installation.
 */
export function workerBundlePath(bundle: WorkerBundle): string {
  const { file, name } = WORKER_BUNDLES[bundle];
  const directory = process.env.VELDWERK_WORKER_DIR || join(projectRoot(), 'dist', 'workers');
  const path = join(directory, file);
  if (!existsSync(path)) throw new Error(`${name} ontbreekt (${path}); bouw Veldwerk opnieuw met npm run build.`);
  return path;
}

/** Start a worker thread running `bundle`. */
export function startWorkerBundle(bundle: WorkerBundle, options: WorkerOptions = {}): Worker {
  return new Worker(workerBundlePath(bundle), options);
}
