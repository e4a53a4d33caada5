/**
 * Retrieval and exchange at national scale: 10,000 text sources at 5
 * institutions and 200,000 codings by 40 inspectors (a tenth with a note),
 * scaled by BENCH_NATIONAL_SCALE like the national section (0.1: 1,000 and
 * 20,000). Through the API dispatch, as the UI asks: creating a coding
 * (p50/p95), the retrieval list (a norm's segments, a matrix cell's part,
 * the code counts, the left-out count), the source list and its counts, the
 * evidence matrix; then the retrieval list to Excel, the REFI-QDA export
 * (pseudonymised and full), its import into a new study and the repeated
 * import (adds nothing); peak memory (RSS). Nothing is asserted.
 * Run alone with `npm run bench -- retrieval`.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { createCodings, type NewCoding } from '../../backend/coding/codings';
import { exportFile, exportQdpx, importQdpx } from '../../backend/exchange/exchange';
import { createCode, deleteCode, listCodes } from '../../backend/framework/framework';
import { importFiles } from '../../backend/sources/import-sources';
import { createStudy } from '../../backend/study/setup';
import type { Study } from '../../backend/study/study';
import type { CallName } from '../../shared/api/contract';
import { seededRandom } from '../../shared/seeded-random';
import { latencySummary } from './percentiles';
import { MemoryWatch } from './memory-watch';

const SCALE = Number(process.env.BENCH_NATIONAL_SCALE ?? 1);
const SOURCES = Math.round(10_000 * SCALE);
const CODINGS = Math.round(200_000 * SCALE);
const INSPECTORS = 40;
const INSTITUTIONS = 5;
const PARAGRAPHS = 40;
const BATCH = 100;
const REPEATS = 12;

const WORDS = (
  'de het een en van in op met voor bij over naar dat niet ook nog wel jeugdige ouders moeder vader gezin jeugdzorgwerker ' +
  'huisbezoek gesprek contact afspraak veiligheid zorgen ontwikkeling school plan aanpak evaluatie doelen hulp wachtlijst'
).split(' ');
const NAMES = ['Noor', 'Daan', 'Sem', 'Yara', 'Milan', 'Lotte'];

const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const mb = (bytes: number) => round(bytes / 1024 / 1024);

function log(message: string): void {
  process.stderr.write(`[ophalen ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function call(session: Session, name: CallName, input: object): Promise<unknown> {
  const result = await dispatch(session, name, input as never);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

/** Wall time and, as the machine may be shared, the process's CPU time too. */
async function latency(run: () => Promise<unknown>, repeats = REPEATS) {
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  for (let index = 0; index < repeats; index++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuSamples.push((used.user + used.system) / 1000);
  }
  const cpu = latencySummary(cpuSamples);
  return { ...latencySummary(samples), cpuP50Ms: cpu.p50Ms, cpuP95Ms: cpu.p95Ms };
}

async function once<T>(run: () => Promise<T> | T): Promise<{ value: T; seconds: number; cpuSeconds: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await run();
  const used = process.cpuUsage(cpu);
  return { value, seconds: round((performance.now() - start) / 1000, 2), cpuSeconds: round((used.user + used.system) / 1e6, 2) };
}

async function buildStudy(workDir: string): Promise<{ study: Study; sourceIds: string[]; lengths: Map<string, number> }> {
  const random = seededRandom(23);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const sentence = () => {
    const words = Array.from({ length: 10 + Math.floor(random() * 10) }, () => pick(WORDS));
    if (random() < 0.08) words.splice(2, 0, pick(NAMES));
    return `${words.join(' ')}.`;
  };
  const study = createStudy(join(workDir, 'landelijk.veldwerk'), {
    name: 'Landelijke ronde (ophalen)',
    periodStart: '2026-01-05',
    periodEnd: '2026-12-18',
    institutions: Array.from({ length: INSTITUTIONS }, (_, index) => `GI Landelijk ${String.fromCharCode(65 + index)}`),
    inspectors: Array.from({ length: INSPECTORS }, (_, index) => ({ name: `Inspecteur ${index + 1}`, initials: `I${String(index + 1).padStart(2, '0')}` })),
  });
  const institutions = study.institutions();
  const sourceIds: string[] = [];
  mkdirSync(join(workDir, 'bronnen'), { recursive: true });
  for (let offset = 0; offset < SOURCES; offset += BATCH) {
    const files = Array.from({ length: Math.min(BATCH, SOURCES - offset) }, (_, index) => {
      const fileName = `gesprek-${offset + index}.txt`;
      const path = join(workDir, 'bronnen', fileName);
      writeFileSync(path, Array.from({ length: PARAGRAPHS }, () => Array.from({ length: 4 }, sentence).join(' ')).join('\n'));
      return { path, fileName };
    });
    const outcomes = await importFiles(study, files, {
      institutionId: institutions[(offset / BATCH) % INSTITUTIONS]!.id,
      sourceType: pick(['interview', 'clientdossier', 'groepsgesprek'] as const),
      role: 'ouder',
      measure: null,
      date: null,
      inspectorId: null,
    });
    for (const outcome of outcomes) if (outcome.status === 'imported') sourceIds.push(outcome.sourceId);
    rmSync(join(workDir, 'bronnen'), { recursive: true, force: true });
    mkdirSync(join(workDir, 'bronnen'), { recursive: true });
    if ((offset / BATCH) % 10 === 0) log(`  ${offset + files.length} / ${SOURCES} bronnen`);
  }
  const lengths = new Map(
    (study.db.prepare('SELECT s.id, length(c.text) AS n FROM source s JOIN content c ON c.id = s.content_id').all() as Array<{ id: string; n: number }>).map((row) => [row.id, row.n]),
  );
  const codes = listCodes(study);
  const perInspector = Math.ceil(CODINGS / INSPECTORS);
  for (const inspector of study.inspectors()) {
    study.actAs(inspector.id);
    const codings: NewCoding[] = [];
    for (let count = 0; count < perInspector; count++) {
      const sourceId = pick(sourceIds);
      const start = Math.floor(random() * (lengths.get(sourceId)! - 200));
      codings.push({
        sourceId,
        codeId: pick(codes).id,
        start,
        end: start + 40 + Math.floor(random() * 120),
        valence: pick(['positief', 'negatief', 'neutraal'] as const),
        note: random() < 0.1 ? `Notitie over ${pick(NAMES)} en ${sentence()}` : '',
        quotable: random() < 0.1,
      });
    }
    createCodings(study, codings, 'Benchmark');
  }
  study.setCurrentInspector(study.inspectors()[0]!.id);
  return { study, sourceIds, lengths };
}

export async function measureRetrieval(): Promise<object> {
  const workDir = join(tmpdir(), `veldwerk-retrieval-bench-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  const memory = new MemoryWatch();
  const loadAtStart = loadavg().map((load) => round(load));
  try {
    log(`schaal ${SCALE}: ${SOURCES} bronnen, ${CODINGS} coderingen door ${INSPECTORS} inspecteurs`);
    const built = await once(() => buildStudy(workDir));
    memory.endPhase('build');
    const { study, sourceIds, lengths } = built.value;
    const session = new Session({ kind: 'cli', demoStudyPath: () => join(workDir, 'demo.veldwerk') });
    session.setStudy(study);
    const codes = listCodes(study);
    const norm = codes.find((code) => code.kind === 'norm' && code.parentId === null && codes.some((child) => child.parentId === code.id))!;
    const institutionId = study.institutions()[0]!.id;
    const normSegments = ((await call(session, 'evidence.segments', { codeId: norm.id, institutionId: null, filter: {} })) as unknown[]).length;

    log('het API meten');
    const bigSource = [...lengths].sort((a, b) => b[1] - a[1])[0]!;
    const random = seededRandom(5);
    const retrieval = {
      normSegments,
      segmentsOfNorm: await latency(() => call(session, 'evidence.segments', { codeId: norm.id, institutionId: null, filter: {} })),
      // What the retrieval list asks: the first page of a norm's segments and the list's length.
      retrievalListFirstPage: await latency(() => call(session, 'evidence.segmentPage', { codeId: norm.id, institutionId: null, filter: {}, offset: 0, limit: 100 })),
      segmentsOfCellPart: await latency(() => call(session, 'evidence.segments', { codeId: norm.id, institutionId, filter: { valence: 'negatief' } })),
      codeCounts: await latency(() => call(session, 'codings.countByCode', { filter: {} })),
      leftOut: await latency(() => call(session, 'evidence.leftOut', { filter: {} })),
      // With a deleted code in the framework the count reads every live coding's code once.
      leftOutWithDeletedCode: await (async () => {
        deleteCode(study, createCode(study, { parentId: null, kind: 'context', name: 'Tijdelijk', definition: '', color: '#777777' }).id);
        return latency(() => call(session, 'evidence.leftOut', { filter: {} }));
      })(),
      evidenceMatrix: await latency(() => call(session, 'evidence.matrix', { filter: {} })),
    };
    const sources = {
      sourceList: await latency(() => call(session, 'sources.list', {})),
      sourceCounts: await latency(() => call(session, 'sources.progress', {})),
    };
    const coding = await latency(() => {
      const start = Math.floor(random() * (bigSource[1] - 100));
      return call(session, 'coding.create', { sourceId: bigSource[0], codeId: codes[Math.floor(random() * codes.length)]!.id, start, end: start + 35, valence: 'negatief', note: '', quotable: false });
    }, 40);

    memory.endPhase('api');
    log('exporteren');
    const excel = await once(() => exportFile(study, 'segments', 'pseudonymised', null, { codeId: norm.id, institutionId: null, filter: {} }));
    memory.endPhase('excel');
    const pseudo = await once(() => exportQdpx(study, 'pseudonymised'));
    memory.endPhase('qdpxPseudonymised');
    const full = await once(() => exportQdpx(study, 'full'));
    memory.endPhase('qdpxFull');
    const projectPath = join(workDir, 'landelijk.qdpx');
    writeFileSync(projectPath, full.value);
    log('importeren');
    const target = createStudy(join(workDir, 'ingelezen.veldwerk'), {
      name: 'Ingelezen',
      periodStart: null,
      periodEnd: null,
      institutions: ['GI Elders'],
      inspectors: [{ name: 'Lezer', initials: 'LZ' }],
    });
    const imported = await once(() => importQdpx(target, projectPath));
    memory.endPhase('import');
    const again = await once(() => importQdpx(target, projectPath));
    memory.endPhase('importAgain');
    const studyMB = mb(statSync(study.path).size);
    target.close();
    study.close();
    return {
      scale: SCALE,
      loadAverageAtStart: loadAtStart,
      sources: sourceIds.length,
      codings: CODINGS,
      buildSeconds: built.seconds,
      studyMB,
      codingCreate: coding,
      retrieval,
      sourceList: sources,
      export: {
        normSegmentsToExcelSeconds: excel.seconds,
        normSegmentsToExcelCpuSeconds: excel.cpuSeconds,
        normSegmentsToExcelMB: mb(excel.value.data.byteLength),
        qdpxPseudonymisedSeconds: pseudo.seconds,
        qdpxPseudonymisedCpuSeconds: pseudo.cpuSeconds,
        qdpxPseudonymisedMB: mb(pseudo.value.byteLength),
        qdpxFullSeconds: full.seconds,
        qdpxFullCpuSeconds: full.cpuSeconds,
        qdpxFullMB: mb(full.value.byteLength),
      },
      import: {
        qdpxSeconds: imported.seconds,
        qdpxCpuSeconds: imported.cpuSeconds,
        sourcesAdded: imported.value.sources.added,
        codingsAdded: imported.value.codings.added,
        againSeconds: again.seconds,
        againAdded: again.value.sources.added + again.value.codings.added,
      },
      peakRssMB: mb(memory.overall),
      peakRssPerPhaseMB: memory.perPhase,
      loadAverageAtEnd: loadavg().map((load) => round(load)),
    };
  } finally {
    memory.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}
