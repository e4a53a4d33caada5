/**
 * The worker bundles lie unpacked beside app.asar; their SHA-256 in
 * dist/worker-hashes.json, inside the archive (and so under its integrity
 * check), vouches for them before a worker starts from the packaged app.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WORKER_BUNDLES } from '../../backend/worker-bundle';
import { checkWorkerBundle, isPackagedPath, sha256OfFile, WORKER_HASHES_FILE } from '../../backend/worker-integrity';

const require = createRequire(import.meta.url);
const root = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'veldwerk-werkmodules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('worker bundle integrity', () => {
  it('the build records the hash of every worker bundle', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'dist', WORKER_HASHES_FILE), 'utf8')) as Record<string, string>;
    for (const { file } of Object.values(WORKER_BUNDLES)) {
      const path = join(root, 'dist', 'workers', file);
      expect(existsSync(path), file).toBe(true);
      expect(manifest[file], file).toBe(sha256OfFile(path));
    }
  });

  it('starts a bundle only while it has its recorded hash; an altered or unlisted one is refused in Dutch', () => {
    const bundle = join(dir, 'survey-worker.mjs');
    writeFileSync(bundle, 'export const werk = 1;\n');
    const manifest = join(dir, WORKER_HASHES_FILE);
    writeFileSync(manifest, JSON.stringify({ 'survey-worker.mjs': sha256OfFile(bundle) }));
    expect(() => checkWorkerBundle(bundle, manifest)).not.toThrow();

    const altered = join(dir, 'report-worker.mjs');
    copyFileSync(bundle, altered);
    writeFileSync(manifest, JSON.stringify({ 'survey-worker.mjs': sha256OfFile(bundle), 'report-worker.mjs': sha256OfFile(bundle) }));
    writeFileSync(altered, 'export const werk = 2; // gewijzigd\n');
    expect(() => checkWorkerBundle(altered, manifest)).toThrow(/report-worker\.mjs is gewijzigd/);
    const unlisted = join(dir, 'exchange-worker.mjs');
    copyFileSync(bundle, unlisted);
    expect(() => checkWorkerBundle(unlisted, manifest)).toThrow(/controlegetal klopt niet/);
    expect(() => checkWorkerBundle(unlisted, join(dir, 'bestaat-niet.json'))).toThrow(/controlegetallen van de werkmodules ontbreken/);
  });

  it('checks only in the packaged app, where the bundles lie beside the archive', () => {
    expect(isPackagedPath('/opt/Veldwerk/resources/app.asar/dist/workers/report-worker.mjs')).toBe(true);
    expect(isPackagedPath('C:\\Veldwerk\\resources\\app.asar.unpacked\\dist\\workers\\report-worker.mjs')).toBe(true);
    expect(isPackagedPath(join(root, 'dist', 'workers', 'report-worker.mjs'))).toBe(false);
  });

  it('packs the hashes inside app.asar (not unpacked), and the worker bundles beside it', () => {
    const { load } = require('js-yaml') as { load: (text: string) => unknown };
    const minimatch = require('minimatch') as (path: string, pattern: string) => boolean;
    const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { files: string[]; asarUnpack: string[]; asar: boolean };
    expect(config.asar).toBe(true);
    expect(config.files.some((pattern) => !pattern.startsWith('!') && minimatch(`dist/${WORKER_HASHES_FILE}`, pattern))).toBe(true);
    expect(config.asarUnpack.some((pattern) => minimatch(`dist/${WORKER_HASHES_FILE}`, pattern))).toBe(false);
    expect(config.asarUnpack.some((pattern) => minimatch('dist/workers/report-worker.mjs', pattern))).toBe(true);
  });
});
