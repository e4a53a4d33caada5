/**
 * Merge is a property, not a hope. Random edits on three copies of one study
 * (codings created, edited, deleted; memos; judgments; renamed institutions
 * and codes; file-review answers; undo; conflicts resolved), with bundles sent
 * mid-way between random copies; then every bundle ever made is delivered to
 * every copy (and to a copy that only listens), each in its own random order,
 * some twice. Afterwards:
 * - convergence: all copies hold identical entity tables, field clocks, files
 *   and change ids (whatever the order: commutativity);
 * - no change lost: every change id made anywhere is everywhere;
 * - idempotence: applying any bundle again changes nothing at all;
 * - the domain stays whole although codes are moved, re-parented, deleted and
 *   restored concurrently: every copy shows the same framework, a tree holding
 *   every live code, and every code shown elsewhere than stored and every
 *   coding on a deleted code or source has an open structure conflict.
 * Runs through the real path: export, age encryption, gzip, validation, merge.
 */
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCodings, deleteCoding, updateCoding } from '../../backend/coding/codings';
import { deleteCode, listCodes, moveCode, updateCode } from '../../backend/framework/framework';
import { ratingScale, saveJudgment } from '../../backend/judgments/judgments';
import { saveMemo } from '../../backend/memos/memos';
import { listConflicts, resolveConflict } from '../../backend/merge/conflicts';
import { answerReviewQuestion, listReviewQuestions } from '../../backend/review/file-review';
import { UserError } from '../../backend/errors';
import { createStudy, renameInstitution } from '../../backend/study/setup';
import type { Study } from '../../backend/study/study';
import { undo } from '../../backend/undo/undo';
import { addTextSource } from '../helpers/sources';
import { tempDir } from '../helpers/temp-study';
import { changeIds, copyFor, dumpAll, dumpShared, makeBundle, mergeInto, TEAM_SETUP } from '../property/merge-kit';
import { join } from 'node:path';
import { seededRandom } from '../../shared/seeded-random';

const dir = tempDir('veldwerk-property-');
const RUNS = Number(process.env.MERGE_PROPERTY_RUNS ?? 30);
const REPLICAS = ['AA', 'BB', 'CC'] as const;

type Op =
  | { op: 'code'; source: number; code: number; start: number; length: number }
  | { op: 'editCoding'; pick: number; note: string; shift: number }
  | { op: 'deleteCoding'; pick: number }
  | { op: 'memo'; target: number; text: string }
  | { op: 'judgment'; institution: number; norm: number; rating: number; rationale: string }
  | { op: 'renameInstitution'; institution: number; name: string }
  | { op: 'renameCode'; code: number; name: string }
  | { op: 'answer'; source: number; question: number; option: number }
  | { op: 'undo' }
  | { op: 'resolve'; pick: number; choose: 'local' | 'remote' }
  | { op: 'moveCode'; code: number; parent: number }
  | { op: 'deleteCode'; code: number }
  | { op: 'restoreCode'; pick: number }
  | { op: 'send'; to: number };

/** Codes picked by key, so that an index means the same code on every copy whatever the tree looks like there. */
const CODE_POOL = 8;

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('code' as const), source: fc.nat(1), code: fc.nat(12), start: fc.nat(50), length: fc.integer({ min: 1, max: 25 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('editCoding' as const), pick: fc.nat(), note: fc.constantFrom('a', 'b', 'c'), shift: fc.integer({ min: -3, max: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('deleteCoding' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('memo' as const), target: fc.nat(1), text: fc.constantFrom('m1', 'm2', 'm3') }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('judgment' as const), institution: fc.nat(1), norm: fc.nat(1), rating: fc.nat(3), rationale: fc.constantFrom('', 'r1', 'r2') }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('renameInstitution' as const), institution: fc.nat(1), name: fc.constantFrom('Noord', 'Zuid', 'Oost') }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('renameCode' as const), code: fc.nat(2), name: fc.constantFrom('Alfa', 'Bravo') }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('answer' as const), source: fc.nat(1), question: fc.nat(1), option: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('undo' as const) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('resolve' as const), pick: fc.nat(), choose: fc.constantFrom('local' as const, 'remote' as const) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('moveCode' as const), code: fc.nat(CODE_POOL - 1), parent: fc.integer({ min: -1, max: CODE_POOL - 1 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('deleteCode' as const), code: fc.nat(CODE_POOL - 1) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('restoreCode' as const), pick: fc.nat() }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('send' as const), to: fc.nat(REPLICAS.length - 1) }) },
);

const scenario = fc.record({
  steps: fc.array(fc.record({ replica: fc.nat(REPLICAS.length - 1), op: opArbitrary }), { minLength: 12, maxLength: 40, size: 'large' }),
  seed: fc.integer(),
});

function shuffled<T>(items: T[], next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function perform(study: Study, op: Op, sources: string[]): void {
  const pick = <T>(items: T[], n: number): T | undefined => (items.length ? items[n % items.length] : undefined);
  const liveCodings = () => study.db.prepare('SELECT id FROM coding WHERE deleted = 0 ORDER BY id').pluck().all() as string[];
  const codes = listCodes(study);
  const norms = codes.filter((code) => code.kind === 'norm');
  const pool = [...codes].sort((a, b) => a.key.localeCompare(b.key)).slice(0, CODE_POOL);
  switch (op.op) {
    case 'code': {
      const code = op.code < CODE_POOL ? pick(pool, op.code)! : pick(codes, op.code)!;
      createCodings(study, [{ sourceId: sources[op.source]!, codeId: code.id, start: op.start, end: op.start + op.length, valence: 'neutraal', note: '', quotable: false }], 'Coderen');
      return;
    }
    case 'editCoding': {
      const id = pick(liveCodings(), op.pick);
      if (!id) return;
      const start = study.db.prepare('SELECT start FROM coding WHERE id = ?').pluck().get(id) as number;
      updateCoding(study, id, { note: op.note, start: Math.max(0, start + op.shift) });
      return;
    }
    case 'deleteCoding': {
      const id = pick(liveCodings(), op.pick);
      if (id) deleteCoding(study, id);
      return;
    }
    case 'memo':
      saveMemo(study, 'source', sources[op.target]!, op.text);
      return;
    case 'judgment': {
      const institution = pick(study.institutions(), op.institution);
      const norm = pick(norms, op.norm);
      if (institution && norm) saveJudgment(study, { institutionId: institution.id, codeId: norm.id, rating: ratingScale(study)[op.rating]!, rationale: op.rationale });
      return;
    }
    case 'renameInstitution': {
      const institution = pick(study.institutions(), op.institution);
      if (institution) renameInstitution(study, institution.id, op.name);
      return;
    }
    case 'renameCode':
      updateCode(study, pick(codes, op.code)!.id, { name: op.name });
      return;
    case 'answer': {
      const question = pick(listReviewQuestions(study).filter((q) => q.answerType === 'choice'), op.question);
      if (question) answerReviewQuestion(study, sources[op.source]!, question.id, pick(question.options, op.option)!);
      return;
    }
    case 'undo':
      undo(study);
      return;
    case 'resolve': {
      const conflict = pick(listConflicts(study), op.pick);
      if (conflict) resolveConflict(study, conflict.id, op.choose);
      return;
    }
    case 'moveCode': {
      const code = pick(pool, op.code);
      const parent = op.parent < 0 ? null : pick(pool, op.parent);
      if (code && parent !== undefined) moveCode(study, code.id, parent?.id ?? null, 0);
      return;
    }
    case 'deleteCode': {
      const code = pick(pool, op.code);
      if (code) deleteCode(study, code.id);
      return;
    }
    case 'restoreCode': {
      const deleted = study.db.prepare('SELECT id FROM code WHERE deleted = 1 ORDER BY key').pluck().all() as string[];
      const id = pick(deleted, op.pick);
      if (id) study.write([{ entity: 'code', entityId: id, fields: { deleted: 0 } }], { undoLabel: 'Code terugzetten' });
      return;
    }
    case 'send':
      return;
  }
}

/** The framework as shown is a tree of every live code; whatever the merge left broken is open for a decision. */
function expectWhole(study: Study): void {
  const shown = listCodes(study);
  const live = study.db.prepare('SELECT id, parent_id FROM code WHERE deleted = 0').all() as Array<{ id: string; parent_id: string | null }>;
  expect(shown.map((code) => code.id).sort()).toEqual(live.map((code) => code.id).sort());
  const ids = new Set(shown.map((code) => code.id));
  for (const code of shown) expect(code.parentId === null || ids.has(code.parentId)).toBe(true);
  const open = new Set(
    (study.db.prepare("SELECT entity || '/' || entity_id FROM merge_conflict WHERE kind = 'structure' AND status = 'open'").pluck().all() as string[]),
  );
  const storedParent = new Map(live.map((code) => [code.id, code.parent_id]));
  for (const code of shown) if (code.parentId !== storedParent.get(code.id)) expect(open.has(`code/${code.id}`)).toBe(true);
  const broken = study.db
    .prepare(
      `SELECT k.id FROM coding k LEFT JOIN code c ON c.id = k.code_id LEFT JOIN source s ON s.id = k.source_id
       WHERE k.deleted = 0 AND (c.id IS NULL OR c.deleted = 1 OR s.id IS NULL OR s.deleted = 1)`,
    )
    .pluck()
    .all() as string[];
  for (const id of broken) expect(open.has(`coding/${id}`)).toBe(true);
}

describe('merge as a property', () => {
  let base: Study;
  let sources: string[];

  beforeAll(async () => {
    base = createStudy(join(dir, 'basis.veldwerk'), TEAM_SETUP);
    base.db.pragma('synchronous = OFF');
    sources = [
      await addTextSource(base, dir, 'Ouder: het contact met de jeugdbeschermer was te weinig en te laat, vond ik zelf.'),
      await addTextSource(base, dir, 'Dossier: veiligheidsplan opgesteld; evaluatie na zes weken ontbreekt in het journaal.'),
    ];
  });

  it(`converges, loses nothing, and is idempotent and order-independent (${RUNS} runs)`, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ steps, seed }) => {
        run++;
        const copies = REPLICAS.map((initials) => copyFor(base, dir, initials, `run${run}-${initials}`, { fast: true }));
        const listener = copyFor(base, dir, 'LL', `run${run}-listener`, { fast: true });
        const pool: Uint8Array[] = [];
        try {
          for (const { replica, op } of steps) {
            const study = copies[replica]!;
            if (op.op === 'send') {
              const bundle = await makeBundle(study);
              pool.push(bundle);
              if (op.to !== replica) await mergeInto(copies[op.to]!, bundle);
              continue;
            }
            try {
              perform(study, op, sources);
            } catch (error) {
              if (!(error instanceof UserError)) throw error;
            }
          }
          const everything = new Set(copies.flatMap((copy) => [...changeIds(copy.db)]));
          for (const copy of copies) pool.push(await makeBundle(copy));

          const next = seededRandom(seed);
          for (const target of [...copies, listener]) {
            const deliveries = shuffled(
              pool.flatMap((bundle) => (next() < 0.3 ? [bundle, bundle] : [bundle])),
              next,
            );
            for (const bundle of deliveries) await mergeInto(target, bundle);
          }

          if (process.env.MERGE_PROPERTY_DEBUG) {
            const stat = (copy: Study) => copy.db.prepare("SELECT kind || ':' || status || ':' || coalesce(resolution,'') AS k, count(*) AS n FROM merge_conflict GROUP BY 1").all();
            console.log(JSON.stringify({ steps: steps.length, pool: pool.length, changes: everything.size, conflicts: [...copies, listener].map(stat) }));
          }
          const reference = dumpShared(listener.db);
          for (const copy of copies) expect(dumpShared(copy.db)).toEqual(reference);
          const framework = listCodes(listener);
          for (const copy of [...copies, listener]) {
            expect(listCodes(copy)).toEqual(framework);
            expectWhole(copy);
          }
          for (const copy of [...copies, listener]) {
            const ids = changeIds(copy.db);
            for (const id of everything) expect(ids.has(id)).toBe(true);
          }
          const again = pool[Math.floor(next() * pool.length)]!;
          for (const copy of [copies[0]!, listener]) {
            const before = dumpAll(copy.db);
            const outcome = await mergeInto(copy, again);
            expect(outcome.nothingNew).toBe(true);
            expect(dumpAll(copy.db)).toBe(before);
          }
        } finally {
          for (const study of [...copies, listener]) {
            study.close();
            for (const suffix of ['', '-wal', '-shm']) rmSync(study.path + suffix, { force: true });
          }
        }
      }),
      { numRuns: RUNS },
    );
    // About 17 s of CPU for 30 runs (every bundle is sealed, signed, checked and verified); a busy machine stretches that.
  }, 180_000);
});
