/**
 * Detection at import (issue 10): what finding the names of imported sources
 * costs. A batch of text files (15 pages of dossier text each, with the
 * privacy corpus's planted names, roles and ages) is imported into a new
 * study with the worker already warm, then detection runs again on the same
 * sources alone (it finds nothing new, but reads everything): its seconds,
 * its share of the import, and the longest time it held the calling thread
 * (the service's), which the worker keeps small. The worker's cold start
 * (thread and word lists) is measured apart: once per process.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { proposeCandidatesFor } from '../../backend/privacy/detect-off-thread';
import { listPersons } from '../../backend/privacy/persons';
import { importFiles } from '../../backend/sources/import-sources';
import { createStudy } from '../../backend/study/setup';
import { seededRandom } from '../../shared/seeded-random';
import { makeFamilies } from '../../tests/fixtures/privacy-corpus';
import { pageLines } from './generate-corpus';

const FILES = 20;
const seconds = (ms: number) => Number((ms / 1000).toFixed(3));

/** The longest gap between ticks of a 5 ms timer while `work` runs: how long the calling thread was held. */
async function longestGap<T>(work: () => Promise<T>): Promise<{ result: T; gapMs: number; ms: number }> {
  const started = performance.now();
  let last = started;
  let gapMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    gapMs = Math.max(gapMs, now - last);
    last = now;
  }, 5);
  try {
    const result = await work();
    const ended = performance.now();
    return { result, gapMs: Math.max(gapMs, ended - last), ms: ended - started };
  } finally {
    clearInterval(timer);
  }
}

export async function measureImportDetection(dir: string): Promise<object> {
  const filesDir = join(dir, 'import-bestanden');
  mkdirSync(filesDir, { recursive: true });
  const families = makeFamilies(FILES);
  const files = families.map((family, index) => {
    const random = seededRandom(100 + index);
    const pages = Array.from({ length: 15 }, (_, page) => [...pageLines(random), family.sentences[page % family.sentences.length]!].join('\n'));
    const path = join(filesDir, `dossier-${index}.txt`);
    writeFileSync(path, pages.join('\n\n'));
    return { path, fileName: `dossier-${index}.txt` };
  });
  const study = createStudy(join(dir, 'import-bench.veldwerk'), {
    name: 'Bench detectie bij import',
    periodStart: null,
    periodEnd: null,
    institutions: ['GI Bench'],
    inspectors: [{ name: 'Bench Inspecteur', initials: 'BI' }],
  });
  try {
    const meta = { institutionId: study.institutions()[0]!.id, sourceType: 'clientdossier' as const, role: null, measure: null, date: null, inspectorId: null };
    const cold = await longestGap(() => importFiles(study, files.slice(0, 1), meta));
    const batch = await longestGap(() => importFiles(study, files.slice(1), meta));
    const ids = [...cold.result, ...batch.result].flatMap((outcome) => (outcome.status === 'imported' ? [outcome.sourceId] : []));
    const batchIds = batch.result.flatMap((outcome) => (outcome.status === 'imported' ? [outcome.sourceId] : []));
    const detection = await longestGap(() => proposeCandidatesFor(study, batchIds));
    const characters = study.db.prepare('SELECT sum(length(c.text)) FROM source s JOIN content c ON c.id = s.content_id').pluck().get() as number;
    return {
      files: ids.length,
      characters,
      firstImportOfOneFileSeconds: seconds(cold.ms),
      batchImportSeconds: seconds(batch.ms),
      batchDetectionSeconds: seconds(detection.ms),
      detectionShareOfBatchImport: Number((detection.ms / batch.ms).toFixed(3)),
      detectionLongestHoldOfCallingThreadMs: Number(detection.gapMs.toFixed(1)),
      candidatesProposed: listPersons(study).length,
    };
  } finally {
    study.close();
  }
}
