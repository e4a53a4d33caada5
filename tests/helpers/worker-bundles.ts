/**
 * The worker bundles in dist/workers/, rebuilt (with scripts/build.mjs
 * --workers, the options the app is built with) when any backend or shared
 * source is newer, so tests never run a stale worker.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { UserError } from '../../backend/errors';
import { projectRoot } from './cli';

const BUNDLES = ['extract-worker.mjs', 'report-worker.mjs', 'survey-worker.mjs', 'service-worker.mjs', 'exchange-worker.mjs', 'logbook-worker.mjs'].map((file) => join(projectRoot, 'dist', 'workers', file));
/** The app's service process (electron/service-process.ts), which tests run under Node. */
export const SERVICE_PROCESS_BUNDLE = join(projectRoot, 'dist', 'electron', 'service-process.cjs');
BUNDLES.push(SERVICE_PROCESS_BUNDLE);

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function ensureWorkerBundles(): void {
  const sources = Math.max(...['backend', 'shared', 'electron'].map((folder) => newestSourceTime(join(projectRoot, folder))));
  if (BUNDLES.every((bundle) => existsSync(bundle) && statSync(bundle).mtimeMs >= sources)) return;
  execFileSync(process.execPath, [join(projectRoot, 'scripts', 'build.mjs'), '--workers'], { stdio: 'inherit' });
}

/** Run `work` with the worker bundles taken from `workerDir` (a stand-in that misbehaves). */
export async function withWorkerDir<T>(workerDir: string, work: () => Promise<T>): Promise<T> {
  const saved = process.env.VELDWERK_WORKER_DIR;
  process.env.VELDWERK_WORKER_DIR = workerDir;
  try {
    return await work();
  } finally {
    if (saved === undefined) delete process.env.VELDWERK_WORKER_DIR;
    else process.env.VELDWERK_WORKER_DIR = saved;
  }
}

/** A stand-in worker bundle `bundleName` with this body, in a folder of its own under `dir`. */
export function fakeWorker(dir: string, bundleName: string, name: string, body: string): string {
  const folder = join(dir, `werker-${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, bundleName), body);
  return folder;
}

/** The UserError a promise is rejected with (the test fails if it resolves or throws something else). */
export async function rejection(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}
