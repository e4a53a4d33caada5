/**
 * `npm run bench`: speed and memory figures as JSON, on generated studies.
 * Nothing here asserts; the figures go into the closing notes of the issues.
 * `BENCH_ONLY=foundation,coding` (or `npm run bench -- national`) runs a subset;
 * the JSON is also written to bench-out/bench.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { measureCodingLatency } from './coding-latency';
import { measureCodingDay } from './codingday-bench';
import { measureEncryption } from './encryption-bench';
import { measureExchange } from './exchange-bench';
import { measureFoundation } from './foundation-bench';
import { measureMerge } from './merge-bench';
import { measureOcr } from './ocr-bench';
import { measureNational } from './national-bench';
import { measureNationalService } from './national-service';
import { measureNationalMerge } from './national-merge';
import { measureRetrieval } from './retrieval-bench';
import { measureReports } from './report-bench';
import { measureDialog } from './dialog-bench';
import { measureSurvey } from './survey-bench';
import { measureQueue } from './queue-bench';
import { measureSigning } from './signing-bench';
import { measurePrivacy } from './privacy-bench';
import { measureBatch } from './batch-bench';
import { measureLogbook } from './logbook-bench';
import { measureStaging } from './staging-bench';

const SECTIONS: Record<string, () => Promise<object>> = {
  foundation: measureFoundation,
  coding: measureCodingLatency,
  reports: measureReports,
  survey: measureSurvey,
  merge: measureMerge,
  queue: measureQueue,
  codingday: measureCodingDay,
  encryption: measureEncryption,
  signing: measureSigning,
  exchange: measureExchange,
  ocr: measureOcr,
  privacy: measurePrivacy,
  logbook: measureLogbook,
  national: measureNational,
  'national-service': measureNationalService,
  nationalMerge: measureNationalMerge,
  batch: measureBatch,
  retrieval: measureRetrieval,
  dialog: measureDialog,
  staging: measureStaging,
};

async function main() {
  const named = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const only = named.length > 0 ? named : process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
  const results: Record<string, object> = { machine: { cpus: cpus().length, node: process.version } };
  for (const [name, measure] of Object.entries(SECTIONS)) {
    if (only && !only.includes(name)) continue;
    process.stderr.write(`== ${name}\n`);
    results[name] = await measure();
  }
  const text = JSON.stringify(results, null, 2);
  console.log(text);
  mkdirSync('bench-out', { recursive: true });
  writeFileSync(join('bench-out', 'bench.json'), text);
}

await main();
