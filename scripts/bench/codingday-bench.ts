/**
 * The coding day on a study of national scale: 600 sources at 5
 * institutions (about the reference round's count), 20,000 codings by three
 * inspectors, their statuses and 400 memos on passages. Times what the
 * source list, the retrieval list and the memo search ask of the backend,
 * and the list's own arranging (search, sort, telling titles apart) in the
 * renderer's pure code. Nothing is asserted.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { codingCountsByCode } from '../../backend/coding/code-counts';
import { createCodings, type NewCoding } from '../../backend/coding/codings';
import { evidenceMatrix, evidenceSegments } from '../../backend/evidence/evidence';
import { listCodes } from '../../backend/framework/framework';
import { addPassageMemo, allMemos, searchMemos } from '../../backend/memos/passage-memos';
import { importFiles } from '../../backend/sources/import-sources';
import { setSourceStatus, sourceProgress } from '../../backend/sources/source-progress';
import { listSources } from '../../backend/sources/queries';
import { createStudy } from '../../backend/study/setup';
import { arrangeSources, distinguishers } from '../../renderer/sources/source-arrange';
import { SOURCE_STATUSES } from '../../shared/api/types';
import { seededRandom } from '../../shared/seeded-random';
import { latencySummary } from './percentiles';

const INSTITUTIONS = 5;
const SOURCES = Number(process.env.BENCH_CODINGDAY_SOURCES ?? 600);
const CODINGS = 20_000;
const MEMOS = 400;
const BATCH = 50;
const REPEATS = 20;

const WORDS = (
  'de het een en van in op met voor bij over naar dat niet ook jeugdige ouders moeder vader gezin jeugdzorgwerker huisbezoek ' +
  'gesprek contact afspraak veiligheid zorgen ontwikkeling school plan aanpak evaluatie doelen hulp wachtlijst gemeente besluit'
).split(' ');

function time(run: () => unknown): ReturnType<typeof latencySummary> {
  const samples: number[] = [];
  for (let index = 0; index < REPEATS; index++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return latencySummary(samples);
}

export async function measureCodingDay(): Promise<object> {
  const workDir = join(tmpdir(), `veldwerk-codingday-bench-${process.pid}`);
  mkdirSync(join(workDir, 'bronnen'), { recursive: true });
  const random = seededRandom(16);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const sentence = () => `${Array.from({ length: 10 + Math.floor(random() * 10) }, () => pick(WORDS)).join(' ')}.`;
  try {
    const study = createStudy(join(workDir, 'landelijk.veldwerk'), {
      name: 'Landelijke ronde',
      periodStart: '2026-03-02',
      periodEnd: '2026-06-26',
      institutions: Array.from({ length: INSTITUTIONS }, (_, index) => `GI Landelijk ${String.fromCharCode(65 + index)}`),
      inspectors: [
        { name: 'Inspecteur Een', initials: 'IE' },
        { name: 'Inspecteur Twee', initials: 'IT' },
        { name: 'Inspecteur Drie', initials: 'ID' },
      ],
    });
    const institutions = study.institutions();
    const inspectors = study.inspectors();
    process.stderr.write(`${SOURCES} bronnen importeren…\n`);
    const sourceIds: string[] = [];
    const lengths = new Map<string, number>();
    for (let offset = 0; offset < SOURCES; offset += BATCH) {
      const institution = institutions[(offset / BATCH) % institutions.length]!;
      const files = Array.from({ length: Math.min(BATCH, SOURCES - offset) }, (_, index) => {
        const fileName = `gesprek-${offset + index}.txt`;
        const path = join(workDir, 'bronnen', fileName);
        writeFileSync(path, Array.from({ length: 60 }, sentence).join('\n'));
        return { path, fileName };
      });
      const outcomes = await importFiles(study, files, { institutionId: institution.id, sourceType: 'interview', role: 'ouder', measure: null, date: null, inspectorId: null });
      for (const outcome of outcomes) if (outcome.status === 'imported') sourceIds.push(outcome.sourceId);
    }
    for (const row of study.db.prepare('SELECT s.id, length(c.text) AS n FROM source s JOIN content c ON c.id = s.content_id').all() as Array<{ id: string; n: number }>) {
      lengths.set(row.id, row.n);
    }
    process.stderr.write(`${CODINGS} coderingen, statussen en memo’s…\n`);
    const codes = listCodes(study);
    for (const [index, inspector] of inspectors.entries()) {
      study.actAs(inspector.id);
      const codings: NewCoding[] = [];
      for (let count = 0; count < CODINGS / inspectors.length; count++) {
        const sourceId = pick(sourceIds);
        const start = Math.floor(random() * (lengths.get(sourceId)! - 120));
        codings.push({ sourceId, codeId: pick(codes).id, start, end: start + 40 + Math.floor(random() * 70), valence: pick(['positief', 'negatief', 'neutraal'] as const), note: '', quotable: random() < 0.1 });
      }
      createCodings(study, codings, 'Benchmark');
      for (const sourceId of sourceIds.filter((_, position) => position % inspectors.length === index)) setSourceStatus(study, sourceId, pick(SOURCE_STATUSES));
      for (let count = 0; count < MEMOS / inspectors.length; count++) {
        const sourceId = pick(sourceIds);
        addPassageMemo(study, { sourceId, start: 10, end: 60, text: `${sentence()} ${count % 50 === 0 ? 'zebrapad' : ''}` });
      }
    }

    const norm = codes.find((code) => code.kind === 'norm' && code.parentId === null)!;
    const institutionNames = new Map(institutions.map((institution) => [institution.id, institution.name]));
    const listed = listSources(study);
    const progress = sourceProgress(study);
    const myStatus = new Map(progress.statuses.filter((entry) => entry.inspectorId === inspectors[0]!.id).map((entry) => [entry.sourceId, entry.status]));
    const figures = {
      sources: sourceIds.length,
      codings: CODINGS,
      memos: MEMOS,
      sourceList: time(() => listSources(study)),
      sourceProgress: time(() => sourceProgress(study)),
      listArrangeInRenderer: time(() => {
        arrangeSources(listed, { query: 'gesprek 1', sort: 'coderingen', codingCounts: progress.codingCounts, myStatus, institutionNames });
        distinguishers(listed, institutionNames, (iso) => iso);
      }),
      retrievalCountsViaMatrix: time(() => evidenceMatrix(study, {})),
      retrievalCounts: time(() => codingCountsByCode(study, {})),
      retrievalSegmentsOfNorm: time(() => evidenceSegments(study, norm.id, null, {})),
      memoList: time(() => allMemos(study)),
      memoSearch: time(() => searchMemos(study, 'zebrapad')),
    };
    study.close();
    return figures;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
