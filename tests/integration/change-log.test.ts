import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyChange, ChangeWriter, changesOf, type ChangeRecord } from '../../backend/store/changes';
import { Study } from '../../backend/study/study';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir();

const count = (study: Study, sql: string) => (study.db.prepare(sql).get() as { n: number }).n;

describe('the one write path', () => {
  it('writes a change record for every entity written, with author, replica and clock', () => {
    const study = newTestStudy(dir);
    const inspectors = study.inspectors();
    const logged = count(study, 'SELECT count(*) AS n FROM change_log');
    const id = randomUUID();
    const [record] = study.write([{ entity: 'institution', entityId: id, fields: { name: 'GI West' } }]);
    expect(count(study, 'SELECT count(*) AS n FROM change_log')).toBe(logged + 1);
    expect(record).toMatchObject({ entity: 'institution', entityId: id, fields: { name: 'GI West' }, replicaId: study.replicaId });
    expect(record!.authorId).toBe(study.currentInspectorId);
    expect(inspectors.map((inspector) => inspector.id)).toContain(record!.authorId);
    expect(changesOf(study.db, 'institution', id)).toEqual([record]);
    study.close();
  });

  it('writes nothing at all when a change in the action fails (table and log are one transaction)', () => {
    const study = newTestStudy(dir);
    const logged = count(study, 'SELECT count(*) AS n FROM change_log');
    const institutions = study.institutions().length;
    expect(() =>
      study.write([
        { entity: 'institution', entityId: randomUUID(), fields: { name: 'Halverwege' } },
        { entity: 'institution', entityId: randomUUID(), fields: { bestaatNiet: 'x' } },
      ]),
    ).toThrow(/Onbekend veld/);
    expect(count(study, 'SELECT count(*) AS n FROM change_log')).toBe(logged);
    expect(study.institutions()).toHaveLength(institutions);
    study.close();
  });

  it('keeps a delete as a tombstone: the row stays, marked deleted, and the delete is logged', () => {
    const study = newTestStudy(dir);
    const [institution] = study.institutions();
    study.write([{ entity: 'institution', entityId: institution!.id, fields: { deleted: 1 } }]);
    expect(study.institutions().map((i) => i.id)).not.toContain(institution!.id);
    expect(count(study, `SELECT count(*) AS n FROM institution WHERE id = '${institution!.id}'`)).toBe(1);
    expect(changesOf(study.db, 'institution', institution!.id).at(-1)!.fields).toEqual({ deleted: 1 });
    study.close();
  });

  it('applies a change id only once, and an older clock never overwrites a newer field', () => {
    const study = newTestStudy(dir);
    const [institution] = study.institutions();
    const [newer] = study.write([{ entity: 'institution', entityId: institution!.id, fields: { name: 'Nieuwste naam' } }]);
    const older: ChangeRecord = { ...newer!, changeId: randomUUID(), hlc: '000000000000001-000000-zzz', fields: { name: 'Oude naam' } };
    study.db.transaction(() => {
      expect(applyChange(study.db, older)).toBe(true);
      expect(applyChange(study.db, newer!)).toBe(false);
    })();
    expect(study.institutions().find((i) => i.id === institution!.id)!.name).toBe('Nieuwste naam');
    study.close();
  });

  it('keeps the clock monotonic across restarts even when the wall clock goes back', () => {
    const study = newTestStudy(dir);
    const path = study.path;
    const [before] = study.write([{ entity: 'study', entityId: study.id, fields: { name: 'Eerst' } }]);
    study.close();
    const reopened = Study.open(path);
    const skewed = new ChangeWriter(reopened.db, reopened.replicaId, () => 0);
    const [after] = skewed.write(null, [{ entity: 'study', entityId: reopened.id, fields: { name: 'Daarna' } }]);
    expect(after!.hlc > before!.hlc).toBe(true);
    expect(reopened.info().name).toBe('Daarna');
    reopened.close();
  });

  it('records which earlier value each field change replaced', () => {
    const study = newTestStudy(dir);
    const id = randomUUID();
    const [created] = study.write([{ entity: 'institution', entityId: id, fields: { name: 'Eerst' } }]);
    const [renamed] = study.write([{ entity: 'institution', entityId: id, fields: { name: 'Daarna' } }]);
    const [resolved] = study.write([{ entity: 'institution', entityId: id, fields: { name: 'Gekozen' }, supersedes: { name: ['000000000000001-000000-elders'] } }]);
    expect(created!.bases).toEqual({ name: [] });
    expect(renamed!.bases).toEqual({ name: [created!.hlc] });
    expect(resolved!.bases).toEqual({ name: [renamed!.hlc, '000000000000001-000000-elders'] });
    expect(changesOf(study.db, 'institution', id).map((change) => change.bases)).toEqual([created!.bases, renamed!.bases, resolved!.bases]);
    study.close();
  });

  it('survives a reopen: committed changes are on disk', () => {
    const study = newTestStudy(dir);
    const id = randomUUID();
    study.write([{ entity: 'institution', entityId: id, fields: { name: 'Blijvend' } }]);
    const path = study.path;
    study.close();
    const reopened = Study.open(path);
    expect(reopened.institutions().map((i) => i.name)).toContain('Blijvend');
    reopened.close();
  });
});
