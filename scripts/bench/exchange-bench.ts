/**
 * Exchange on a generated study: 5 institutions, 300 text sources, 5,000
 * codings by two inspectors (a tenth with a note), names and dates in the
 * texts. Times the REFI-QDA export (pseudonymised and full), the import of
 * the full export into a new study and its repetition (which adds nothing),
 * and the coded-segments workbook.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCodings, type NewCoding } from '../../backend/coding/codings';
import { exportQdpx, exportTables, importQdpx } from '../../backend/exchange/exchange';
import { listCodes } from '../../backend/framework/framework';
import { saveMemo } from '../../backend/memos/memos';
import { importFiles } from '../../backend/sources/import-sources';
import { getSource } from '../../backend/sources/queries';
import { createStudy } from '../../backend/study/setup';
import { Study } from '../../backend/study/study';
import { seededRandom } from '../../shared/seeded-random';
import type { Valence } from '../../shared/vocabulary';

const INSTITUTIONS = 5;
const SOURCES = 300;
const CODINGS = 5000;
const NAMES = ['Noor', 'Daan', 'Sem', 'Yara', 'Milan', 'Lotte'];
const WORDS = (
  'de het een en van in op met voor bij over naar dat niet ook nog wel jeugdige ouders moeder vader gezin jeugdzorgwerker ' +
  'huisbezoek gesprek contact afspraak veiligheid zorgen ontwikkeling school plan aanpak evaluatie doelen hulp wachtlijst'
).split(' ');

async function generateStudy(dir: string): Promise<string> {
  const random = seededRandom(15);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const sentence = () => {
    const words = Array.from({ length: 8 + Math.floor(random() * 12) }, () => pick(WORDS));
    if (random() < 0.1) words.splice(2, 0, pick(NAMES));
    if (random() < 0.05) words.splice(4, 0, `op ${1 + Math.floor(random() * 28)}-${1 + Math.floor(random() * 12)}-2025`);
    const text = words.join(' ');
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  };
  const path = join(dir, 'uitwissel-bench.veldwerk');
  const study = createStudy(path, {
    name: 'Benchmarkronde uitwisselen',
    periodStart: '2026-03-02',
    periodEnd: '2026-06-26',
    institutions: Array.from({ length: INSTITUTIONS }, (_, index) => `GI Benchmark ${String.fromCharCode(65 + index)}`),
    inspectors: [
      { name: 'Inspecteur Een', initials: 'IE' },
      { name: 'Inspecteur Twee', initials: 'IT' },
    ],
  });
  const [first, second] = study.inspectors();
  mkdirSync(join(dir, 'bronnen'), { recursive: true });
  const files = Array.from({ length: SOURCES }, (_, index) => {
    const file = join(dir, 'bronnen', `dossier-${index}.txt`);
    writeFileSync(file, Array.from({ length: 60 }, sentence).join(index % 3 === 0 ? '\n\n' : ' '));
    return { path: file, fileName: `Cliëntdossier ${index} – ${pick(NAMES)}.txt` };
  });
  const institutions = study.institutions();
  const sourceIds: string[] = [];
  for (const [index, institution] of institutions.entries()) {
    const outcomes = await importFiles(study, files.filter((_, at) => at % INSTITUTIONS === index), {
      institutionId: institution.id, sourceType: 'clientdossier', role: null, measure: 'ots', date: '2026-04-01', inspectorId: null,
    });
    for (const outcome of outcomes) if (outcome.status === 'imported') sourceIds.push(outcome.sourceId);
  }
  const codes = listCodes(study);
  const valences: Valence[] = ['positief', 'negatief', 'negatief', 'neutraal'];
  for (const coder of [first!, second!]) {
    study.setCurrentInspector(coder.id);
    const codings: NewCoding[] = [];
    for (let index = 0; index < CODINGS / 2; index++) {
      const sourceId = sourceIds[index % sourceIds.length]!;
      const text = getSource(study, sourceId).text;
      const start = Math.floor(random() * (text.length - 200));
      const sentenceStart = text.lastIndexOf('.', start) + 2;
      const end = Math.min(text.length, text.indexOf('.', sentenceStart + 20) + 1 || sentenceStart + 80);
      codings.push({ sourceId, codeId: pick(codes).id, start: sentenceStart, end, valence: pick(valences), note: random() < 0.1 ? sentence() : '', quotable: random() < 0.15 });
    }
    createCodings(study, codings, 'Benchmark');
  }
  for (const sourceId of sourceIds.slice(0, 50)) saveMemo(study, 'source', sourceId, `${sentence()} ${sentence()}`);
  study.db.pragma('wal_checkpoint(TRUNCATE)');
  study.close();
  return path;
}

const seconds = (ms: number) => Number((ms / 1000).toFixed(2));

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await run();
  return { value, seconds: seconds(performance.now() - start) };
}

export async function measureExchange(): Promise<object> {
  const dir = join(tmpdir(), `veldwerk-exchange-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const generated = await timed(() => generateStudy(dir));
    const study = Study.open(generated.value);
    try {
      const pseudonymised = await timed(() => exportQdpx(study, 'pseudonymised'));
      const full = await timed(() => exportQdpx(study, 'full'));
      const segments = await timed(() => exportTables(study, 'segments', 'pseudonymised'));
      const projectPath = join(dir, 'volledig.qdpx');
      writeFileSync(projectPath, full.value);
      const target = createStudy(join(dir, 'doel.veldwerk'), { name: 'Doel', periodStart: null, periodEnd: null, institutions: [], inspectors: [{ name: 'Analist', initials: 'AN' }] });
      try {
        const imported = await timed(() => importQdpx(target, projectPath));
        const again = await timed(() => importQdpx(target, projectPath));
        return {
          study: { institutions: INSTITUTIONS, sources: SOURCES, codings: CODINGS, generateSeconds: generated.seconds },
          exportQdpxPseudonymised: { seconds: pseudonymised.seconds, bytes: pseudonymised.value.byteLength },
          exportQdpxFull: { seconds: full.seconds, bytes: full.value.byteLength },
          exportSegmentsXlsx: { seconds: segments.seconds, bytes: segments.value.byteLength },
          importQdpxIntoNewStudy: { seconds: imported.seconds, codingsAdded: imported.value.codings.added, sourcesAdded: imported.value.sources.added },
          importQdpxAgain: { seconds: again.seconds, codingsAdded: again.value.codings.added },
          peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        };
      } finally {
        target.close();
      }
    } finally {
      study.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
