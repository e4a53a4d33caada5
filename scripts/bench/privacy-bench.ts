/**
 * The privacy pass (issue 10) on the overarching draft of the report
 * benchmark's generated study (5 institutions, 200 sources, 2,000 codings):
 * the pass alone (every text of the model, two rounds) against the whole
 * draft (model, pass, charts, Word file, --fast), and its share; plus the
 * one-time loading of the word lists (the Dutch dictionary) per process;
 * and detection at import (./privacy-import-bench.ts).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { lexicon } from '../../backend/privacy/detect/lexicon';
import { passReportModel } from '../../backend/privacy/report-pass';
import { studyPassContext } from '../../backend/privacy/study-pass';
import { overallModelFromData } from '../../backend/reports/build-model';
import { passedReportModel } from '../../backend/reports/generate';
import { readStudyData } from '../../backend/reports/study-data';
import { writeReportDocx } from '../../backend/reports/write-docx';
import { Study } from '../../backend/study/study';
import { generateStudy } from './report-bench';
import { measureImportDetection } from './privacy-import-bench';

const seconds = (ms: number) => Number((ms / 1000).toFixed(3));

export async function measurePrivacy(): Promise<object> {
  const dir = join(tmpdir(), `veldwerk-privacy-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const loadStart = performance.now();
    lexicon();
    const lexiconMs = performance.now() - loadStart;
    const study = Study.open(await generateStudy(dir));
    try {
      const data = readStudyData(study);
      // Warm-up: one full draft, so JIT and fonts do not land in the figures.
      await writeReportDocx(passedReportModel(data, { overall: true }, {}).model, { pageNumbers: false });

      const draftStart = performance.now();
      const fresh = readStudyData(study);
      const { model } = passedReportModel(fresh, { overall: true }, {});
      await writeReportDocx(model, { pageNumbers: false });
      const draftMs = performance.now() - draftStart;

      const built = overallModelFromData(data, {});
      const passStart = performance.now();
      const { scan } = passReportModel(built, studyPassContext(study, data.privacy));
      const passMs = performance.now() - passStart;
      const texts = JSON.stringify(built).length;
      return {
        lexiconLoadSeconds: seconds(lexiconMs),
        overallDraftSeconds: seconds(draftMs),
        overallPassSeconds: seconds(passMs),
        passShareOfDraft: Number((passMs / draftMs).toFixed(3)),
        modelCharacters: texts,
        findings: scan.findings.length,
        importDetection: await measureImportDetection(dir),
      };
    } finally {
      study.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
