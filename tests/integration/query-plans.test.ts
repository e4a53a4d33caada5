/// <reference path="../../backend/store/sqlite-cipher-types.d.ts" />
/**
 * Every statement is indexed (issue 9, item 5). While the backend's handlers
 * run on a study with data (import, coding, search, evidence, judgments,
 * memos, a merge, undo and redo), every statement it prepares is recorded
 * together with the calls that run it. Each is then put through
 * `EXPLAIN QUERY PLAN`: a full scan of a large table (one that grows with the
 * sources, codings or changes) fails the test when it runs in a call that
 * writes one object, or when the statement itself writes. Reading views (the
 * evidence matrix, the sources list, a report outline) may read whole tables.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { listCodes } from '../../backend/framework/framework';
import { Study } from '../../backend/study/study';
import { makeDocx } from '../fixtures/make-files';
import { copyFor, makeBundle, PASSPHRASE, TEAM_SETUP } from '../property/merge-kit';
import { tempDir } from '../helpers/temp-study';

/** Tables whose size grows with the study's material: a scan of these is O(N). */
const LARGE_TABLES = new Set([
  'source', 'content', 'original_file', 'source_fts', 'source_fts_row', 'coding', 'change_log', 'field_clock', 'entity_clock',
  'memo', 'review_answer', 'judgment_evidence', 'undo_history', 'merge_conflict', 'survey_data',
]);

/** Calls that write one object (or one file's source): each statement they run must find its rows by index. */
/**
 * Study-wide checks a merge runs once per bundle, not once per row: a known
 * cost of O(codings) per bundle (merge/structure.ts looks for live codings on
 * a deleted code or source). Named here one by one so any other scan still fails.
 */
const ONCE_PER_MERGE = [/FROM coding k LEFT JOIN code c ON c\.id = k\.code_id LEFT JOIN source s ON s\.id = k\.source_id/];

const PER_ROW_WRITES = new Set([
  'sources.import', 'source.updateMeta', 'coding.create', 'coding.update', 'coding.delete', 'memo.save',
  'judgment.save', 'judgment.linkEvidence', 'review.answer', 'code.create', 'code.update', 'undo', 'redo',
  'merge.resolve', 'bundle.apply',
]);

const dir = tempDir('veldwerk-plans-');
const prepared = new Map<string, Set<string>>(); // SQL -> the calls that ran it
let currentCall = 'voorbereiding';

function record(sql: string): void {
  if (!prepared.has(sql)) prepared.set(sql, new Set());
  prepared.get(sql)!.add(currentCall);
}

/** Record what is prepared and, per statement, the call that runs it. */
function instrument(): () => void {
  const databaseProto = Database.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originalPrepare = databaseProto.prepare!;
  const probe = new Database(':memory:');
  const statementProto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
  probe.close();
  const methods = ['run', 'get', 'all', 'iterate'] as const;
  const originals = methods.map((name) => statementProto[name]!);
  databaseProto.prepare = function (this: unknown, sql: unknown, ...rest: unknown[]) {
    record(String(sql));
    return originalPrepare.call(this, sql, ...rest);
  };
  methods.forEach((name, index) => {
    statementProto[name] = function (this: { source: string }, ...args: unknown[]) {
      record(this.source);
      return originals[index]!.apply(this, args);
    };
  });
  return () => {
    databaseProto.prepare = originalPrepare;
    methods.forEach((name, index) => (statementProto[name] = originals[index]!));
  };
}

async function call<T = unknown>(session: Session, name: string, input: unknown = {}): Promise<T> {
  currentCall = name;
  const result = await dispatch(session, name, input);
  currentCall = 'voorbereiding';
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

/** Table names behind the aliases of a statement (`coding k` -> k: coding). */
function tablesByAlias(sql: string): Map<string, string> {
  const aliases = new Map<string, string>();
  const keywords = /^(where|on|join|left|inner|cross|group|order|limit|set|values|using|natural|select|as|default)$/i;
  for (const match of sql.matchAll(/\b(?:FROM|JOIN|UPDATE|INTO)\s+([a-z_]+)(?:\s+(?:AS\s+)?([a-z_]+))?/gi)) {
    const table = match[1]!.toLowerCase();
    aliases.set(table, table);
    if (match[2] && !keywords.test(match[2])) aliases.set(match[2].toLowerCase(), table);
  }
  return aliases;
}

/** The full scans of large tables in a statement's plan, as "table: plan line". */
function fullScans(db: Database.Database, sql: string): string[] {
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...placeholders(sql)) as Array<{ detail: string }>;
  const aliases = tablesByAlias(sql);
  const scans: string[] = [];
  for (const { detail } of plan) {
    const scan = /^SCAN (\w+)( VIRTUAL TABLE INDEX \d+:(\S*))?/.exec(detail);
    if (!scan) continue;
    const table = aliases.get(scan[1]!.toLowerCase());
    // A table the statement does not name is SQLite's check for rows referring
    // to a newly inserted parent row (our foreign keys are deferred). It runs
    // only while the transaction holds a violated deferred constraint, which
    // the write path never leaves behind (a merge runs with foreign keys off).
    if (!table || !LARGE_TABLES.has(table)) continue;
    // FTS5: 'M' is a MATCH, '=' a rowid lookup; anything else reads every row.
    if (scan[2] && /[M=]/.test(scan[3] ?? '')) continue;
    scans.push(`${table}: ${detail}`);
  }
  return scans;
}

/** Bind parameters with null: the plan does not depend on their values. */
function placeholders(sql: string): unknown[] {
  const positional = (sql.match(/\?/g) ?? []).length;
  return Array.from({ length: positional }, () => null);
}

describe('query plans', () => {
  let restore: () => void;
  let lead: Study;
  const session = new Session({ kind: 'cli', demoStudyPath: () => join(dir, 'demo.veldwerk'), fixedStudyPath: join(dir, 'lead.veldwerk') });

  beforeAll(async () => {
    restore = instrument();
    await call(session, 'study.create', TEAM_SETUP);
    lead = session.requireStudy();
    const staged = [];
    for (let index = 0; index < 6; index++) {
      const text = `Dossier ${index}\nDe ouders zijn geïnformeerd over het plan van aanpak.\nDe jeugdzorgwerker kwam na ${index + 3} weken.\n`.repeat(20);
      staged.push(await call<{ stagedId: string }>(session, 'files.stage', { fileName: `dossier-${index}.txt`, bytes: new TextEncoder().encode(text) }));
    }
    const docx = await makeDocx([{ text: 'Beleid', heading: 1 }, { text: 'Binnen vijf dagen contact met de jeugdige.' }]);
    staged.push(await call<{ stagedId: string }>(session, 'files.stage', { fileName: 'beleid.docx', bytes: new Uint8Array(docx) }));
    const institutionId = lead.institutions()[0]!.id;
    const meta = { institutionId, sourceType: 'clientdossier', role: null, measure: 'ots', date: null, inspectorId: null };
    await call(session, 'sources.import', { stagedIds: staged.map((file) => file.stagedId), meta });
  }, 60_000);

  afterAll(() => {
    restore?.();
    session.close();
  });

  it('finds no full scan of a large table in a per-row write or in a writing statement', async () => {
    const listed = await call<Array<{ id: string; format: string }>>(session, 'sources.list', {});
    const sources = listed.filter((source) => source.format === 'txt');
    const codes = listCodes(lead);
    const norm = codes.find((code) => code.key === 'contact')!;
    const institutionId = lead.institutions()[0]!.id;

    // A teammate's copy codes and writes a memo; its bundle is merged back later.
    const anna = copyFor(lead, dir, 'AA', 'anna');
    const annaSession = new Session({ kind: 'cli', demoStudyPath: () => join(dir, 'demo.veldwerk') });
    annaSession.setStudy(anna);
    await call(annaSession, 'coding.create', { sourceId: sources[1]!.id, codeId: norm.id, start: 0, end: 30 });
    await call(annaSession, 'memo.save', { targetType: 'source', targetId: sources[1]!.id, text: 'Memo van Anna.' });
    await call(annaSession, 'source.updateMeta', {
      id: sources[2]!.id,
      meta: { institutionId, sourceType: 'interview', role: 'ouder', measure: 'ots', date: null, inspectorId: null, title: 'Gesprek ouder' },
    });
    const bundle = await makeBundle(anna);
    annaSession.close();

    await call(session, 'session.state');
    await call(session, 'framework.list');
    await call(session, 'source.get', { id: sources[0]!.id });
    const codings = [];
    for (let index = 0; index < 5; index++) {
      codings.push(await call<{ id: string }>(session, 'coding.create', { sourceId: sources[0]!.id, codeId: codes[index]!.id, start: index * 40, end: index * 40 + 25, quotable: true }));
    }
    await call(session, 'coding.update', { id: codings[0]!.id, valence: 'negatief', note: 'Te laat.' });
    await call(session, 'coding.delete', { id: codings[1]!.id });
    await call(session, 'codings.forSource', { sourceId: sources[0]!.id });
    await call(session, 'memo.save', { targetType: 'source', targetId: sources[0]!.id, text: 'Eerste indruk.' });
    await call(session, 'search', { query: 'geinformeerd' });
    await call(session, 'search', { query: '"plan van aanpak" ouder*' });
    await call(session, 'evidence.matrix', {});
    await call(session, 'evidence.segments', { codeId: norm.id, institutionId });
    await call(session, 'judgment.save', { institutionId, codeId: norm.id, rating: 'voldoet niet', rationale: 'Contact te laat.' });
    await call(session, 'judgment.linkEvidence', { institutionId, codeId: norm.id, codingId: codings[0]!.id, linked: true });
    await call(session, 'source.updateMeta', {
      id: sources[2]!.id,
      meta: { institutionId, sourceType: 'interview', role: 'jeugdige', measure: 'ots', date: null, inspectorId: null, title: 'Gesprek jeugdige' },
    });
    await call(session, 'undo');
    await call(session, 'redo');
    await call(session, 'report.outline', { scope: { institutionId } });

    const bundlePath = join(dir, 'anna.vwbundle');
    writeFileSync(bundlePath, bundle);
    const staged = await call<{ stagedId: string }>(session, 'files.stage', { fileName: 'anna.vwbundle', bytes: bundle });
    await call(session, 'bundle.apply', { stagedId: staged.stagedId, passphrase: PASSPHRASE });
    const conflicts = await call<Array<{ id: string }>>(session, 'merge.conflicts', {});
    if (conflicts[0]) await call(session, 'merge.resolve', { conflictId: conflicts[0].id, choose: 'local' });

    const offenders: string[] = [];
    for (const [sql, calls] of prepared) {
      if (/^\s*(PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|EXPLAIN)/i.test(sql)) continue;
      if (ONCE_PER_MERGE.some((pattern) => pattern.test(sql))) continue;
      const writes = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql);
      const perRow = [...calls].filter((name) => PER_ROW_WRITES.has(name));
      if (!writes && perRow.length === 0) continue;
      for (const scan of fullScans(lead.db, sql)) {
        offenders.push(`${scan}\n    in ${[...calls].join(', ')}\n    ${sql.replace(/\s+/g, ' ').trim()}`);
      }
    }
    // The recording saw the write path and the reads of the views, not a handful of statements.
    expect(prepared.size).toBeGreaterThan(60);
    expect([...prepared.keys()].some((sql) => /INSERT OR IGNORE INTO change_log/.test(sql))).toBe(true);
    expect(offenders, offenders.join('\n')).toEqual([]);
  }, 60_000);

  it('reads the evidence matrix source by source without a sort (the tally counts sources on that order)', async () => {
    await call(session, 'evidence.matrix', { quotableOnly: true });
    const grouped = [...prepared].filter(([sql, calls]) => calls.has('evidence.matrix') && /GROUP BY s\.rowid/.test(sql)).map(([sql]) => sql);
    expect(grouped).not.toEqual([]);
    for (const sql of grouped) {
      const plan = (lead.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...placeholders(sql)) as Array<{ detail: string }>).map((line) => line.detail);
      expect(plan[0], plan.join('\n')).toMatch(/^(SCAN s|SEARCH s USING INTEGER PRIMARY KEY)/);
      expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
    }
  });
});
