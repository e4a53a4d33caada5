/**
 * The worker bundles in dist/workers/, rebuilt (with scripts/build.mjs
 * --workers, the options the app is built with) when any backend or shared
 * source is newer, so tests never run a stale worker.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './cli';

const BUNDLES = ['extract-worker.mjs', 'report-worker.mjs', 'survey-worker.mjs'].map((file) => join(projectRoot, 'dist', 'workers', file));

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function ensureWorkerBundles(): void {
  const sources = Math.max(newestSourceTime(join(projectRoot, 'backend')), newestSourceTime(join(projectRoot, 'shared')));
  if (BUNDLES.every((bundle) => existsSync(bundle) && statSync(bundle).mtimeMs >= sources)) return;
  execFileSync(process.execPath, [join(projectRoot, 'scripts', 'build.mjs'), '--workers'], { stdio: 'inherit' });
}
