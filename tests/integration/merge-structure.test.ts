/**
 * Merges keep the domain whole (backend/merge/structure.ts, tree-repair.ts):
 * the cases of the accountability issue, each read in both orders.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCodings } from '../../backend/coding/codings';
import { evidenceMatrix } from '../../backend/evidence/evidence';
import { createCode, deleteCode, listCodes, moveCode } from '../../backend/framework/framework';
import { listConflicts, resolveConflict } from '../../backend/merge/conflicts';
import { reportModel } from '../../backend/reports/generate';
import { createStudy } from '../../backend/study/setup';
import type { Study } from '../../backend/study/study';
import { addTextSource, codeId } from '../helpers/sources';
import { tempDir } from '../helpers/temp-study';
import { copyFor, dumpShared, makeBundle, mergeInto, TEAM_SETUP } from '../property/merge-kit';

const dir = tempDir('veldwerk-structure-');
let base: Study;
let sourceId: string;
let counter = 0;

beforeAll(async () => {
  base = createStudy(join(dir, 'basis.veldwerk'), TEAM_SETUP);
  sourceId = await addTextSource(base, dir, 'Ouder: de jeugdbeschermer kwam pas na drie weken langs en sprak alleen met mij.');
});

function team(...initials: string[]): Study[] {
  counter++;
  return initials.map((who) => copyFor(base, dir, who, `s${counter}-${who}`, { fast: true }));
}

const code = (study: Study, key: string, start = 0) =>
  createCodings(study, [{ sourceId, codeId: codeId(study, key), start, end: start + 10, valence: 'negatief', note: '', quotable: true }], 'Coderen')[0]!;

const structureConflicts = (study: Study) => listConflicts(study).filter((conflict) => conflict.kind === 'structure');
const codingsCounted = (study: Study) =>
  evidenceMatrix(study, {})
    .cells.filter((cell) => listCodes(study).find((c) => c.id === cell.codeId)?.parentId === null)
    .reduce((sum, cell) => sum + cell.total, 0);

/** Two bundles read by a third copy in both orders and by the senders crosswise: the framework shown is the same everywhere. */
async function crossMerge(a: Study, b: Study, lead: Study, otherLead: Study) {
  const fromA = await makeBundle(a);
  const fromB = await makeBundle(b);
  await mergeInto(lead, fromA);
  await mergeInto(lead, fromB);
  await mergeInto(otherLead, fromB);
  await mergeInto(otherLead, fromA);
  await mergeInto(a, fromB);
  await mergeInto(b, fromA);
  const shown = listCodes(lead);
  for (const copy of [a, b, otherLead]) {
    expect(dumpShared(copy.db)).toEqual(dumpShared(lead.db));
    expect(listCodes(copy)).toEqual(shown);
  }
  return shown;
}

describe('merges keep the framework a tree and every coding in view', () => {
  it('two norms moved under each other: no cycle, nothing lost, the later move yields, a conflict to decide', async () => {
    const [a, b, lead, otherLead] = team('AA', 'BB', 'LL', 'CC');
    code(a!, 'contact.start');
    code(b!, 'veiligheid', 20);
    moveCode(a!, codeId(a!, 'contact'), codeId(a!, 'veiligheid'), 0);
    await new Promise((resolve) => setTimeout(resolve, 3));
    moveCode(b!, codeId(b!, 'veiligheid'), codeId(b!, 'contact'), 0);

    const shown = await crossMerge(a!, b!, lead!, otherLead!);
    const live = lead!.db.prepare('SELECT count(*) FROM code WHERE deleted = 0').pluck().get();
    expect(shown).toHaveLength(live as number);
    // The later move (veiligheid under contact) yields: veiligheid is at the top, contact under it.
    const byKey = new Map(shown.map((c) => [c.key, c]));
    expect(byKey.get('veiligheid')!.parentId).toBeNull();
    expect(byKey.get('contact')!.parentId).toBe(byKey.get('veiligheid')!.id);
    expect(codingsCounted(lead!)).toBe(2);

    const [conflict] = structureConflicts(lead!);
    expect(conflict?.label).toMatch(/Code Zicht op veiligheid.*kring/);
    expect(String(conflict!.remote.value)).toMatch(/bovenaan/);
    expect(String(conflict!.local.value)).toBe('De code onder "Betekenisvol contact" houden; dan komt "Betekenisvol contact" bovenaan');
    resolveConflict(lead!, conflict!.id, 'local');
    // Kept under contact: the loop now breaks at contact, which goes to the top.
    const after = new Map(listCodes(lead!).map((c) => [c.key, c]));
    expect(after.get('contact')!.parentId).toBeNull();
    expect(after.get('veiligheid')!.parentId).toBe(after.get('contact')!.id);
    expect(structureConflicts(lead!)).toHaveLength(0);
    // The resolution travels: the other copy's conflict settles.
    await mergeInto(otherLead!, await makeBundle(lead!));
    expect(structureConflicts(otherLead!)).toHaveLength(0);
    expect(listCodes(otherLead!)).toEqual(listCodes(lead!));
  });

  it('a sub-code added under a norm deleted elsewhere is shown under the nearest live code; restoring the norm is offered', async () => {
    const [a, b, lead, otherLead] = team('AA', 'BB', 'LL', 'CC');
    const norm = codeId(a!, 'bestuur');
    const child = createCode(a!, { parentId: norm, kind: 'norm', name: 'Monitorlijst', definition: '', color: '#888888' });
    code(a!, 'bestuur', 5);
    // On B the norm is unused, so deleting it is allowed there.
    deleteCode(b!, norm);

    const shown = await crossMerge(a!, b!, lead!, otherLead!);
    expect(shown.find((c) => c.id === child.id)?.parentId).toBeNull();
    const conflicts = structureConflicts(lead!);
    expect(conflicts.map((c) => c.entity).sort()).toEqual(['code', 'coding']);
    const orphan = conflicts.find((c) => c.entityId === child.id)!;
    expect(orphan.label).toMatch(/verwijderde code/);
    resolveConflict(lead!, orphan.id, 'local');
    expect(listCodes(lead!).find((c) => c.id === child.id)?.parentId).toBe(norm);
    // Restoring the norm settles the coding on it too, here at once and elsewhere with the next bundle.
    expect(structureConflicts(lead!)).toHaveLength(0);
    await mergeInto(otherLead!, await makeBundle(lead!));
    expect(structureConflicts(otherLead!)).toHaveLength(0);
  });

  it('a coding made with a code deleted elsewhere stays listed until someone decides; deleting it is one choice', async () => {
    const [a, b, lead] = team('AA', 'BB', 'LL');
    const wachtlijst = createCode(a!, { parentId: codeId(a!, 'hulp'), kind: 'norm', name: 'Wachtlijst', definition: '', color: '#999999' });
    await mergeInto(b!, await makeBundle(a!));
    const coding = createCodings(b!, [{ sourceId, codeId: wachtlijst.id, start: 3, end: 9, valence: 'negatief', note: '', quotable: false }], 'Coderen')[0]!;
    deleteCode(a!, wachtlijst.id);
    const outcome = await mergeInto(lead!, await makeBundle(a!));
    const outcome2 = await mergeInto(lead!, await makeBundle(b!));
    expect([...outcome.warnings, ...outcome2.warnings].join(' ')).toMatch(/Niets is weggelaten/);
    const [conflict] = structureConflicts(lead!).filter((c) => c.entityId === coding.id);
    expect(conflict?.label).toMatch(/code is verwijderd/);
    expect(reportModel(lead!, { overall: true }).warnings.join(' ')).toMatch(/1 codering telt niet mee: de code ervan is verwijderd/);
    resolveConflict(lead!, conflict!.id, 'remote');
    expect(lead!.db.prepare('SELECT deleted FROM coding WHERE id = ?').pluck().get(coding.id)).toBe(1);
    expect(structureConflicts(lead!)).toHaveLength(0);
  });
});
