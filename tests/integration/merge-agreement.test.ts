/**
 * Intercoder agreement on a real study, the figures worked out by hand.
 *
 * Source 1, 100 characters. Anna codes sub-code contact.start on 0–40, Bram
 * codes the norm contact on 20–60. Source 2, 50 characters. Anna codes
 * veiligheid 0–10; Bram codes veiligheid 0–9 and participatie 20–30.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { adoptSolution, computeAgreement } from '../../backend/agreement/agreement';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { createCodings } from '../../backend/coding/codings';
import { createStudy, findInspectorByInitials } from '../../backend/study/setup';
import { Study } from '../../backend/study/study';
import { undo } from '../../backend/undo/undo';
import type { AgreementReport, CodeAgreement } from '../../shared/api/types';
import { addTextSource, codeId } from '../helpers/sources';
import { tempDir } from '../helpers/temp-study';
import { TEAM_SETUP } from '../property/merge-kit';

const dir = tempDir('veldwerk-agreement-');
const TEXT_100 = 'De jeugdzorgwerker kwam na drie weken voor het eerst langs. Moeder vond dat te laat en zei dat ook.!';
const TEXT_50 = 'Veiligheid: het veiligheidsplan is niet besproken.';

describe('intercoder agreement', () => {
  let study: Study;
  let anna: string;
  let bram: string;
  let source1: string;
  let source2: string;

  const code = (report: AgreementReport, key: string): CodeAgreement => report.pairs[0]!.codes.find((candidate) => candidate.codeKey === key)!;
  const codeAs = (coder: string, sourceId: string, key: string, start: number, end: number) => {
    study.actAs(coder);
    return createCodings(study, [{ sourceId, codeId: codeId(study, key), start, end, valence: 'negatief', note: '', quotable: false }], 'Coderen')[0]!;
  };

  beforeAll(async () => {
    expect(TEXT_100).toHaveLength(100);
    expect(TEXT_50).toHaveLength(50);
    study = createStudy(join(dir, 'overeenstemming.veldwerk'), TEAM_SETUP);
    anna = findInspectorByInitials(study, 'AA')!.id;
    bram = findInspectorByInitials(study, 'BB')!.id;
    source1 = await addTextSource(study, dir, TEXT_100);
    source2 = await addTextSource(study, dir, TEXT_50);
    await addTextSource(study, dir, 'Een bron die alleen Anna codeert telt niet mee.');
    codeAs(anna, source1, 'contact.start', 0, 40);
    codeAs(bram, source1, 'contact', 20, 60);
    codeAs(anna, source2, 'veiligheid', 0, 10);
    codeAs(bram, source2, 'veiligheid', 0, 9);
    codeAs(bram, source2, 'participatie', 20, 30);
  });

  it('reports per code and pair, per source and pooled, as computed by hand', () => {
    const report = computeAgreement(study);
    expect(report.threshold).toBe(0.9);
    expect(report.coders.map((coder) => coder.initials)).toEqual(['AA', 'BB']);
    expect(report.sources.map((source) => source.sourceId).sort()).toEqual([source1, source2].sort());
    expect(report.pairs).toHaveLength(1);
    expect(report.pairs[0]).toMatchObject({ coderA: anna, coderB: bram });

    // Norm contact with its sub-codes rolled up. Source 1: A 0–40, B 20–60 of 100:
    // both 20, onlyA 20, onlyB 20, neither 40; po 0.6, pe 0.52, kappa 1/6.
    const contact = code(report, 'contact');
    expect(contact.rolledUp).toBe(true);
    expect(contact.perSource).toHaveLength(1);
    expect(contact.perSource[0]!.characters).toMatchObject({ characters: 100, both: 20, onlyA: 20, onlyB: 20, neither: 40 });
    expect(contact.perSource[0]!.characters.kappa).toBeCloseTo(1 / 6, 10);
    // Pooled with source 2 (50 characters, neither coded contact): N 150, both 20, onlyA 20,
    // onlyB 20, neither 90. po = 110/150 = 11/15; pA = pB = 40/150 = 4/15;
    // pe = 16/225 + 121/225 = 137/225; kappa = (165 − 137) / (225 − 137) = 28/88 = 7/22.
    expect(contact.pooled.characters).toMatchObject({ characters: 150, both: 20, onlyA: 20, onlyB: 20, neither: 90 });
    expect(contact.pooled.characters.percentAgreement).toBeCloseTo((11 / 15) * 100, 10);
    expect(contact.pooled.characters.kappa).toBeCloseTo(7 / 22, 10);
    // Segments: A's is on contact.start, B's on contact: not the same code, so neither matches.
    expect(contact.pooled.segments).toEqual({ a: { matched: 0, total: 1 }, b: { matched: 0, total: 1 }, percentMatched: 0 });

    // Sub-code contact.start alone. Source 1: A 0–40, B nothing: po 0.6, pA 0.4, pB 0,
    // pe = 0·0.4 + 1·0.6 = 0.6, kappa = 0. Pooled likewise 0.
    const start = code(report, 'contact.start');
    expect(start.rolledUp).toBe(false);
    expect(start.perSource[0]!.characters.kappa).toBeCloseTo(0, 10);
    expect(start.pooled.characters.kappa).toBeCloseTo(0, 10);

    // veiligheid, source 2 (50): A 0–10, B 0–9: both 9, onlyA 1, onlyB 0, neither 40.
    // po = 49/50; pA = 10/50, pB = 9/50; pe = 0.2·0.18 + 0.8·0.82 = 0.692;
    // kappa = (0.98 − 0.692) / 0.308 = 72/77.
    const safety = code(report, 'veiligheid');
    expect(safety.perSource).toHaveLength(1);
    expect(safety.perSource[0]!.characters).toMatchObject({ both: 9, onlyA: 1, onlyB: 0, neither: 40 });
    expect(safety.perSource[0]!.characters.kappa).toBeCloseTo(72 / 77, 10);
    // Pooled with source 1 (100 characters, neither): N 150, both 9, onlyA 1, neither 140.
    // po = 149/150 = 745/750; pA = 10/150, pB = 9/150; pe = (10·9 + 140·141) / 150² = 19830/22500 = 661/750;
    // kappa = (745 − 661) / (750 − 661) = 84/89.
    expect(safety.pooled.characters.kappa).toBeCloseTo(84 / 89, 10);
    // Segments: 0–10 vs 0–9 overlap 9/10 = 90%: matched at the default threshold.
    expect(safety.pooled.segments).toEqual({ a: { matched: 1, total: 1 }, b: { matched: 1, total: 1 }, percentMatched: 100 });

    // participatie, source 2: only B, 20–30: po 0.8, pA 0, pB 0.2, pe 0.8, kappa 0.
    expect(code(report, 'participatie').perSource[0]!.characters.kappa).toBeCloseTo(0, 10);
    expect(code(report, 'participatie').pooled.segments).toEqual({ a: { matched: 0, total: 0 }, b: { matched: 0, total: 1 }, percentMatched: 0 });

    // Disagreements: A's contact.start (alone), B's contact (alone), B's participatie (alone).
    const described = report.disagreements.map((d) => `${d.codeName}:${d.a ? 'A' : '-'}${d.b ? 'B' : '-'}`).sort();
    expect(described).toEqual(['Betekenisvol contact:-B', 'Eerste contact binnen 5 dagen:A-', 'Participatie jeugdige en ouders:-B']);
    const alone = report.disagreements.find((d) => d.a && !d.b)!;
    expect(alone.a!.text).toBe(TEXT_100.slice(0, 40));
  });

  it('pairs partly overlapping segments side by side at a stricter threshold', () => {
    const report = computeAgreement(study, 0.95);
    const safety = report.disagreements.find((d) => d.a && d.b)!;
    expect(safety.a).toMatchObject({ start: 0, end: 10, text: TEXT_50.slice(0, 10) });
    expect(safety.b).toMatchObject({ start: 0, end: 9, text: TEXT_50.slice(0, 9) });
    expect(safety.overlap).toBeCloseTo(0.9, 10);
    expect(code(report, 'veiligheid').pooled.segments.percentMatched).toBe(0);
  });

  it('resolves disagreements by adopting one coder’s solution, as undoable actions', () => {
    const lead = findInspectorByInitials(study, 'LL')!.id;
    study.actAs(lead);
    // Partial overlap (threshold 95%): adopt Anna's span for Bram's coding.
    const partial = computeAgreement(study, 0.95).disagreements.find((d) => d.a && d.b)!;
    expect(adoptSolution(study, partial, anna)).toMatchObject({ action: 'aligned', codingId: partial.b!.codingId });
    expect(code(computeAgreement(study, 0.95), 'veiligheid').pooled.characters.kappa).toBeCloseTo(1, 10);
    const changeAuthor = study.db.prepare('SELECT author_id FROM change_log ORDER BY seq DESC LIMIT 1').pluck().get();
    expect(changeAuthor).toBe(lead);

    // Only Anna coded contact.start: adopting Anna adds it for Bram.
    const onlyAnna = computeAgreement(study).disagreements.find((d) => d.a && !d.b)!;
    const added = adoptSolution(study, onlyAnna, anna);
    expect(added.action).toBe('added');
    const row = study.db.prepare('SELECT coder_id, code_id, start, end FROM coding WHERE id = ?').get(added.codingId);
    expect(row).toEqual({ coder_id: bram, code_id: codeId(study, 'contact.start'), start: 0, end: 40 });
    expect(code(computeAgreement(study), 'contact.start').pooled.characters.kappa).toBeCloseTo(1, 10);

    // Only Bram coded participatie: adopting Anna (who did not) removes Bram's.
    const onlyBram = computeAgreement(study).disagreements.find((d) => d.codeName.startsWith('Participatie'))!;
    expect(adoptSolution(study, onlyBram, anna).action).toBe('removed');
    expect(computeAgreement(study).disagreements.some((d) => d.codeName.startsWith('Participatie'))).toBe(false);

    // Each is one undoable action.
    undo(study);
    expect(computeAgreement(study).disagreements.some((d) => d.codeName.startsWith('Participatie'))).toBe(true);
    expect(() => adoptSolution(study, onlyBram, 'niet-een-van-beiden')).toThrow('Kies een van de twee inspecteurs');
    expect(() => adoptSolution(study, partial, bram)).toThrow('intussen veranderd');
  });

  it('is offered through the API, and adopting there recomputes the report', async () => {
    const session = new Session({ kind: 'cli', demoStudyPath: () => join(dir, 'demo.veldwerk') });
    const path = study.path;
    study.close();
    session.openPath(path);
    const result = await dispatch(session, 'agreement', {});
    expect(result.ok).toBe(true);
    const report = (result as { value: AgreementReport }).value;
    const target = report.disagreements.find((d) => d.codeName.startsWith('Participatie'))!;
    const adopted = await dispatch(session, 'agreement.adopt', { disagreementId: target.id, coderId: bram });
    expect(adopted.ok).toBe(true);
    expect((adopted as { value: AgreementReport }).value.disagreements.some((d) => d.id === target.id)).toBe(false);
    const gone = await dispatch(session, 'agreement.adopt', { disagreementId: target.id, coderId: bram });
    expect(gone).toMatchObject({ ok: false, error: { message: 'Deze onenigheid bestaat niet meer; vernieuw de lijst.' } });
    expect(await dispatch(session, 'agreement', { threshold: 0 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    session.close();
    study = Study.open(path);
  });
});
