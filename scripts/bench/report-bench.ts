/**
 * Report drafts on a generated study: 5 institutions, 200 sources, 2,000
 * codings, file reviews, judgments and memos. Times the per-institution and
 * the overarching draft (model, charts, Word file), and the docx Packer alone
 * on the same documents: total / Packer is our overhead. Measured with the
 * table of contents' page numbers laid out (the default) and without (--fast).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Packer } from 'docx';
import { createCodings, type NewCoding } from '../../backend/coding/codings';
import { listCodes } from '../../backend/framework/framework';
import { saveJudgment } from '../../backend/judgments/judgments';
import { saveMemo } from '../../backend/memos/memos';
import { reportModelFromData, type ReportScope } from '../../backend/reports/generate';
import { readStudyData } from '../../backend/reports/study-data';
import { buildReportDocument, writeReportDocx } from '../../backend/reports/write-docx';
import { answerReviewQuestion, listReviewQuestions } from '../../backend/review/file-review';
import { importFiles } from '../../backend/sources/import-sources';
import { getSource } from '../../backend/sources/queries';
import { createStudy } from '../../backend/study/setup';
import { Study } from '../../backend/study/study';
import { DEFAULT_RATING_SCALE } from '../../shared/framework-defaults';
import type { Role, SourceType, Valence } from '../../shared/vocabulary';
import { seededRandom } from '../../shared/seeded-random';

const INSTITUTIONS = 5;
const SOURCES = 200;
const CODINGS = 2000;

const WORDS = (
  'de het een en van in op met voor bij over naar dat niet ook nog wel jeugdige ouders moeder vader gezin jeugdzorgwerker ' +
  'huisbezoek gesprek contact afspraak veiligheid zorgen ontwikkeling school plan aanpak evaluatie doelen hulp wachtlijst ' +
  'gemeente dossier besluit kinderrechter gezien gesproken gevraagd ingezet gewacht gestart tijdig alleen samen'
).split(' ');

const KINDS: Array<{ type: SourceType; role: Role | null }> = [
  { type: 'clientdossier', role: null },
  { type: 'clientdossier', role: null },
  { type: 'interview', role: 'ouder' },
  { type: 'interview', role: 'jeugdige' },
  { type: 'groepsgesprek', role: 'jeugdzorgwerker' },
  { type: 'interview', role: 'bestuurder' },
  { type: 'beleidsdocument', role: null },
  { type: 'interview', role: 'gemeente' },
];

/** The generated study: returns its path (closed). */
export async function generateStudy(dir: string): Promise<string> {
  const random = seededRandom(4);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const sentence = () => {
    const words = Array.from({ length: 8 + Math.floor(random() * 12) }, () => pick(WORDS));
    if (random() < 0.05) words.splice(3, 0, `op ${1 + Math.floor(random() * 28)}-${1 + Math.floor(random() * 12)}-2025`);
    const text = words.join(' ');
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  };
  const path = join(dir, 'rapport-bench.veldwerk');
  const study = createStudy(path, {
    name: 'Benchmarkronde rapporten',
    periodStart: '2026-03-02',
    periodEnd: '2026-06-26',
    institutions: Array.from({ length: INSTITUTIONS }, (_, index) => `GI Benchmark ${String.fromCharCode(65 + index)}`),
    inspectors: [
      { name: 'Inspecteur Een', initials: 'IE' },
      { name: 'Inspecteur Twee', initials: 'IT' },
    ],
  });
  study.setCurrentInspector(study.inspectors()[0]!.id);
  const institutions = study.institutions();
  const sourceIds: string[] = [];
  const dossiers: string[] = [];
  mkdirSync(join(dir, 'bronnen'), { recursive: true });
  for (let index = 0; index < SOURCES; index++) {
    const kind = KINDS[index % KINDS.length]!;
    const institution = institutions[index % institutions.length]!;
    const file = join(dir, 'bronnen', `bron-${index}.txt`);
    writeFileSync(file, Array.from({ length: 40 }, sentence).join(index % 3 === 0 ? '\n\n' : ' '));
    const [outcome] = await importFiles(study, [{ path: file, fileName: `bron-${index}.txt` }], {
      title: kind.type === 'clientdossier' ? `Cliëntdossier ${index} – Kind${index}` : `Bron ${index}`,
      institutionId: institution.id,
      sourceType: kind.type,
      role: kind.role,
      measure: kind.type === 'clientdossier' ? 'ots' : null,
      date: null,
      inspectorId: null,
    });
    if (outcome?.status !== 'imported') throw new Error(`bron ${index} niet geïmporteerd`);
    sourceIds.push(outcome.sourceId);
    if (kind.type === 'clientdossier') dossiers.push(outcome.sourceId);
  }
  const codes = listCodes(study);
  const valences: Valence[] = ['positief', 'negatief', 'negatief', 'neutraal'];
  const codings: NewCoding[] = [];
  for (let index = 0; index < CODINGS; index++) {
    const sourceId = sourceIds[index % sourceIds.length]!;
    const text = getSource(study, sourceId).text;
    const start = Math.floor(random() * (text.length - 200));
    const sentenceStart = text.lastIndexOf('.', start) + 2;
    const end = Math.min(text.length, text.indexOf('.', sentenceStart + 20) + 1 || sentenceStart + 80);
    codings.push({ sourceId, codeId: pick(codes).id, start: sentenceStart, end, valence: pick(valences), note: '', quotable: random() < 0.15 });
  }
  createCodings(study, codings, 'Benchmark');
  const questions = listReviewQuestions(study);
  for (const dossier of dossiers) {
    for (const question of questions) {
      const value = question.answerType === 'number' ? String(1 + Math.floor(random() * 5)) : pick(question.options);
      answerReviewQuestion(study, dossier, question.id, value);
    }
  }
  for (const institution of institutions) {
    for (const norm of codes.filter((code) => code.kind === 'norm' && code.parentId === null)) {
      saveJudgment(study, { institutionId: institution.id, codeId: norm.id, rating: pick(DEFAULT_RATING_SCALE), rationale: `${sentence()} ${sentence()}` });
    }
    saveMemo(study, 'institution', institution.id, `${sentence()} ${sentence()}`);
  }
  study.db.pragma('wal_checkpoint(TRUNCATE)');
  study.close();
  return path;
}

const seconds = (ms: number) => Number((ms / 1000).toFixed(2));

async function timeDraft(study: Study, scope: ReportScope, pageNumbers: boolean) {
  const start = performance.now();
  const data = readStudyData(study);
  const model = reportModelFromData(data, scope, {});
  const modelMs = performance.now() - start;
  const bytes = await writeReportDocx(model, { pageNumbers });
  const totalMs = performance.now() - start;
  // The docx Packer alone, on the same document (images and styles ready).
  const document = await buildReportDocument(model, { pageNumbers });
  const packStart = performance.now();
  await Packer.toBuffer(document);
  const packMs = performance.now() - packStart;
  return { modelMs, totalMs, packMs, bytes: bytes.byteLength };
}

export async function measureReports(): Promise<object> {
  const dir = join(tmpdir(), `veldwerk-report-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const generateStart = performance.now();
    const path = await generateStudy(dir);
    const generateMs = performance.now() - generateStart;
    const study = Study.open(path);
    try {
      const result: Record<string, unknown> = {
        study: { institutions: INSTITUTIONS, sources: SOURCES, codings: CODINGS, generateSeconds: seconds(generateMs) },
      };
      // One draft first, so that start-up (JIT, fonts) does not land in the first measurement.
      await timeDraft(study, { institutionId: study.institutions()[0]!.id }, true);
      for (const pageNumbers of [true, false]) {
        const perInstitution: Array<Awaited<ReturnType<typeof timeDraft>>> = [];
        for (const institution of study.institutions()) perInstitution.push(await timeDraft(study, { institutionId: institution.id }, pageNumbers));
        const overall = await timeDraft(study, { overall: true }, pageNumbers);
        const mean = (field: 'modelMs' | 'totalMs' | 'packMs') => perInstitution.reduce((sum, run) => sum + run[field], 0) / perInstitution.length;
        result[pageNumbers ? 'withTocPageNumbers' : 'fast'] = {
          institutionSecondsMean: seconds(mean('totalMs')),
          institutionSecondsMax: seconds(Math.max(...perInstitution.map((run) => run.totalMs))),
          institutionModelSecondsMean: seconds(mean('modelMs')),
          institutionPackerSecondsMean: seconds(mean('packMs')),
          institutionOverheadRatio: Number((mean('totalMs') / mean('packMs')).toFixed(2)),
          institutionBytesMean: Math.round(perInstitution.reduce((sum, run) => sum + run.bytes, 0) / perInstitution.length),
          overallSeconds: seconds(overall.totalMs),
          overallModelSeconds: seconds(overall.modelMs),
          overallPackerSeconds: seconds(overall.packMs),
          overallOverheadRatio: Number((overall.totalMs / overall.packMs).toFixed(2)),
          overallBytes: overall.bytes,
        };
      }
      return result;
    } finally {
      study.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
