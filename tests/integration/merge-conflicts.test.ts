/**
 * The conflict rule (backend/merge/conflict-rules.ts), case by case: two or
 * three copies of one study edit apart and exchange bundles.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCodings, deleteCoding, updateCoding } from '../../backend/coding/codings';
import { listCodes, moveCode } from '../../backend/framework/framework';
import { listJudgments, saveJudgment } from '../../backend/judgments/judgments';
import { listConflicts, resolveConflict } from '../../backend/merge/conflicts';
import { mergeBundle, readBundle } from '../../backend/merge/merge';
import { createStudy, renameInstitution } from '../../backend/study/setup';
import type { Study } from '../../backend/study/study';
import { undo } from '../../backend/undo/undo';
import { addTextSource, codeId } from '../helpers/sources';
import { tempDir } from '../helpers/temp-study';
import { copyFor, dumpAll, dumpShared, makeBundle, mergeInto, PASSPHRASE, TEAM_SETUP } from '../property/merge-kit';

const dir = tempDir('veldwerk-conflicts-');
const tick = () => new Promise((resolve) => setTimeout(resolve, 3));

let base: Study;
let sourceId: string;
let counter = 0;

beforeAll(async () => {
  base = createStudy(join(dir, 'basis.veldwerk'), TEAM_SETUP);
  sourceId = await addTextSource(base, dir, 'Jeugdige: ik zie mijn jeugdbeschermer bijna nooit, en dan ook nog met mama erbij.');
});

function team(...initials: string[]): Study[] {
  counter++;
  return initials.map((who) => copyFor(base, dir, who, `t${counter}-${who}`, { fast: true }));
}

async function exchange(from: Study, to: Study) {
  return mergeInto(to, await makeBundle(from));
}

/** One bundle (what is new since the last export) to several copies. */
async function broadcast(from: Study, ...to: Study[]) {
  const bundle = await makeBundle(from);
  for (const copy of to) await mergeInto(copy, bundle);
}

const institutionName = (study: Study, id: string) => study.db.prepare('SELECT name FROM institution WHERE id = ?').pluck().get(id);
const noordOf = (study: Study) => study.institutions().find((institution) => institution.name === 'GI Noord')!.id;

describe('when edits are (not) in conflict', () => {
  it('sequential edits of a field are no conflict, in either direction', async () => {
    const [anna, bram] = team('AA', 'BB') as [Study, Study];
    const noord = noordOf(anna);
    renameInstitution(anna, noord, 'GI Noord 1');
    await exchange(anna, bram);
    renameInstitution(bram, noord, 'GI Noord 2');
    await exchange(bram, anna);
    renameInstitution(anna, noord, 'GI Noord 3');
    await exchange(anna, bram);
    expect(listConflicts(anna)).toEqual([]);
    expect(listConflicts(bram)).toEqual([]);
    expect(institutionName(bram, noord)).toBe('GI Noord 3');
  });

  it('concurrent edits to different values are a conflict on both sides; the study holds the later one meanwhile', async () => {
    const [anna, bram] = team('AA', 'BB') as [Study, Study];
    const noord = noordOf(anna);
    renameInstitution(anna, noord, 'Noord van Anna');
    await tick();
    renameInstitution(bram, noord, 'Noord van Bram');
    const atBram = await exchange(anna, bram);
    const atAnna = await exchange(bram, anna);
    expect(atBram.conflicts).toHaveLength(1);
    expect(atBram.perKind.other.conflicts).toBe(1);
    expect(atBram.conflicts[0]).toMatchObject({
      entity: 'institution',
      field: 'name',
      local: { value: 'Noord van Bram', authorName: 'Bram Bos (BB)' },
      remote: { value: 'Noord van Anna', authorName: 'Anna Aarts (AA)' },
      current: 'Noord van Bram',
      status: 'open',
    });
    expect(atAnna.conflicts[0]).toMatchObject({ local: { value: 'Noord van Anna' }, remote: { value: 'Noord van Bram' }, current: 'Noord van Bram' });
    expect(dumpShared(anna.db)).toEqual(dumpShared(bram.db));
  });

  it('concurrent edits to the same value are no conflict (two copies saving the same judgment meet in one row)', async () => {
    const [anna, bram] = team('AA', 'BB') as [Study, Study];
    const noord = noordOf(anna);
    renameInstitution(anna, noord, 'GI Noord-Holland');
    renameInstitution(bram, noord, 'GI Noord-Holland');
    saveJudgment(anna, { institutionId: noord, codeId: codeId(anna, 'veiligheid'), rating: 'voldoet', rationale: 'Goed.' });
    saveJudgment(bram, { institutionId: noord, codeId: codeId(bram, 'veiligheid'), rating: 'voldoet', rationale: 'Goed.' });
    await exchange(anna, bram);
    await exchange(bram, anna);
    expect(listConflicts(anna)).toEqual([]);
    expect(listConflicts(bram)).toEqual([]);
    expect(listJudgments(anna)).toHaveLength(1);
  });

  it('codings by different coders on the same text are separate, never in conflict', async () => {
    const [anna, bram] = team('AA', 'BB') as [Study, Study];
    const span = { sourceId, codeId: codeId(anna, 'contact'), start: 0, end: 30, valence: 'negatief' as const, note: '', quotable: false };
    createCodings(anna, [span], 'Coderen');
    createCodings(bram, [{ ...span, valence: 'positief' }], 'Coderen');
    await exchange(anna, bram);
    await exchange(bram, anna);
    expect(listConflicts(anna)).toEqual([]);
    expect(anna.db.prepare('SELECT count(DISTINCT coder_id) FROM coding WHERE deleted = 0').pluck().get()).toBe(2);
  });

  it('ordering fields (sortOrder) follow the last writer without a conflict', async () => {
    const [anna, bram] = team('AA', 'BB') as [Study, Study];
    const norms = listCodes(anna).filter((code) => code.parentId === null);
    moveCode(anna, norms[0]!.id, null, 3);
    await tick();
    moveCode(bram, norms[0]!.id, null, 1);
    await exchange(anna, bram);
    await exchange(bram, anna);
    expect(listConflicts(anna)).toEqual([]);
    expect(listCodes(anna).map((code) => code.id)).toEqual(listCodes(bram).map((code) => code.id));
  });

  it('a change that arrives before what it built on: recorded, then settled as sequential once the gap is filled', async () => {
    const [anna, bram, cor] = team('AA', 'BB', 'CC') as [Study, Study, Study];
    const noord = noordOf(anna);
    renameInstitution(anna, noord, 'Eerst Anna');
    await exchange(anna, bram);
    const relay = await makeBundle(bram); // holds Anna's rename, passed on by Bram
    renameInstitution(bram, noord, 'Daarna Bram'); // Bram saw Anna's rename
    const later = await makeBundle(bram); // holds only Bram's rename
    const early = await mergeInto(cor, later);
    expect(early.conflicts.map((conflict) => conflict.status)).toEqual(['open']); // the history is incomplete here
    expect(early.warnings.join(' ')).toContain('eerdere bundel die hier niet is ingelezen');
    const filled = await mergeInto(cor, relay);
    expect(filled.warnings).toEqual([]);
    expect(filled.conflicts).toEqual([expect.objectContaining({ status: 'resolved', resolution: 'sequential' })]);
    expect(listConflicts(cor)).toEqual([]);
    expect(institutionName(cor, noord)).toBe('Daarna Bram');
  });

  describe('deletes', () => {
    it('a delete and a later edit of the same coding by another copy are a conflict; keeping it restores it with the edit', async () => {
      const [anna, bram, cor] = team('AA', 'BB', 'CC') as [Study, Study, Study];
      const [coding] = createCodings(anna, [{ sourceId, codeId: codeId(anna, 'contact'), start: 5, end: 25, valence: 'negatief', note: '', quotable: false }], 'Coderen');
      await broadcast(anna, bram, cor);
      deleteCoding(anna, coding!.id);
      await tick();
      updateCoding(bram, coding!.id, { note: 'Sterk citaat', quotable: true });
      const atAnna = await exchange(bram, anna);
      const atBram = await exchange(anna, bram);
      expect(atAnna.conflicts).toEqual([
        expect.objectContaining({ kind: 'delete-edit', field: 'deleted', local: expect.objectContaining({ value: 1 }), remote: expect.objectContaining({ value: 0 }) }),
      ]);
      expect(atAnna.perKind.codings.conflicts).toBe(1);
      expect(atBram.conflicts).toEqual([expect.objectContaining({ kind: 'delete-edit', local: expect.objectContaining({ value: 0 }), remote: expect.objectContaining({ value: 1 }) })]);
      expect(anna.db.prepare('SELECT deleted FROM coding WHERE id = ?').pluck().get(coding!.id)).toBe(1); // meanwhile: deleted

      resolveConflict(anna, atAnna.conflicts[0]!.id, 'remote'); // keep Bram's edit
      expect(anna.db.prepare('SELECT deleted, note, quotable FROM coding WHERE id = ?').get(coding!.id)).toEqual({ deleted: 0, note: 'Sterk citaat', quotable: 1 });
      const resolution = await makeBundle(anna);
      for (const copy of [bram, cor]) {
        const outcome = await mergeInto(copy, resolution);
        expect(outcome.conflicts.filter((conflict) => conflict.status === 'open')).toEqual([]);
        expect(listConflicts(copy)).toEqual([]);
      }
      await mergeInto(cor, await makeBundle(bram, { all: true })); // what Cor missed (Bram's edit, Anna's delete), after the resolution
      expect(listConflicts(cor)).toEqual([]);
      expect(dumpShared(cor.db)).toEqual(dumpShared(anna.db));
      expect(dumpShared(bram.db)).toEqual(dumpShared(anna.db));
    });

    it('a delete later than the edit wins without a conflict', async () => {
      const [anna, bram] = team('AA', 'BB') as [Study, Study];
      const [coding] = createCodings(anna, [{ sourceId, codeId: codeId(anna, 'contact'), start: 5, end: 25, valence: 'negatief', note: '', quotable: false }], 'Coderen');
      await exchange(anna, bram);
      updateCoding(bram, coding!.id, { note: 'eerder' });
      await tick();
      deleteCoding(anna, coding!.id);
      await exchange(bram, anna);
      await exchange(anna, bram);
      expect(listConflicts(anna)).toEqual([]);
      expect(listConflicts(bram)).toEqual([]);
      expect(bram.db.prepare('SELECT deleted, note FROM coding WHERE id = ?').get(coding!.id)).toEqual({ deleted: 1, note: 'eerder' });
    });

    it('a delete and a concurrent restore are a conflict on the field `deleted`', async () => {
      const [anna, bram] = team('AA', 'BB') as [Study, Study];
      const [coding] = createCodings(anna, [{ sourceId, codeId: codeId(anna, 'contact'), start: 5, end: 25, valence: 'negatief', note: '', quotable: false }], 'Coderen');
      await exchange(anna, bram);
      deleteCoding(bram, coding!.id);
      await tick();
      deleteCoding(anna, coding!.id);
      await tick();
      undo(bram); // Bram restores it, not knowing Anna deleted it too
      const atAnna = await exchange(bram, anna);
      const atBram = await exchange(anna, bram);
      expect(atAnna.conflicts).toEqual([expect.objectContaining({ kind: 'field', field: 'deleted', local: expect.objectContaining({ value: 1 }), remote: expect.objectContaining({ value: 0 }) })]);
      expect(atBram.conflicts).toEqual([expect.objectContaining({ kind: 'field', field: 'deleted', local: expect.objectContaining({ value: 0 }), remote: expect.objectContaining({ value: 1 }) })]);
      expect(anna.db.prepare('SELECT deleted FROM coding WHERE id = ?').pluck().get(coding!.id)).toBe(0); // the restore is the latest
    });
  });

  it('resolving writes a change that supersedes both sides: it travels and settles the conflict everywhere', async () => {
    const [anna, bram, cor] = team('AA', 'BB', 'CC') as [Study, Study, Study];
    const noord = noordOf(anna);
    saveJudgment(anna, { institutionId: noord, codeId: codeId(anna, 'contact'), rating: 'voldoet', rationale: '' });
    saveJudgment(bram, { institutionId: noord, codeId: codeId(bram, 'contact'), rating: 'voldoet niet', rationale: '' });
    await exchange(anna, bram);
    await exchange(bram, anna);
    await mergeInto(cor, await makeBundle(anna, { all: true })); // Cor gets both sides from Anna: a conflict there too
    expect(listConflicts(cor)).toHaveLength(1);
    const [conflict] = listConflicts(bram);
    expect(conflict).toMatchObject({ field: 'rating', label: 'Oordeel Betekenisvol contact bij GI Noord: oordeel' });
    expect(resolveConflict(bram, conflict!.id, 'local')).toEqual([]);
    expect(() => resolveConflict(bram, conflict!.id, 'local')).toThrow('Dit conflict is al opgelost.');
    const resolution = await makeBundle(bram);
    for (const copy of [anna, cor]) {
      const outcome = await mergeInto(copy, resolution);
      expect(outcome.conflicts).toEqual([expect.objectContaining({ status: 'resolved', resolution: 'elsewhere' })]);
      expect(listConflicts(copy)).toEqual([]);
      expect(listJudgments(copy)[0]!.rating).toBe('voldoet niet');
    }
    expect(listConflicts(bram, 'all')).toEqual([expect.objectContaining({ status: 'resolved', resolution: 'local' })]);
  });

  it('a preview shows the conflicts it would record, and records none', async () => {
    const [anna, bram] = team('AA', 'BB') as [Study, Study];
    const noord = noordOf(anna);
    renameInstitution(anna, noord, 'A');
    renameInstitution(bram, noord, 'B');
    const bytes = await makeBundle(anna);
    const before = dumpAll(bram.db);
    const preview = mergeBundle(bram, await readBundle(bram, { bytes }, PASSPHRASE), { dryRun: true });
    expect(preview.conflicts).toEqual([expect.objectContaining({ field: 'name', status: 'open' })]);
    expect(dumpAll(bram.db)).toBe(before);
    expect(listConflicts(bram)).toEqual([]);
  });
});
