/**
 * National scale (issue 9, item 8): one study of a national supervision round.
 * 10,000 sources (about 150,000 pages, a third each .txt, .docx and .pdf) at 5
 * institutions, 200,000 codings by 40 inspectors, then 20 bundles of 10,000
 * changes each from 20 inspectors' copies.
 *
 * Reported: import pages/s and its ratio to extracting the same files without
 * storing them; search p50/p95 over 20 queries; opening the study to the data
 * of the first view (session state, the sources list, the framework); the
 * evidence matrix; creating a coding in a 300-page source (p50/p95, through
 * the API dispatch); the report outline; the overarching draft; applying the
 * 20 bundles (decrypt and validate, the pre-merge backup, the merge) and
 * reading them again (a no-op); peak memory (RSS) of the backend as the app
 * runs it (the service process, national-pauses.ts) per job, and apart from
 * it the bench process's own (which also holds the corpus list, the bundles,
 * its own study connection) overall and per phase;
 * the privacy pass over the overarching draft (issue 10) apart, and its share
 * of the draft's time (the import's figures include the detection of names at
 * import); and the longest pause of a process that only relays to the
 * backend (as the app's main process does) during each job, with the backend
 * in its own service process (national-pauses.ts, relay-process.ts).
 * From scale 0.5 up the pre-merge backup (a copy of the whole study) is
 * timed on the first and last bundle and counted for every bundle.
 *
 * `BENCH_NATIONAL_SCALE=0.1` scales sources, codings and bundle sizes (the
 * 20 queries, 20 bundles, 40 inspectors and 5 institutions stay). The
 * generated corpus is kept in bench-out/corpus (deterministic; reused by the
 * next run). Run alone with `npm run bench -- national`.
 *
 * `BENCH_NATIONAL_KEEP=<dir>` stops after the codings and keeps the study
 * (`landelijk.veldwerk`, unencrypted, fictional) and the 21 bundles
 * (`bundel-NN.vwb`, passphrase in `passphrase.txt`) there, so a change can be
 * profiled at national scale without importing 150,000 pages again.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { createCodings, type NewCoding } from '../../backend/coding/codings';
import { evidenceMatrix } from '../../backend/evidence/evidence';
import { listCodes } from '../../backend/framework/framework';
import { makePreMergeBackup } from '../../backend/merge/backup';
import { copyStudyForInspector } from '../../backend/merge/copy';
import { exportBundle } from '../../backend/merge/export';
import { countUnknownChanges, mergeBundle, readBundle } from '../../backend/merge/merge';
import { generateReport, reportOutline } from '../../backend/reports/generate';
import { overallModelFromData } from '../../backend/reports/build-model';
import { readStudyData } from '../../backend/reports/study-data';
import { passReportModel } from '../../backend/privacy/report-pass';
import { studyPassContext } from '../../backend/privacy/study-pass';
import { search, textMatch } from '../../backend/search/search';
import { parseQuery } from '../../shared/search-tokens';
import { extractMany } from '../../backend/sources/extract';
import { importFiles } from '../../backend/sources/import-sources';
import { listSources } from '../../backend/sources/queries';
import { createStudy } from '../../backend/study/setup';
import { Study } from '../../backend/study/study';
import type { Mutation } from '../../backend/store/changes';
import type { Role, SourceType, Valence } from '../../shared/vocabulary';
import { seededRandom } from '../../shared/seeded-random';
import { makePdf } from '../../tests/fixtures/make-files';
import { QUERIES } from './foundation-bench';
import { generateCorpus, pageLines, type CorpusFile } from './generate-corpus';
import { latencySummary } from './percentiles';
import { measurePauses } from './national-pauses';
import { MemoryWatch } from './memory-watch';

const SCALE = Number(process.env.BENCH_NATIONAL_SCALE ?? 1);
const SOURCES = Math.round(10_000 * SCALE);
const CODINGS = Math.round(200_000 * SCALE);
const INSPECTORS = 40;
const INSTITUTIONS = 5;
const BUNDLES = 20;
const CHANGES_PER_BUNDLE = Math.round(10_000 * SCALE);
const IMPORT_BATCH = 50;
const CODING_SAMPLES = 40;
const SOURCES_PER_ACTION = 50;
const LATENCY_PAGES = 300;
const PASSPHRASE = 'bench-team-wachtwoord';
const KEEP_DIR = process.env.BENCH_NATIONAL_KEEP;

const TARGETS = {
  searchP95Ms: 50,
  openMs: 1500,
  codingP95Ms: 50,
  evidenceMatrixMs: 300,
  overallDraftSeconds: 10,
  bundleChangesPerSecond: 50_000,
  peakRssMB: 600,
  longestPauseMs: 50,
};

const KINDS: Array<{ type: SourceType; role: Role | null }> = [
  { type: 'clientdossier', role: null },
  { type: 'clientdossier', role: null },
  { type: 'interview', role: 'ouder' },
  { type: 'interview', role: 'jeugdige' },
  { type: 'groepsgesprek', role: 'jeugdzorgwerker' },
  { type: 'beleidsdocument', role: null },
  { type: 'interview', role: 'gemeente' },
];

/** A figure against its target; `cpu` is the same measurement in CPU time (see `timed`). */
const atMost = (target: number, measured: number, cpu?: number) => ({ target, measured, met: measured <= target, ...(cpu === undefined ? {} : { cpu }) });
const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const mb = (bytes: number) => round(bytes / 1024 / 1024);

function log(message: string): void {
  process.stderr.write(`[nationaal ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** The corpus, generated once into bench-out/corpus and reused (files are deterministic per index). */
export async function corpusOf(count: number): Promise<CorpusFile[]> {
  const dir = join('bench-out', 'corpus');
  const manifestPath = join(dir, 'manifest.json');
  const made = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as CorpusFile[]) : [];
  if (made.length >= count) return made.slice(0, count);
  const files = [...made, ...(await generateCorpus(dir, count, made.length))];
  writeFileSync(manifestPath, JSON.stringify(files));
  return files;
}

/**
 * Wall time and the process's CPU time: on a machine shared with other work
 * the wall time of single-threaded work stretches, its CPU time barely.
 */
async function timed<T>(run: () => T | Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await run();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * 20 inspectors' copies of the (still small) study, each with its own codings
 * on the 300-page source, as bundles; a 21st is applied through the service
 * (national-pauses.ts).
 */
async function makeBundles(lead: Study, workDir: string, sourceId: string, textLength: number): Promise<Uint8Array[]> {
  const codeIds = listCodes(lead).map((code) => code.id);
  const bundles: Uint8Array[] = [];
  for (let index = 0; index <= BUNDLES; index++) {
    const initials = `I${String(index + 1).padStart(2, '0')}`;
    const copyPath = join(workDir, `kopie-${initials}.veldwerk`);
    const copy = Study.open(copyStudyForInspector(lead, copyPath, initials).path);
    const coderId = copy.currentInspectorId;
    for (let written = 0; written < CHANGES_PER_BUNDLE; written += 1000) {
      const mutations: Mutation[] = [];
      for (let n = written; n < Math.min(written + 1000, CHANGES_PER_BUNDLE); n++) {
        const start = (n * 37 + index * 11) % (textLength - 500);
        mutations.push({
          entity: 'coding',
          entityId: randomUUID(),
          fields: { sourceId, codeId: codeIds[(n + index) % codeIds.length]!, start, end: start + 20 + (n % 150), valence: 'neutraal', note: '', quotable: 0, coderId, createdAt: new Date().toISOString() },
        });
      }
      copy.write(mutations);
    }
    const made = await exportBundle(copy, { passphrase: PASSPHRASE });
    made.commit();
    bundles.push(made.bytes);
    copy.close();
    rmSync(copyPath, { force: true });
  }
  return bundles;
}

/** Extract every file without storing anything, in the importer's batches (the texts are dropped). */
async function rawExtraction(corpus: CorpusFile[]): Promise<{ seconds: number; failures: number }> {
  const start = performance.now();
  let failures = 0;
  for (let offset = 0; offset < corpus.length; offset += IMPORT_BATCH) {
    const outcomes = await extractMany(corpus.slice(offset, offset + IMPORT_BATCH));
    failures += outcomes.filter((outcome) => !outcome.ok).length;
  }
  return { seconds: (performance.now() - start) / 1000, failures };
}

async function importCorpus(study: Study, corpus: CorpusFile[]): Promise<{ seconds: number; imported: number }> {
  const institutions = study.institutions();
  const inspectors = study.inspectors();
  const start = performance.now();
  let imported = 0;
  for (let offset = 0, batch = 0; offset < corpus.length; offset += IMPORT_BATCH, batch++) {
    const kind = KINDS[batch % KINDS.length]!;
    const outcomes = await importFiles(study, corpus.slice(offset, offset + IMPORT_BATCH), {
      institutionId: institutions[batch % institutions.length]!.id,
      sourceType: kind.type,
      role: kind.role,
      measure: kind.type === 'clientdossier' ? 'ots' : null,
      date: null,
      inspectorId: inspectors[batch % inspectors.length]!.id,
    });
    imported += outcomes.filter((outcome) => outcome.status === 'imported').length;
    if (batch % 20 === 0) log(`  ${offset + IMPORT_BATCH} / ${corpus.length} bronnen`);
  }
  return { seconds: (performance.now() - start) / 1000, imported };
}

/**
 * CODINGS codings spread over every source, by all inspectors in turn, in
 * actions of 1,000 codings in 50 sources (as an inspector codes a few files
 * at a time, and as autocode does).
 */
function addCodings(study: Study): void {
  const random = seededRandom(9);
  const sources = study.db
    .prepare('SELECT s.id, length(c.text) AS length FROM source s JOIN content c ON c.id = s.content_id WHERE s.deleted = 0')
    .all() as Array<{ id: string; length: number }>;
  const codes = listCodes(study);
  const valences: Valence[] = ['positief', 'negatief', 'negatief', 'neutraal'];
  const inspectors = study.inspectors();
  const perAction = 1000;
  for (let done = 0, action = 0; done < CODINGS; done += perAction, action++) {
    study.actAs(inspectors[action % inspectors.length]!.id);
    const codings: NewCoding[] = [];
    for (let n = 0; n < Math.min(perAction, CODINGS - done); n++) {
      const source = sources[(action * SOURCES_PER_ACTION + Math.floor(random() * SOURCES_PER_ACTION)) % sources.length]!;
      const start = Math.floor(random() * Math.max(1, source.length - 400));
      codings.push({
        sourceId: source.id,
        codeId: codes[Math.floor(random() * codes.length)]!.id,
        start,
        end: Math.min(source.length, start + 20 + Math.floor(random() * 300)),
        valence: valences[Math.floor(random() * valences.length)]!,
        note: '',
        quotable: random() < 0.1,
      });
    }
    createCodings(study, codings, 'Benchmark');
    if (action % 40 === 0) log(`  ${done + perAction} / ${CODINGS} coderingen`);
  }
}

/** From closing the study to the data of the first view: open, session state, sources list, framework. */
async function timeOpen(path: string, session: Session) {
  session.setStudy(null);
  const cpu = process.cpuUsage();
  const start = performance.now();
  session.openPath(path);
  const openedMs = performance.now() - start;
  for (const [name, input] of [['session.state', {}], ['sources.list', {}], ['framework.list', {}]] as const) {
    const result = await dispatch(session, name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  }
  const used = process.cpuUsage(cpu);
  return { totalMs: round(performance.now() - start), cpuMs: round((used.user + used.system) / 1000), fileOpenMs: round(openedMs) };
}

async function timeCodingCreate(session: Session, sourceId: string, textLength: number) {
  const codes = listCodes(session.requireStudy());
  const random = seededRandom(11);
  const timings: number[] = [];
  const cpuTimes: number[] = [];
  for (let sample = 0; sample < CODING_SAMPLES; sample++) {
    const start = Math.floor(random() * (textLength - 100));
    const input = { sourceId, codeId: codes[sample % codes.length]!.id, start, end: start + 35, valence: 'negatief', note: '', quotable: false };
    const { value: result, ms, cpuMs } = await timed(() => dispatch(session, 'coding.create', input));
    timings.push(ms);
    cpuTimes.push(cpuMs);
    if (!result.ok) throw new Error(`coding.create: ${result.error.message}`);
  }
  return { ...latencySummary(timings), cpu: latencySummary(cpuTimes) };
}

async function applyBundles(study: Study, bundles: Uint8Array[]) {
  const phases = { readMs: 0, mergeMs: 0, mergeCpuMs: 0 };
  const backupTimes: number[] = [];
  let applied = 0;
  for (const [index, bytes] of bundles.entries()) {
    const start = performance.now();
    const bundle = await readBundle(study, { bytes }, PASSPHRASE);
    const afterRead = performance.now();
    // The backup copies the whole study: at national scale it is timed on the first and last bundle only.
    const backupPath = index === 0 || index === bundles.length - 1 || SCALE < 0.5 ? makePreMergeBackup(study) : undefined;
    const afterBackup = performance.now();
    if (backupPath) backupTimes.push(afterBackup - afterRead);
    const mergeCpu = process.cpuUsage();
    applied += mergeBundle(study, bundle, { dryRun: false, ...(backupPath ? { backupPath } : {}) }).applied;
    const used = process.cpuUsage(mergeCpu);
    phases.mergeCpuMs += (used.user + used.system) / 1000;
    phases.mergeMs += performance.now() - afterBackup;
    phases.readMs += afterRead - start;
    if (backupPath) rmSync(backupPath, { force: true });
    if (index % 5 === 0) log(`  bundel ${index + 1} / ${bundles.length}`);
  }
  const replayStart = performance.now();
  for (const bytes of bundles) {
    const bundle = await readBundle(study, { bytes }, PASSPHRASE);
    if (countUnknownChanges(study.db, bundle.changes) !== 0) throw new Error('herhaalde bundel bracht iets nieuws');
  }
  const replaySeconds = (performance.now() - replayStart) / 1000;
  const backupMsPerBundle = backupTimes.reduce((sum, ms) => sum + ms, 0) / backupTimes.length;
  const totalMs = phases.readMs + backupMsPerBundle * bundles.length + phases.mergeMs;
  return {
    bundles: bundles.length,
    changesPerBundle: CHANGES_PER_BUNDLE,
    changesApplied: applied,
    secondsTotal: round(totalMs / 1000, 2),
    phasesSeconds: {
      decryptAndValidate: round(phases.readMs / 1000, 2),
      backup: round((backupMsPerBundle * bundles.length) / 1000, 2),
      merge: round(phases.mergeMs / 1000, 2),
      mergeCpu: round(phases.mergeCpuMs / 1000, 2),
    },
    backupsTimed: backupTimes.length,
    backupSecondsPerBundle: round(backupMsPerBundle / 1000, 2),
    changesAppliedPerSecond: Math.round(applied / (phases.mergeMs / 1000)),
    changesAppliedPerSecondCpu: Math.round(applied / (phases.mergeCpuMs / 1000)),
    changesAppliedPerSecondIncludingDecryptAndBackup: Math.round(applied / (totalMs / 1000)),
    reimportNoopSecondsTotal: round(replaySeconds, 2),
  };
}

/**
 * The privacy pass over the overarching draft's model, as the draft runs it:
 * the study's privacy context (register, known names, the texts' lower-case
 * words: cached per connection, so warm after the drafts above) and the pass
 * itself over every text of the model.
 */
async function privacyPassOfOverallDraft(study: Study) {
  const data = readStudyData(study);
  const built = overallModelFromData(data, {});
  const context = await timed(() => studyPassContext(study, data.privacy));
  const pass = await timed(() => passReportModel(built, context.value));
  const persons = study.db.prepare('SELECT count(*) FROM person WHERE deleted = 0').pluck().get() as number;
  return { contextMs: context.ms, passMs: pass.ms, passCpuMs: pass.cpuMs, findings: pass.value.scan.findings.length, persons };
}

/** The study and bundles kept for profiling (`BENCH_NATIONAL_KEEP`), written by SQLite's backup. */
async function keepForProfiling(study: Study, bundles: Uint8Array[], dir: string, extra: { latencySourceId: string; serviceBatch: CorpusFile[] }) {
  mkdirSync(dir, { recursive: true });
  await study.db.backup(join(dir, 'landelijk.veldwerk'));
  bundles.forEach((bytes, index) => writeFileSync(join(dir, `bundel-${String(index + 1).padStart(2, '0')}.vwb`), bytes));
  writeFileSync(join(dir, 'passphrase.txt'), PASSPHRASE);
  writeFileSync(join(dir, 'kept.json'), JSON.stringify({ scale: SCALE, ...extra }, null, 2));
  log(`studie en bundels bewaard in ${dir}`);
  return { kept: dir };
}

export async function measureNational(): Promise<object> {
  const workDir = join(tmpdir(), `veldwerk-national-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  const memory = new MemoryWatch();
  const session = new Session({ kind: 'cli', demoStudyPath: () => join(workDir, 'demo.veldwerk') });
  // Other work on the machine stretches wall times: the load is reported with the figures.
  const loadAtStart = loadavg().map((load) => round(load));
  try {
    log(`schaal ${SCALE}: ${SOURCES} bronnen, ${CODINGS} coderingen, ${BUNDLES} bundels van ${CHANGES_PER_BUNDLE} wijzigingen`);
    const corpus = await corpusOf(SOURCES + IMPORT_BATCH);
    // The last batch is imported through the service (national-pauses.ts).
    const serviceBatch = corpus.splice(SOURCES);
    const pages = corpus.reduce((sum, file) => sum + file.pages, 0);
    memory.endPhase('corpus');

    const studyPath = join(workDir, 'landelijk.veldwerk');
    const study = createStudy(studyPath, {
      name: 'Landelijke toezichtronde (benchmark)',
      periodStart: '2026-01-05',
      periodEnd: '2026-12-18',
      institutions: Array.from({ length: INSTITUTIONS }, (_, index) => `GI Landelijk ${String.fromCharCode(65 + index)}`),
      inspectors: Array.from({ length: INSPECTORS }, (_, index) => ({ name: `Inspecteur ${index + 1}`, initials: `I${String(index + 1).padStart(2, '0')}` })),
    });
    study.setCurrentInspector(study.inspectors()[0]!.id);
    session.setStudy(study);

    log('bron van 300 pagina’s en de bundels van 20 kopieën maken…');
    const random = seededRandom(7);
    const latencyPdf = join(workDir, 'dossier-300.pdf');
    writeFileSync(latencyPdf, await makePdf(Array.from({ length: LATENCY_PAGES }, () => pageLines(random))));
    const [latencySource] = await importFiles(study, [{ path: latencyPdf, fileName: 'dossier-300.pdf' }], {
      institutionId: study.institutions()[0]!.id, sourceType: 'clientdossier', role: null, measure: 'ots', date: null, inspectorId: null,
    });
    if (latencySource?.status !== 'imported') throw new Error('bron van 300 pagina’s niet geïmporteerd');
    const latencyLength = study.db.prepare('SELECT length(c.text) FROM source s JOIN content c ON c.id = s.content_id WHERE s.id = ?').pluck().get(latencySource.sourceId) as number;
    const bundleMaking = await timed(() => makeBundles(study, workDir, latencySource.sourceId, latencyLength));
    memory.endPhase('bundlesMaken');

    log('uitlezen zonder opslag…');
    // Kept for profiling only: the raw extraction is not needed then.
    const raw = KEEP_DIR ? { seconds: 0, failures: 0 } : await rawExtraction(corpus);
    memory.endPhase('uitlezen');
    log('importeren…');
    const imported = await importCorpus(study, corpus);
    memory.endPhase('importeren');
    log('coderingen schrijven…');
    const codingWrite = await timed(() => addCodings(study));
    study.db.pragma('wal_checkpoint(TRUNCATE)');
    memory.endPhase('coderingen');
    if (KEEP_DIR) return await keepForProfiling(study, bundleMaking.value, KEEP_DIR, { latencySourceId: latencySource.sourceId, serviceBatch });

    log('zoeken…');
    const searchTimes: number[] = [];
    const searchCpu: number[] = [];
    const hitCounts: Record<string, number> = {};
    // Which queries are slow (CPU ms each): the p95 of 20 is the slowest but one.
    const cpuMsPerQuery: Record<string, number> = {};
    for (const query of QUERIES) {
      const { value, ms, cpuMs } = await timed(() => search(study, query, 200));
      searchTimes.push(ms);
      searchCpu.push(cpuMs);
      hitCounts[query] = value.hits.length;
      cpuMsPerQuery[query] = round(cpuMs);
    }
    // Of which FTS5 alone: ranking every match by bm25 (the time to the first ranked row), the floor of each query.
    const rankOnly = study.db.prepare('SELECT rowid FROM source_fts WHERE source_fts MATCH ? ORDER BY rank LIMIT 1');
    const rankingCpuMsPerQuery: Record<string, number> = {};
    for (const query of QUERIES) rankingCpuMsPerQuery[query] = round((await timed(() => rankOnly.get(textMatch(parseQuery(query))))).cpuMs);
    memory.endPhase('zoeken');

    log('openen…');
    const open = await timeOpen(studyPath, session);
    const opened = session.requireStudy();
    const sourcesListed = listSources(opened).length;
    memory.endPhase('openen');

    log('bewijsmatrix…');
    const evidenceRuns: number[] = [];
    const evidenceCpu: number[] = [];
    let cells = 0;
    for (let run = 0; run < 3; run++) {
      const { value, ms, cpuMs } = await timed(() => evidenceMatrix(opened, {}));
      evidenceRuns.push(ms);
      evidenceCpu.push(cpuMs);
      cells = value.cells.length;
    }
    memory.endPhase('bewijs');

    log('coderen in de bron van 300 pagina’s…');
    opened.setCurrentInspector(opened.inspectors()[0]!.id);
    const codingCreate = await timeCodingCreate(session, latencySource.sourceId, latencyLength);
    memory.endPhase('coderen');

    log('rapportopzet en overkoepelend concept…');
    const outlineOverall = await timed(() => reportOutline(opened, { overall: true }));
    const outlineInstitution = await timed(() => reportOutline(opened, { institutionId: opened.institutions()[0]!.id }));
    const draft = await timed(() => generateReport(opened, { overall: true }));
    // The same draft without the table of contents' page numbers (the CLI's --fast): what their estimate costs.
    const fastDraft = await timed(() => generateReport(opened, { overall: true }, { tocPageNumbers: false }));
    const privacy = await privacyPassOfOverallDraft(opened);
    memory.endPhase('rapport');

    log('bundels samenvoegen…');
    const serviceBundle = bundleMaking.value.pop()!;
    const merged = await applyBundles(opened, bundleMaking.value);
    memory.endPhase('samenvoegen');

    const counts = opened.db
      .prepare('SELECT (SELECT count(*) FROM source WHERE deleted = 0) AS sources, (SELECT count(*) FROM coding WHERE deleted = 0) AS codings, (SELECT count(*) FROM change_log) AS changes')
      .get() as { sources: number; codings: number; changes: number };
    opened.db.pragma('wal_checkpoint(TRUNCATE)');
    const fileMB = mb(statSync(studyPath).size);
    const importMeta = { institutionId: opened.institutions()[0]!.id, sourceType: 'interview' as const, role: 'ouder' as const, measure: null, date: null, inspectorId: null };
    session.setStudy(null);

    log('langste pauze en geheugen per taak (backend in een eigen proces, zoals de app het draait)…');
    const pauses = await measurePauses({ studyPath, importFiles: serviceBatch, importMeta, bundle: serviceBundle, passphrase: PASSPHRASE });
    memory.endPhase('pauzes');
    memory.stop();
    const { idle: _idle, ...jobPauses } = pauses.jobs;
    const longestPauseMs = Math.max(...Object.values(jobPauses).map((job) => job.longestPauseMs));

    const searchSummary = latencySummary(searchTimes);
    const evidenceSorted = [...evidenceRuns].sort((a, b) => a - b);
    const figures = {
      scale: SCALE,
      loadAverage: { start: loadAtStart, end: loadavg().map((load) => round(load)) },
      study: { ...counts, pages, institutions: INSTITUTIONS, inspectors: INSPECTORS, fileMB, sourcesListed },
      import: {
        sourcesImported: imported.imported,
        seconds: round(imported.seconds),
        pagesPerSecond: round(pages / imported.seconds),
        rawExtractionSeconds: round(raw.seconds),
        rawExtractionFailures: raw.failures,
        ratioToRawExtraction: round(imported.seconds / raw.seconds, 2),
      },
      codingsWrite: { codings: CODINGS, seconds: round(codingWrite.ms / 1000), perSecond: Math.round(CODINGS / (codingWrite.ms / 1000)) },
      search: { queries: QUERIES.length, ...searchSummary, cpu: latencySummary(searchCpu), hitsPerQuery: hitCounts, cpuMsPerQuery, rankingCpuMsPerQuery },
      open,
      evidenceMatrix: { firstMs: round(evidenceRuns[0]!), medianMs: round(evidenceSorted[1]!), cpuMs: evidenceCpu.map((ms) => round(ms)), cells },
      codingCreateIn300PageSource: codingCreate,
      reportOutline: {
        overallMs: round(outlineOverall.ms),
        overallCpuMs: round(outlineOverall.cpuMs),
        institutionMs: round(outlineInstitution.ms),
        institutionCpuMs: round(outlineInstitution.cpuMs),
        overallChapters: outlineOverall.value.chapters.length,
      },
      overallDraft: {
        seconds: round(draft.ms / 1000, 2),
        cpuSeconds: round(draft.cpuMs / 1000, 2),
        bytes: draft.value.data.byteLength,
        withoutTocPageNumbersSeconds: round(fastDraft.ms / 1000, 2),
        privacyPassSeconds: round(privacy.passMs / 1000, 2),
        privacyPassCpuSeconds: round(privacy.passCpuMs / 1000, 2),
        privacyPassShareOfDraft: round(privacy.passMs / draft.ms, 3),
        privacyPassShareOfDraftWithoutTocPageNumbers: round(privacy.passMs / fastDraft.ms, 3),
        privacyContextSeconds: round(privacy.contextMs / 1000, 2),
        privacyFindings: privacy.findings,
        personsProposedAtImport: privacy.persons,
      },
      bundles: { makeSeconds: round(bundleMaking.ms / 1000), ...merged },
      answeringThread: pauses.jobs,
      // The backend as the user's machine runs it: the service process (its worker threads included), per job.
      serviceProcessPeakRssMB: pauses.servicePeakRssMB,
      serviceProcessPeakRssMBPerJob: Object.fromEntries(Object.entries(pauses.jobs).map(([job, figures]) => [job, figures.memory.peakRssMB])),
      // This process: the generated corpus list, 21 bundles, its own study connection; not what the app uses.
      benchProcessPeakRssMB: mb(memory.overall),
      benchProcessPeakRssMBPerPhase: memory.perPhase,
      benchProcessPeakRssMBHighWaterAfterPhase: memory.highWaterAfter,
      targets: {
        searchP95Ms: atMost(TARGETS.searchP95Ms, searchSummary.p95Ms, latencySummary(searchCpu).p95Ms),
        openMs: atMost(TARGETS.openMs, open.totalMs, open.cpuMs),
        codingP95Ms: atMost(TARGETS.codingP95Ms, codingCreate.p95Ms, codingCreate.cpu.p95Ms),
        evidenceMatrixMs: atMost(TARGETS.evidenceMatrixMs, round(evidenceSorted[1]!), round([...evidenceCpu].sort((a, b) => a - b)[1]!)),
        overallDraftSeconds: atMost(TARGETS.overallDraftSeconds, round(draft.ms / 1000, 2), round(draft.cpuMs / 1000, 2)),
        bundleChangesPerSecond: { target: TARGETS.bundleChangesPerSecond, measured: merged.changesAppliedPerSecond, met: merged.changesAppliedPerSecond >= TARGETS.bundleChangesPerSecond, cpu: merged.changesAppliedPerSecondCpu },
        peakRssMB: { ...atMost(TARGETS.peakRssMB, pauses.servicePeakRssMB), of: 'service process', benchProcess: mb(memory.overall) },
        longestPauseMs: atMost(TARGETS.longestPauseMs, longestPauseMs),
      },
    };
    mkdirSync('bench-out', { recursive: true });
    writeFileSync(join('bench-out', `national-${SCALE}.json`), JSON.stringify(figures, null, 2));
    return figures;
  } finally {
    memory.stop();
    session.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}
