/**
 * Nothing coded disappears without a word: a merge that deletes a code coded
 * in another copy leaves that coding out of the evidence, and the evidence
 * view and the retrieval list say so (evidence.leftOut), for the whole study
 * and for the code's norm, under the evidence filter; until the lead decides
 * under Team › Conflicten. A coding on a deleted source is counted as well.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCodings } from '../../backend/coding/codings';
import { evidenceSegments } from '../../backend/evidence/evidence';
import { leftOutCodings } from '../../backend/evidence/left-out';
import { createCode, deleteCode } from '../../backend/framework/framework';
import { listConflicts, resolveConflict } from '../../backend/merge/conflicts';
import { createStudy } from '../../backend/study/setup';
import type { Study } from '../../backend/study/study';
import { addTextSource, codeId } from '../helpers/sources';
import { tempDir } from '../helpers/temp-study';
import { copyFor, makeBundle, mergeInto, TEAM_SETUP } from '../property/merge-kit';

const dir = tempDir('veldwerk-left-out-');
let base: Study;
let sourceId: string;

beforeAll(async () => {
  base = createStudy(join(dir, 'basis.veldwerk'), TEAM_SETUP);
  sourceId = await addTextSource(base, dir, 'Ouder: we staan al maanden op de wachtlijst en niemand belt ons terug.');
});

describe('coderingen die wegvallen na samenvoegen', () => {
  it('telt een codering op een elders verwijderde code, ook bij haar norm, tot de leider beslist', async () => {
    const [a, b, lead] = ['AA', 'BB', 'LL'].map((who) => copyFor(base, dir, who, `${who}-code`, { fast: true }));
    const wachtlijst = createCode(a!, { parentId: codeId(a!, 'hulp'), kind: 'norm', name: 'Wachtlijst', definition: '', color: '#999999' });
    await mergeInto(b!, await makeBundle(a!));
    const coding = createCodings(b!, [{ sourceId, codeId: wachtlijst.id, start: 7, end: 30, valence: 'negatief', note: '', quotable: false }], 'Coderen')[0]!;
    createCodings(b!, [{ sourceId, codeId: codeId(b!, 'hulp'), start: 35, end: 60, valence: 'negatief', note: '', quotable: false }], 'Coderen');
    expect(leftOutCodings(b!, {})).toEqual({ codeDeleted: 0, sourceDeleted: 0, byCode: {} });
    deleteCode(a!, wachtlijst.id);
    await mergeInto(lead!, await makeBundle(a!));
    await mergeInto(lead!, await makeBundle(b!));

    // The evidence shows the coding on the live norm, not the one on the deleted sub-code ...
    const hulp = codeId(lead!, 'hulp');
    expect(evidenceSegments(lead!, hulp, null, {}).map((segment) => segment.start)).toEqual([35]);
    // ... and says so, for the study and for the norm the sub-code hung under.
    const leftOut = leftOutCodings(lead!, {});
    expect(leftOut.codeDeleted).toBe(1);
    expect(leftOut.sourceDeleted).toBe(0);
    expect(leftOut.byCode[hulp]).toBe(1);
    expect(leftOut.byCode[wachtlijst.id]).toBe(1);
    expect(leftOut.byCode[codeId(lead!, 'contact')]).toBeUndefined();
    // Under the filters like the evidence: a positive-only view leaves nothing out.
    expect(leftOutCodings(lead!, { valence: 'positief' }).codeDeleted).toBe(0);
    expect(leftOutCodings(lead!, { valence: 'negatief' }).codeDeleted).toBe(1);

    const conflict = listConflicts(lead!).find((candidate) => candidate.kind === 'structure' && candidate.entityId === coding.id)!;
    expect(conflict).toBeDefined();
    resolveConflict(lead!, conflict.id, 'local');
    expect(leftOutCodings(lead!, {}).codeDeleted).toBe(0);
    expect(evidenceSegments(lead!, hulp, null, {}).map((segment) => segment.start).sort((x, y) => x - y)).toEqual([7, 35]);
    for (const study of [a, b, lead]) study!.close();
  });

  it('telt een codering in een verwijderde bron bij de bron', async () => {
    const study = copyFor(base, dir, 'LL', 'LL-bron', { fast: true });
    createCodings(study, [{ sourceId, codeId: codeId(study, 'contact'), start: 7, end: 30, valence: 'neutraal', note: '', quotable: false }], 'Coderen');
    // What a merged tombstone leaves (the app itself has no way to delete a coded source).
    study.write([{ entity: 'source', entityId: sourceId, fields: { deleted: 1 } }]);
    const leftOut = leftOutCodings(study, {});
    expect(leftOut).toMatchObject({ codeDeleted: 0, sourceDeleted: 1 });
    expect(leftOut.byCode[codeId(study, 'contact')]).toBe(1);
    study.close();
  });
});
