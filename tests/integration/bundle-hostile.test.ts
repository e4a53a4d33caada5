/**
 * A team member with the right passphrase turns hostile: they edit a real
 * bundle of their own copy (their own signing key), seal it with the same age
 * encryption, and hand it to the lead. Every such bundle is refused whole,
 * with a Dutch message, and the lead's study stays byte for byte the same.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCodings } from '../../backend/coding/codings';
import { UserError } from '../../backend/errors';
import { saveMemo } from '../../backend/memos/memos';
import { isLead, readRecords, revokeInspectorKeys } from '../../backend/merge/signing';
import { createStudy, findInspectorByInitials } from '../../backend/study/setup';
import type { Study } from '../../backend/study/study';
import { forgedChange, openedBundle, reseal, signedBy, withChanges } from '../helpers/hostile-bundle';
import { addTextSource, codeId } from '../helpers/sources';
import { tempDir } from '../helpers/temp-study';
import { copyFor, dumpAll, makeBundle, mergeInto, TEAM_SETUP } from '../property/merge-kit';

const dir = tempDir('veldwerk-hostile-');
let lead: Study;
let anna: Study;
let bram: Study;
let sourceId: string;
let annaId: string;
let bramId: string;

beforeAll(async () => {
  lead = createStudy(join(dir, 'ronde.veldwerk'), TEAM_SETUP);
  sourceId = await addTextSource(lead, dir, 'Jeugdige: mijn jeugdbeschermer belt altijd af. Het plan van aanpak heb ik nooit gezien.');
  anna = copyFor(lead, dir, 'AA', 'anna', { fast: true });
  bram = copyFor(lead, dir, 'BB', 'bram', { fast: true });
  annaId = findInspectorByInitials(lead, 'AA')!.id;
  bramId = findInspectorByInitials(lead, 'BB')!.id;
  saveMemo(bram, 'source', sourceId, 'Bram: navragen bij de gedragswetenschapper.');
  await mergeInto(lead, await makeBundle(bram));
});

/** The bundle is refused with `message`, and the lead's study is exactly as before. */
async function refusedWhole(bytes: Uint8Array, message: RegExp): Promise<void> {
  const before = dumpAll(lead.db);
  const error = await mergeInto(lead, bytes).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message).toMatch(/Er is niets veranderd\.$/);
  expect(dumpAll(lead.db)).toBe(before);
}

const coding = (codeKey: string, source = sourceId, coder = annaId) => ({
  sourceId: source,
  codeId: codeId(lead, codeKey),
  start: 0,
  end: 9,
  valence: 'negatief',
  note: '',
  quotable: 0,
  coderId: coder,
  createdAt: new Date().toISOString(),
});

describe('a bundle is checked whole: references and the program’s own rules', () => {
  it('accepts what the program itself could have made (a code and a coding with it, in one bundle)', async () => {
    const bundle = await openedBundle(anna, lead);
    const codeIdNew = randomUUID();
    const newCode = forgedChange(anna, 'code', codeIdNew, { key: 'hulp.wachttijd', parentId: codeId(lead, 'hulp'), kind: 'norm', name: 'Wachttijd', definition: '', color: '#aa5500', sortOrder: 9 }, annaId);
    const newCoding = forgedChange(anna, 'coding', randomUUID(), { ...coding('hulp'), codeId: codeIdNew }, annaId);
    const outcome = await mergeInto(lead, await reseal(withChanges(bundle, anna, [newCode, newCoding])));
    expect(outcome.applied).toBeGreaterThanOrEqual(2);
  });

  it('refuses a coding on a source neither the study nor the bundle has', async () => {
    const bundle = await openedBundle(anna, lead);
    const ghost = forgedChange(anna, 'coding', randomUUID(), coding('contact', randomUUID()), annaId);
    await refusedWhole(await reseal(withChanges(bundle, anna, [ghost])), /codering verwijst naar een bron die in dit onderzoek en in de bundel ontbreekt/);
  });

  it('refuses a coding on a code, and a source of an institution, that do not exist', async () => {
    const bundle = await openedBundle(anna, lead);
    const noCode = forgedChange(anna, 'coding', randomUUID(), { ...coding('contact'), codeId: randomUUID() }, annaId);
    await refusedWhole(await reseal(withChanges(bundle, anna, [noCode])), /verwijst naar een code die/);
    const noInstitution = forgedChange(anna, 'source', sourceId, { institutionId: randomUUID() }, annaId);
    await refusedWhole(await reseal(withChanges(bundle, anna, [noInstitution])), /bron verwijst naar een instelling die/);
  });

  it('refuses renaming another inspector, deleting a source, and editing another inspector’s memo', async () => {
    const bundle = await openedBundle(anna, lead);
    const rename = forgedChange(anna, 'inspector', bramId, { name: 'Bram de Verrader' }, annaId);
    await refusedWhole(await reseal(withChanges(bundle, anna, [rename])), /wijzigt name van een bestaande inspecteur/);
    const tombstone = forgedChange(anna, 'source', sourceId, { deleted: 1 }, annaId);
    await refusedWhole(await reseal(withChanges(bundle, anna, [tombstone])), /verwijdert een bron/);
    const memoId = lead.db.prepare('SELECT id FROM memo WHERE author_id = ?').pluck().get(bramId) as string;
    const memo = forgedChange(anna, 'memo', memoId, { text: 'Niets aan de hand.' }, annaId);
    await refusedWhole(await reseal(withChanges(bundle, anna, [memo])), /memo van een andere inspecteur/);
    const swap = forgedChange(anna, 'source', sourceId, { contentId: 'a'.repeat(64) }, annaId);
    await refusedWhole(await reseal(withChanges(bundle, anna, [swap])), /wijzigt contentId van een bestaande bron|verwijst naar een brontekst/);
  });
});

describe('signed authorship', () => {
  it('refuses a change authored as another inspector (signed with the sender’s own key)', async () => {
    const bundle = await openedBundle(anna, lead);
    const asBram = forgedChange(anna, 'coding', randomUUID(), coding('contact', sourceId, bramId), bramId);
    await refusedWhole(await reseal(withChanges(bundle, anna, [asBram])), /op naam van een ander dan Anna Aarts \(AA\)/);
  });

  it('refuses a change that claims another copy’s key, a tampered change and an unsigned one', async () => {
    createCodings(anna, [{ sourceId, codeId: codeId(anna, 'veiligheid'), start: 10, end: 30, valence: 'negatief', note: 'eigen', quotable: false }], 'Coderen');
    const bundle = await openedBundle(anna, lead);
    const real = bundle.changes.find((change) => change.entity === 'coding')!;

    const bramKey = readRecords(lead.db, 'WHERE inspector_id = ?', bramId)[0]!;
    const asBram = forgedChange(anna, 'coding', randomUUID(), coding('contact', sourceId, bramId), bramId);
    const claimed = { keyId: bramKey.keyId, signature: signedBy(anna, asBram).signature };
    await refusedWhole(await reseal(withChanges(bundle, anna, [[asBram, claimed]])), /sleutel van een andere kopie|handtekening/);

    const tampered = { ...bundle, changes: bundle.changes.map((change) => (change === real ? { ...change, fields: { ...change.fields, note: 'vervalst' } } : change)) };
    await refusedWhole(await reseal(tampered), /handtekening van een wijziging klopt niet/);

    const unsigned = forgedChange(anna, 'coding', randomUUID(), coding('participatie'), annaId);
    await refusedWhole(await reseal(withChanges(bundle, anna, [[unsigned, null]])), /niet ondertekend/);
  });

  it('refuses a key registration the lead did not sign', async () => {
    const bundle = await openedBundle(anna, lead);
    const annaRecord = bundle.keys.find((record) => record.inspectorId === annaId)!;
    const forgedRecord = { ...annaRecord, inspectorId: bramId, keyId: '0'.repeat(32) };
    await refusedWhole(await reseal({ ...bundle, keys: [...bundle.keys, forgedRecord] }), /niet door de teamleider geregistreerd/);
    const otherLead = { ...annaRecord, role: 'lead' as const };
    await refusedWhole(await reseal({ ...bundle, keys: [...bundle.keys, otherLead] }), /andere teamleider/);
  });

  it('takes registrations made after a copy from a bundle: Bram reads Anna’s bundle directly', async () => {
    const carol = copyFor(lead, dir, 'CC', 'carol', { fast: true });
    createCodings(carol, [{ sourceId, codeId: codeId(carol, 'hulp'), start: 0, end: 5, valence: 'positief', note: '', quotable: false }], 'Coderen');
    // Bram's copy is older than Carol's key; the register in Carol's bundle is signed by the lead.
    const outcome = await mergeInto(bram, await makeBundle(carol));
    expect(outcome.applied).toBeGreaterThan(0);
    expect(isLead(bram)).toBe(false);
    expect(isLead(lead)).toBe(true);
  });

  it('refuses every unread change of a revoked key (a lost laptop), also when passed on by someone else', async () => {
    createCodings(anna, [{ sourceId, codeId: codeId(anna, 'bestuur'), start: 2, end: 12, valence: 'neutraal', note: '', quotable: false }], 'Coderen');
    const annaBundle = await makeBundle(anna);
    await mergeInto(bram, annaBundle);
    expect(revokeInspectorKeys(lead, annaId)).toBe(1);
    await refusedWhole(annaBundle, /ingetrokken sleutel van Anna Aarts \(AA\)/);
    await refusedWhole(await makeBundle(bram, { all: true }), /ingetrokken sleutel van Anna Aarts/);
    // The revocation travels with the lead's next bundle, which still passes on what the lead accepted from Anna before.
    await mergeInto(bram, await makeBundle(lead));
    createCodings(anna, [{ sourceId, codeId: codeId(anna, 'bestuur'), start: 20, end: 30, valence: 'neutraal', note: '', quotable: false }], 'Coderen');
    await expect(mergeInto(bram, await makeBundle(anna))).rejects.toThrow(/ingetrokken sleutel/);
    expect(() => revokeInspectorKeys(anna, bramId)).toThrow(/Alleen de teamleider/);
  });
});

describe('who makes copies', () => {
  it('only the lead makes a copy for an inspector: a copy cannot register keys', () => {
    expect(() => copyFor(anna, dir, 'BB', 'bram-van-anna')).toThrow(/Dit is zelf een kopie/);
  });
});
