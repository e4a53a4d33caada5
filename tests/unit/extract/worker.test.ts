/**
 * extractFile and extractMany through the real worker bundle and its pool.
 * The bundle is built here when dist/ lacks it or it is older than the
 * extraction sources, with the options scripts/build.mjs uses.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { extractFile, extractionWorkerCount, extractMany, shutdownExtractionPool, workerPath } from '../../../backend/sources/extract';
import { DEFAULT_LIMITS, REASONS, type ExtractOutcome } from '../../../backend/sources/extract/types';
import { releaseIdleWorkers } from '../../../backend/idle-workers';
import {
  CASE_NOTE,
  PASSWORD_PDF,
  encodeUtf16Le,
  makeDocx,
  makePdf,
  makeTempDir,
  makeZipBomb,
  writeFile,
} from '../../fixtures/make-files';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const WORKER_SOURCE = join(ROOT, 'backend/sources/extract/extract-worker.ts');
const WORKER_BUNDLE = join(ROOT, 'dist/workers/extract-worker.mjs');
const SOURCES = [join(ROOT, 'backend/sources/extract'), join(ROOT, 'shared/normalize-text.ts')];

function newestSourceTime(): number {
  const files = SOURCES.flatMap((path) =>
    statSync(path).isDirectory() ? readdirSync(path).map((name) => join(path, name)) : [path],
  );
  return Math.max(...files.map((file) => statSync(file).mtimeMs));
}

async function ensureWorkerBuilt(): Promise<void> {
  if (existsSync(WORKER_BUNDLE) && statSync(WORKER_BUNDLE).mtimeMs >= newestSourceTime()) return;
  await build({
    entryPoints: [WORKER_SOURCE],
    outfile: WORKER_BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    sourcemap: true,
    external: ['electron', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', '@napi-rs/keyring', 'pdfjs-dist', 'mammoth', 'docx', 'exceljs', 'vite', 'playwright-core'],
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __veldwerkCreateRequire } from 'node:module'; const require = __veldwerkCreateRequire(import.meta.url);",
    },
  });
}

const NOTE = CASE_NOTE.join('\n');
const reasonOf = (outcome: ExtractOutcome) => (outcome.ok ? 'ok' : outcome.reason);
let dir: string;

beforeAll(async () => {
  await ensureWorkerBuilt();
  dir = makeTempDir();
}, 60_000);

afterAll(async () => {
  await shutdownExtractionPool();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * 150 pages take a warm worker far longer than the 1 ms deadline the
 * timeout tests set, so the deadline always wins (a one-page file sometimes beat it).
 */
async function writeSlowPdf(): Promise<string> {
  return writeFile(dir, 'traag.pdf', await makePdf(Array.from({ length: 150 }, () => CASE_NOTE)));
}

describe('extractFile through the worker', () => {
  it('extracts a text, a Word and a PDF file', async () => {
    const txt = writeFile(dir, 'notitie.txt', encodeUtf16Le(NOTE));
    const docx = writeFile(dir, 'verslag.docx', await makeDocx([{ text: 'Verslag', heading: 1 }, { text: NOTE }]));
    const pdf = writeFile(dir, 'dossier.pdf', await makePdf([CASE_NOTE.slice(0, 2), CASE_NOTE.slice(2)]));

    const [fromTxt, fromDocx, fromPdf] = await Promise.all([
      extractFile(txt, 'notitie.txt'),
      extractFile(docx, 'verslag.docx'),
      extractFile(pdf, 'dossier.pdf'),
    ]);
    expect(fromTxt).toEqual({ ok: true, value: { format: 'txt', text: NOTE, pageStarts: null, headings: [] } });
    expect(fromDocx.ok && fromDocx.value.text).toBe(`Verslag\n${NOTE}`);
    expect(fromDocx.ok && fromDocx.value.headings).toEqual([{ start: 0, level: 1 }]);
    expect(fromPdf.ok && fromPdf.value.pageStarts).toEqual([0, CASE_NOTE[0]!.length + CASE_NOTE[1]!.length + 2]);
  });

  it('returns hostile files as rejections', async () => {
    const bomb = writeFile(dir, 'bom.docx', makeZipBomb());
    expect(reasonOf(await extractFile(bomb, 'bom.docx'))).toMatch(/^Het Word-document bevat een onderdeel/);
    expect(reasonOf(await extractFile(PASSWORD_PDF, 'beveiligd.pdf'))).toBe(REASONS.passwordProtected);
  });

  it('checks the size before reading the file', async () => {
    const big = writeFile(dir, 'groot.txt', Buffer.alloc(2 * 1024 * 1024, 0x61));
    const limits = { ...DEFAULT_LIMITS, maxFileBytes: 1024 * 1024 };
    expect(reasonOf(await extractFile(big, 'groot.txt', limits))).toBe(REASONS.tooLarge(1024 * 1024));
  });

  it('rejects a file that is not there, or not a file', async () => {
    expect(reasonOf(await extractFile(join(dir, 'bestaat-niet.txt'), 'bestaat-niet.txt'))).toBe(
      'Het bestand kan niet worden gelezen.',
    );
    expect(reasonOf(await extractFile(dir, 'map.txt'))).toBe('Het bestand kan niet worden gelezen.');
  });

  it('stops a worker that takes too long, with a rejection instead of an error', async () => {
    const slow = await writeSlowPdf();
    const outcome = await extractFile(slow, 'traag.pdf', { ...DEFAULT_LIMITS, timeoutMs: 1 });
    expect(reasonOf(outcome)).toBe(
      'Het uitlezen duurde te lang (meer dan 0,001 seconden); het bestand is mogelijk beschadigd.',
    );
  });

  it('maps a worker that runs out of memory to a rejection', async () => {
    const txt = writeFile(dir, 'geheugen.txt', Buffer.alloc(8 * 1024 * 1024, 0x61));
    const outcome = await extractFile(txt, 'geheugen.txt', { ...DEFAULT_LIMITS, maxWorkerMemoryMb: 4 });
    expect(reasonOf(outcome)).toBe(
      'Het uitlezen vroeg meer dan 4 MB geheugen; het bestand is mogelijk beschadigd of te groot.',
    );
  });
});

describe('extractMany', () => {
  it('returns outcomes in input order and reports each file', async () => {
    const files = [
      { path: writeFile(dir, 'a.pdf', await makePdf([['Pagina van A.']])), fileName: 'a.pdf' },
      { path: writeFile(dir, 'b.txt', 'Notitie B.'), fileName: 'b.txt' },
      { path: writeFile(dir, 'c.xyz', 'C'), fileName: 'c.xyz' },
      { path: writeFile(dir, 'd.txt', 'Notitie D.'), fileName: 'd.txt' },
    ];
    const reported: string[] = [];
    const outcomes = await extractMany(files, { concurrency: 2, onProgress: (file) => reported.push(file.fileName) });
    expect(outcomes.map((outcome) => (outcome.ok ? outcome.value.text : outcome.reason))).toEqual([
      'Pagina van A.',
      'Notitie B.',
      'Bestandstype .xyz wordt niet ondersteund; gebruik .txt, .docx of .pdf.',
      'Notitie D.',
    ]);
    expect(reported.sort()).toEqual(['a.pdf', 'b.txt', 'c.xyz', 'd.txt']);
  });

  it('returns an empty list for no files', async () => {
    expect(await extractMany([])).toEqual([]);
  });
});

describe('the worker pool', () => {
  const textOf = (outcome: ExtractOutcome) => (outcome.ok ? outcome.value.text : outcome.reason);

  it('replaces a worker that timed out, so the next job succeeds', async () => {
    const slow = await writeSlowPdf();
    const pdf = writeFile(dir, 'eerst-traag.pdf', await makePdf([CASE_NOTE]));
    const hasty = { ...DEFAULT_LIMITS, timeoutMs: 1 };
    // More jobs than the pool has workers: the replacements time out too.
    const timedOut = await Promise.all([1, 2, 3].map(() => extractFile(slow, 'traag.pdf', hasty)));
    expect(timedOut.map(reasonOf)).toEqual(
      Array(3).fill('Het uitlezen duurde te lang (meer dan 0,001 seconden); het bestand is mogelijk beschadigd.'),
    );
    const after = await Promise.all([1, 2, 3].map(() => extractFile(pdf, 'eerst-traag.pdf')));
    expect(after.map(textOf)).toEqual(Array(3).fill(NOTE));
  });

  it('extracts many files of every format, each with its own text', async () => {
    const formats = ['txt', 'docx', 'pdf'] as const;
    // Short enough to fit on one line of a PDF page.
    const phrases = [CASE_NOTE[0]!, CASE_NOTE[3]!, 'Noëlle (9) vertelde over haar konijn.', 'Vader was niet aanwezig.'];
    const files = await Promise.all(
      Array.from({ length: 24 }, async (_, index) => {
        const format = formats[index % 3]!;
        const text = `Bestand ${index + 1}: ${phrases[index % phrases.length]}`;
        const fileName = `veel-${index + 1}.${format}`;
        const bytes = format === 'txt' ? text : format === 'docx' ? await makeDocx([{ text }]) : await makePdf([[text]]);
        return { path: writeFile(dir, fileName, bytes), fileName, text };
      }),
    );
    const reported: string[] = [];
    // More lanes than workers: the pool queues what it cannot run yet.
    const outcomes = await extractMany(files, { concurrency: 5, onProgress: (file) => reported.push(file.fileName) });
    expect(outcomes.map(textOf)).toEqual(files.map((file) => file.text));
    expect(reported.sort()).toEqual(files.map((file) => file.fileName).sort());
  });

  it('keeps going where workers are recycled after many jobs', async () => {
    const files = Array.from({ length: 10 }, (_, index) => ({
      path: writeFile(dir, `kort-${index}.txt`, `Korte notitie ${index}.`),
      fileName: `kort-${index}.txt`,
    }));
    const many = Array.from({ length: 450 }, (_, index) => files[index % files.length]!);
    const outcomes = await extractMany(many);
    expect(outcomes.map(textOf)).toEqual(many.map((_, index) => `Korte notitie ${index % files.length}.`));
  });

  it('ends idle workers a few seconds after the last file (their heaps are not held), and starts afresh for the next', async () => {
    const txt = writeFile(dir, 'vrijgeven.txt', 'Notitie na de import.');
    const files = [1, 2, 3].map(() => ({ path: txt, fileName: 'vrijgeven.txt' }));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await extractMany(files);
      expect(extractionWorkerCount()).toBeGreaterThan(0);
      // Between the batches of one import the workers stay warm.
      vi.advanceTimersByTime(1000);
      expect(extractionWorkerCount()).toBeGreaterThan(0);
      vi.advanceTimersByTime(5000);
      expect(extractionWorkerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
    expect((await extractMany(files)).map(textOf)).toEqual(Array(3).fill('Notitie na de import.'));
  });

  it('ends idle workers at once when a heavy job asks (releaseIdleWorkers), and starts afresh for the next file', async () => {
    const txt = writeFile(dir, 'vrij.txt', 'Notitie voor het rapport.');
    const files = [1, 2].map(() => ({ path: txt, fileName: 'vrij.txt' }));
    await extractMany(files);
    expect(extractionWorkerCount()).toBeGreaterThan(0);
    releaseIdleWorkers();
    expect(extractionWorkerCount()).toBe(0);
    expect((await extractMany(files)).map(textOf)).toEqual(Array(2).fill('Notitie voor het rapport.'));
  });

  it('rejects jobs still running at shutdown and starts afresh afterwards', async () => {
    const pdf = writeFile(dir, 'afsluiten.pdf', await makePdf([CASE_NOTE, CASE_NOTE, CASE_NOTE]));
    const running = Array.from({ length: 4 }, () => extractFile(pdf, 'afsluiten.pdf'));
    await shutdownExtractionPool();
    expect((await Promise.all(running)).map(reasonOf)).toEqual(
      Array(4).fill('Het uitlezen is afgebroken omdat Veldwerk werd afgesloten.'),
    );
    expect(textOf(await extractFile(pdf, 'afsluiten.pdf'))).toBe([NOTE, NOTE, NOTE].join('\n'));
  });

  describe('in a process of its own', () => {
    const run = promisify(execFile);
    /** Bundles `body` (which may use extractFile, extractMany, shutdownExtractionPool) and runs it in node. */
    async function runScript(name: string, body: string): Promise<{ stdout: string }> {
      const entry = writeFile(
        dir,
        `${name}.ts`,
        `import { extractFile, extractMany, shutdownExtractionPool } from ${JSON.stringify(join(ROOT, 'backend/sources/extract/index.ts'))};\n${body}`,
      );
      const outfile = join(dir, `${name}.mjs`);
      await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
      // A worker that kept the process alive would run into this timeout.
      return run(process.execPath, [outfile], {
        env: { ...process.env, VELDWERK_WORKER_DIR: dirname(WORKER_BUNDLE) },
        timeout: 30_000,
      });
    }

    it('exits by itself with idle workers in the pool', async () => {
      const txt = writeFile(dir, 'los.txt', 'Losse notitie.');
      const { stdout } = await runScript(
        'idle',
        `const files = [1, 2, 3].map(() => ({ path: ${JSON.stringify(txt)}, fileName: 'los.txt' }));
         const outcomes = await extractMany(files);
         console.log(JSON.stringify(outcomes.map((outcome) => outcome.ok && outcome.value.text)));`,
      );
      expect(JSON.parse(stdout)).toEqual(['Losse notitie.', 'Losse notitie.', 'Losse notitie.']);
    }, 40_000);

    it('exits at once after shutdownExtractionPool, even with work in progress', async () => {
      // Enough pages to keep a worker busy for about a second.
      const pdf = writeFile(dir, 'lang.pdf', await makePdf(Array.from({ length: 1000 }, () => CASE_NOTE)));
      const { stdout } = await runScript(
        'shutdown',
        `const pending = [1, 2, 3].map(() => extractFile(${JSON.stringify(pdf)}, 'lang.pdf'));
         await new Promise((resolve) => setTimeout(resolve, 300));
         await shutdownExtractionPool();
         const stopped = performance.now();
         const outcomes = (await Promise.all(pending)).map((outcome) => outcome.ok || outcome.reason);
         process.on('exit', () => console.log(JSON.stringify({ outcomes, exitMs: performance.now() - stopped })));`,
      );
      const { outcomes, exitMs } = JSON.parse(stdout) as { outcomes: unknown[]; exitMs: number };
      expect(outcomes).toEqual(Array(3).fill('Het uitlezen is afgebroken omdat Veldwerk werd afgesloten.'));
      // A worker left running would hold the process until its file was done.
      expect(exitMs).toBeLessThan(250);
    }, 40_000);
  });
});

describe('finding the worker bundle', () => {
  const saved = process.env.VELDWERK_WORKER_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.VELDWERK_WORKER_DIR;
    else process.env.VELDWERK_WORKER_DIR = saved;
  });

  it('finds dist/workers of the installation by default', () => {
    delete process.env.VELDWERK_WORKER_DIR;
    expect(workerPath()).toBe(WORKER_BUNDLE);
  });

  it('honours VELDWERK_WORKER_DIR and fails loudly when the bundle is missing there', () => {
    process.env.VELDWERK_WORKER_DIR = dir;
    expect(() => workerPath()).toThrow(/De uitleesmodule ontbreekt/);
  });
});
