/**
 * The logbook for `npm run bench` (issue 12): 10,000 actions recorded through
 * dispatch (writing calls, each a line sealed into the hash chain), and what
 * they cost in the study file (the action table and its indexes, from
 * SQLite's dbstat, per 10,000 lines); `log verify` over 10,000 and over
 * 100,000 lines (the other 90,000 recorded as logged reads, sealed one by
 * one like in use); and the logbook view at 100,000 lines: the first page,
 * a filtered page, and the Excel export of every line.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { exportLogbook } from '../../backend/logbook/export';
import { logbookPage } from '../../backend/logbook/query';
import { recordReadAction } from '../../backend/logbook/read-actions';
import { verifyLogbook } from '../../backend/logbook/verify';
import { createStudy } from '../../backend/study/setup';
import type { Study } from '../../backend/study/study';

const ACTIONS = Number(process.env.BENCH_LOGBOOK_ACTIONS ?? 10_000);
const TOTAL = Number(process.env.BENCH_LOGBOOK_TOTAL ?? 100_000);
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

function seconds(work: () => unknown): number {
  const start = performance.now();
  work();
  return round((performance.now() - start) / 1000, 3);
}

/** Bytes of the action table and its indexes, as SQLite counts its pages. */
function logBytes(study: Study): number {
  return study.db
    .prepare("SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = 'action' OR name IN (SELECT name FROM sqlite_master WHERE tbl_name = 'action' AND type = 'index')")
    .pluck()
    .get() as number;
}

export async function measureLogbook(): Promise<object> {
  const workDir = join(tmpdir(), `veldwerk-logbook-bench-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  const study = createStudy(join(workDir, 'logboek.veldwerk'), {
    name: 'Bench logboek',
    periodStart: null,
    periodEnd: null,
    institutions: ['GI Bench Noord', 'GI Bench Zuid'],
    inspectors: [
      { name: 'Anna Aarts', initials: 'AA' },
      { name: 'Bram Bos', initials: 'BB' },
    ],
  });
  // Durability on power loss is not what this measures; every call still commits.
  study.db.pragma('synchronous = OFF');
  const session = new Session({ kind: 'cli', demoStudyPath: () => '' });
  session.setStudy(study);
  try {
    const [noord, zuid] = study.institutions();
    const inspectors = study.inspectors();
    const bytesBefore = logBytes(study);
    const start = performance.now();
    // A mix of what a working day records: renames (a change each), inspector switches, and refusals.
    for (let i = 0; i < ACTIONS; i++) {
      const kind = i % 4;
      if (kind === 0) await dispatch(session, 'session.setInspector', { inspectorId: inspectors[i % 2]!.id });
      else if (kind === 3) await dispatch(session, 'institution.create', { name: noord!.name });
      else await dispatch(session, 'institution.rename', { id: (kind === 1 ? noord : zuid)!.id, name: `GI Bench ${kind === 1 ? 'Noord' : 'Zuid'} ${i}` });
    }
    const recordSeconds = (performance.now() - start) / 1000;
    const lines = study.db.prepare('SELECT count(*) FROM action').pluck().get() as number;
    const bytesPer10k = Math.round(((logBytes(study) - bytesBefore) / lines) * 10_000);
    const verify10k = seconds(() => verifyLogbook(study.db));

    const sealStart = performance.now();
    for (let i = lines; i < TOTAL; i++) {
      recordReadAction(study, 'exchange.export', { details: { kind: 'segments', mode: i % 7 === 0 ? 'volledig, met namen' : 'gepseudonimiseerd' }, objects: [] }, { result: 'done' });
    }
    const sealPerSecond = Math.round((TOTAL - lines) / ((performance.now() - sealStart) / 1000));
    const report = verifyLogbook(study.db);
    const verify100k = seconds(() => verifyLogbook(study.db));
    const firstPage = seconds(() => logbookPage(study, {}, 0, 100));
    const filteredPage = seconds(() => logbookPage(study, { institutionId: zuid!.id, query: 'Zuid' }, 0, 100));
    const lastPage = seconds(() => logbookPage(study, {}, TOTAL - 100, 100));
    // The first export loads the privacy pass's word lists; the second is what a lead waits for after that.
    await exportLogbook(session, { call: 'session.setInspector', to: '2000-01-01' }, 'xlsx');
    const exportStart = performance.now();
    const exported = await exportLogbook(session, {}, 'xlsx');
    const exportSeconds = round((performance.now() - exportStart) / 1000, 2);
    return {
      actionsThroughDispatch: lines,
      actionsPerSecond: Math.round(lines / recordSeconds),
      logBytesPer10kActions: bytesPer10k,
      verifySeconds10k: verify10k,
      lines: TOTAL,
      verifyOk: report.ok,
      verifySeconds: verify100k,
      logBytesAtAllLines: logBytes(study),
      loggedReadsSealedPerSecond: sealPerSecond,
      viewFirstPageSeconds: firstPage,
      viewLastPageSeconds: lastPage,
      viewFilteredPageSeconds: filteredPage,
      excelExportSeconds: exportSeconds,
      excelExportBytes: exported.size,
    };
  } finally {
    session.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}
