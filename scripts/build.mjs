// Builds everything the app, the CLI and the tests run from `dist/`:
// the renderer with Vite, and the Node-side entry points with esbuild.
// `--if-stale` skips the build when dist/ is newer than every source file;
// `--workers` builds the worker bundles only.
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.built');

/** Node-side bundles: [entry, output, format]. Native and heavy packages stay external. */
const NODE_ENTRIES = [
  ['backend/host/cli-entry.ts', 'dist/cli/veldwerk.mjs', 'esm'],
  ['backend/sources/extract/extract-worker.ts', 'dist/workers/extract-worker.mjs', 'esm'],
  ['backend/reports/report-worker.ts', 'dist/workers/report-worker.mjs', 'esm'],
  ['backend/survey/survey-worker.ts', 'dist/workers/survey-worker.mjs', 'esm'],
  ['backend/service/service-worker.ts', 'dist/workers/service-worker.mjs', 'esm'],
  ['electron/service-process.ts', 'dist/electron/service-process.cjs', 'cjs'],
  ['backend/exchange/exchange-worker.ts', 'dist/workers/exchange-worker.mjs', 'esm'],
  ['backend/logbook/logbook-worker.ts', 'dist/workers/logbook-worker.mjs', 'esm'],
  ['backend/privacy/detect-worker.ts', 'dist/workers/privacy-worker.mjs', 'esm'],
  ['backend/merge/merge-worker.ts', 'dist/workers/merge-worker.mjs', 'esm'],
  ['electron/main.ts', 'dist/electron/main.cjs', 'cjs'],
  ['electron/preload.ts', 'dist/electron/preload.cjs', 'cjs'],
  ['scripts/bench/bench.ts', 'dist/bench/bench.mjs', 'esm'],
  ['scripts/bench/relay-process.ts', 'dist/bench/relay-process.mjs', 'esm'],
];
const EXTERNAL = ['electron', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', '@napi-rs/keyring', 'pdfjs-dist', 'mammoth', 'docx', 'exceljs', 'vite', 'playwright-core', '@resvg/resvg-js', 'tesseract.js'];

function newestSourceTime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return ['shared', 'backend', 'renderer', 'electron', 'scripts', 'resources'].some(
    (dir) => existsSync(join(root, dir)) && newestSourceTime(join(root, dir)) > built,
  );
}

async function buildNode(entries = NODE_ENTRIES) {
  await Promise.all(
    entries.filter(([entry]) => existsSync(join(root, entry))).map(([entry, outfile, format]) =>
      esbuild({
        entryPoints: [join(root, entry)],
        outfile: join(root, outfile),
        bundle: true,
        platform: 'node',
        target: 'node22',
        format,
        sourcemap: true,
        external: EXTERNAL,
        logLevel: 'warning',
        // ESM bundles get `require` (for CommonJS dependencies); CJS bundles get `import.meta.url`.
        banner:
          format === 'esm'
            ? { js: "import { createRequire as __veldwerkCreateRequire } from 'node:module'; const require = __veldwerkCreateRequire(import.meta.url);" }
            : { js: "const __veldwerkImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
        define: format === 'cjs' ? { 'import.meta.url': '__veldwerkImportMetaUrl' } : undefined,
      }),
    ),
  );
}

// The hashes of the worker bundles, kept inside app.asar (covered by its integrity check) while the
// bundles themselves are unpacked beside it; backend/worker-integrity.ts checks them before a worker starts.
function writeWorkerHashes() {
  const dir = join(root, 'dist', 'workers');
  const hashes = Object.fromEntries(
    readdirSync(dir)
      .filter((name) => name.endsWith('.mjs'))
      .sort()
      .map((name) => [name, createHash('sha256').update(readFileSync(join(dir, name))).digest('hex')]),
  );
  writeFileSync(join(root, 'dist', 'worker-hashes.json'), `${JSON.stringify(hashes, null, 2)}\n`);
}

async function buildRenderer() {
  await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}

// `--workers`: only the worker bundles (dist/workers/) and the app's service process, e.g. for tests that start them.
if (process.argv.includes('--workers')) {
  await buildNode(NODE_ENTRIES.filter(([, outfile]) => outfile.startsWith('dist/workers/') || outfile === 'dist/electron/service-process.cjs'));
  writeWorkerHashes();
  process.exit(0);
}
if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);
const started = Date.now();
await Promise.all([buildNode(), buildRenderer()]);
writeWorkerHashes();
writeFileSync(stamp, new Date().toISOString());
console.log(`Veldwerk gebouwd in ${((Date.now() - started) / 1000).toFixed(1)} s`);
