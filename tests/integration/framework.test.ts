import { describe, expect, it } from 'vitest';
import { createCode, deleteCode, listCodes, moveCode, updateCode } from '../../backend/framework/framework';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir();

describe('framework (toetsingskader)', () => {
  it('starts with the five norms and the context codes under stable keys, in order', () => {
    const study = newTestStudy(dir);
    const topLevel = listCodes(study).filter((code) => code.parentId === null);
    expect(topLevel.map((code) => code.key)).toEqual(['contact', 'veiligheid', 'participatie', 'hulp', 'bestuur', 'gevolgen', 'oorzaken', 'goed-voorbeeld']);
    expect(topLevel.filter((code) => code.kind === 'norm')).toHaveLength(5);
    const contact = topLevel[0]!;
    expect(contact.name).toBe('Betekenisvol contact');
    expect(listCodes(study).filter((code) => code.parentId === contact.id).length).toBeGreaterThan(0);
    study.close();
  });

  it('adds, renames, recolours, reorders and nests codes; keys survive renames', () => {
    const study = newTestStudy(dir);
    const hulp = listCodes(study).find((code) => code.key === 'hulp')!;
    const created = createCode(study, { parentId: hulp.id, kind: 'subcode', name: 'Crisisopvang', definition: '', color: '#123456' });
    expect(created.key).toBe('hulp.crisisopvang');
    const renamed = updateCode(study, created.id, { name: 'Crisisplaatsing', color: '#abcdef' });
    expect(renamed).toMatchObject({ key: 'hulp.crisisopvang', name: 'Crisisplaatsing', color: '#abcdef' });

    moveCode(study, created.id, hulp.id, 0);
    expect(listCodes(study).filter((code) => code.parentId === hulp.id)[0]!.id).toBe(created.id);

    const bestuur = listCodes(study).find((code) => code.key === 'bestuur')!;
    moveCode(study, created.id, bestuur.id, 99);
    const underBestuur = listCodes(study).filter((code) => code.parentId === bestuur.id);
    expect(underBestuur.at(-1)!.id).toBe(created.id);

    moveCode(study, bestuur.id, null, 0);
    expect(listCodes(study)[0]!.key).toBe('bestuur');
    study.close();
  });

  it('refuses to nest a code under its own descendant', () => {
    const study = newTestStudy(dir);
    const contact = listCodes(study).find((code) => code.key === 'contact')!;
    const child = listCodes(study).find((code) => code.parentId === contact.id)!;
    expect(() => moveCode(study, contact.id, child.id, 0)).toThrow(/onder zichzelf/);
    study.close();
  });

  it('deletes a code with its sub-codes as tombstones', () => {
    const study = newTestStudy(dir);
    const contact = listCodes(study).find((code) => code.key === 'contact')!;
    const before = listCodes(study).length;
    const childCount = listCodes(study).filter((code) => code.parentId === contact.id).length;
    deleteCode(study, contact.id);
    expect(listCodes(study)).toHaveLength(before - 1 - childCount);
    expect((study.db.prepare('SELECT count(*) AS n FROM code WHERE deleted = 1').get() as { n: number }).n).toBe(1 + childCount);
    study.close();
  });
});
