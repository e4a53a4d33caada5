/**
 * Encryption at rest (issue 11): the same work on a plaintext and on an
 * encrypted study (SQLCipher 4 through better-sqlite3-multiple-ciphers) in one
 * run, interleaved so both see the same machine load: importing a generated
 * corpus, searching (20 queries, several rounds), and creating one coding per
 * write (a transaction with FULL sync, as in the app). Reported as times and
 * as the ratio encrypted / plaintext (the target: <= 1.15 for search
 * and coding). Nothing is asserted.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCodings } from '../../backend/coding/codings';
import { listCodes } from '../../backend/framework/framework';
import { newStudyKey } from '../../backend/keys/cipher';
import { forgetStudyKey, rememberStudyKey } from '../../backend/keys/unlock';
import { search } from '../../backend/search/search';
import { importFiles } from '../../backend/sources/import-sources';
import { createStudy } from '../../backend/study/setup';
import type { Study } from '../../backend/study/study';
import { generateCorpus } from './generate-corpus';
import { latencySummary } from './percentiles';

const SOURCE_COUNT = Number(process.env.BENCH_CRYPTO_SOURCES ?? 150);
const BATCH = 25;
const SEARCH_ROUNDS = 5;
const CODINGS = 200;
const QUERIES = [
  'ouders', 'geinformeerd', 'veiligheid', '"plan van aanpak"', 'wachtlijst', 'gemeente budget', 'kinderrechter',
  'voogd*', 'huisbezoek moeder', 'jeugdreclassering', 'betekenisvol contact', 'overdracht', 'evaluatie doelen',
  'vertraagd', '"hulp ingezet"', 'school*', 'gedragswetenschapper', 'zorgen risico', 'indicatie', 'beëindigd',
];
const MODES = ['plaintext', 'encrypted'] as const;
type Mode = (typeof MODES)[number];

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

function newStudy(path: string, mode: Mode): Study {
  if (mode === 'encrypted') rememberStudyKey(path, newStudyKey());
  return createStudy(path, { name: `Bench ${mode}`, periodStart: null, periodEnd: null, institutions: ['GI Bench'], inspectors: [{ name: 'Bench', initials: 'BE' }] });
}

export async function measureEncryption(): Promise<object> {
  const workDir = join(tmpdir(), `veldwerk-bench-crypto-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  try {
    const corpus = await generateCorpus(join(workDir, 'bronnen'), SOURCE_COUNT);
    const studies = Object.fromEntries(MODES.map((mode) => [mode, newStudy(join(workDir, `${mode}.veldwerk`), mode)])) as Record<Mode, Study>;
    const importSeconds: Record<Mode, number> = { plaintext: 0, encrypted: 0 };
    for (let offset = 0; offset < corpus.length; offset += BATCH) {
      for (const mode of MODES) {
        const study = studies[mode];
        const start = performance.now();
        await importFiles(study, corpus.slice(offset, offset + BATCH), { institutionId: study.institutions()[0]!.id, sourceType: 'clientdossier', role: null, measure: 'ots', date: null, inspectorId: null });
        importSeconds[mode] += (performance.now() - start) / 1000;
      }
    }

    const searchMs: Record<Mode, number[]> = { plaintext: [], encrypted: [] };
    for (let roundIndex = 0; roundIndex < SEARCH_ROUNDS; roundIndex++) {
      for (const query of QUERIES) {
        for (const mode of MODES) {
          const start = performance.now();
          search(studies[mode], query, 200);
          searchMs[mode].push(performance.now() - start);
        }
      }
    }

    const codingMs: Record<Mode, number[]> = { plaintext: [], encrypted: [] };
    const targets = Object.fromEntries(MODES.map((mode) => {
      const study = studies[mode];
      const sourceId = study.db.prepare('SELECT id FROM source ORDER BY id LIMIT 1').pluck().get() as string;
      study.setCurrentInspector(study.inspectors()[0]!.id);
      return [mode, { sourceId, codeId: listCodes(study)[0]!.id }];
    })) as Record<Mode, { sourceId: string; codeId: string }>;
    for (let index = 0; index < CODINGS; index++) {
      for (const mode of MODES) {
        const start = performance.now();
        createCodings(studies[mode], [{ ...targets[mode], start: index * 10, end: index * 10 + 8, valence: 'neutraal', note: '', quotable: false }], 'Benchmark');
        codingMs[mode].push(performance.now() - start);
      }
    }

    const summary = (mode: Mode) => ({
      importSeconds: round(importSeconds[mode]),
      search: latencySummary(searchMs[mode]),
      coding: latencySummary(codingMs[mode]),
      fileMB: round(statSync(studies[mode].path).size / 1024 / 1024),
    });
    const plain = summary('plaintext');
    const encrypted = summary('encrypted');
    for (const mode of MODES) {
      studies[mode].close();
      forgetStudyKey(studies[mode].path);
    }
    return {
      cipher: 'SQLCipher 4 (AES-256-CBC + HMAC-SHA512 per 4 KiB page), SQLite3 Multiple Ciphers',
      sources: corpus.length,
      plaintext: plain,
      encrypted,
      ratio: {
        import: round(encrypted.importSeconds / plain.importSeconds),
        searchP50: round(encrypted.search.p50Ms / plain.search.p50Ms),
        searchP95: round(encrypted.search.p95Ms / plain.search.p95Ms),
        codingP50: round(encrypted.coding.p50Ms / plain.coding.p50Ms),
        codingP95: round(encrypted.coding.p95Ms / plain.coding.p95Ms),
      },
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
