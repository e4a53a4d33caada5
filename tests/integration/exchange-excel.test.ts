/**
 * The Excel exports, read back with openpyxl (an independent reader): one
 * sheet per table, a frozen and filtered header row, numbers and dates as
 * real types, and no names unless the export is full.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCodings } from '../../backend/coding/codings';
import { exportTables } from '../../backend/exchange/exchange';
import type { TableKind } from '../../shared/exchange';
import { linkEvidence, saveJudgment } from '../../backend/judgments/judgments';
import { answerReviewQuestion, listReviewQuestions } from '../../backend/review/file-review';
import { getSource } from '../../backend/sources/queries';
import { codedExchangeStudy } from '../helpers/coded-study';
import { codeId } from '../helpers/sources';
import { tempDir } from '../helpers/temp-study';
import { column, readWithOpenpyxl, type SheetDump } from '../helpers/openpyxl';

const dir = tempDir('veldwerk-excel-');
async function exportedSheets(kind: TableKind, mode: 'pseudonymised' | 'full', study: Parameters<typeof exportTables>[0]): Promise<SheetDump[]> {
  const path = join(dir, `${kind}-${mode}-${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(path, await exportTables(study, kind, mode));
  return readWithOpenpyxl(path);
}

async function studyWithEverything() {
  const { study, clientId } = await codedExchangeStudy(dir);
  const noord = study.institutions().find((i) => i.name === 'GI Noord')!;
  const question = listReviewQuestions(study);
  const choice = question.find((q) => q.answerType === 'choice')!;
  const number = question.find((q) => q.answerType === 'number')!;
  answerReviewQuestion(study, clientId, choice.id, choice.options[0]!);
  answerReviewQuestion(study, clientId, number.id, '3');
  saveJudgment(study, { institutionId: noord.id, codeId: codeId(study, 'contact'), rating: 'voldoet niet', rationale: 'Noor en andere jeugdigen zien hun werker zelden.' });
  const contactCoding = study.db.prepare("SELECT id FROM coding WHERE note LIKE 'Noor%'").get() as { id: string };
  linkEvidence(study, { institutionId: noord.id, codeId: codeId(study, 'contact'), codingId: contactCoding.id, linked: true });
  // The second inspector also codes contact on the same words: agreement has a pair.
  const text = getSource(study, clientId).text;
  createCodings(study, [{ sourceId: clientId, codeId: codeId(study, 'contact'), start: text.indexOf('zelden'), end: text.indexOf('😀'), valence: 'negatief', note: '', quotable: false }], 'Coderen');
  return { study, clientId, choice, number };
}

describe('Excel exports read back with openpyxl', () => {
  it('coded segments: one row each, frozen filtered header, numbers and dates typed, pseudonymised by default', async () => {
    const { study } = await studyWithEverything();
    const [sheet, ...others] = await exportedSheets('segments', 'pseudonymised', study);
    expect(others).toHaveLength(0);
    expect(sheet!.title).toBe('Fragmenten');
    expect(sheet!.freeze).toBe('A2');
    expect(sheet!.filter).toMatch(/^A1:Q1$/);
    expect(sheet!.rows).toHaveLength(1 + 7);
    const codings = study.db.prepare('SELECT count(*) AS n FROM coding WHERE deleted = 0').get() as { n: number };
    expect(sheet!.rows.length - 1).toBe(codings.n);
    const row = sheet!.rows.find((r) => r[column(sheet!, 'Tekst')]!.value === '[naam] vertelde')!;
    expect(row).toBeDefined();
    expect(row[column(sheet!, 'Bron')]!.value).toBe('Cliëntdossier OTS – [naam] (14)');
    expect(row[column(sheet!, 'Code')]!.value).toBe('Betekenisvol contact');
    expect(row[column(sheet!, 'Valentie')]!.value).toBe('negatief');
    expect(row[column(sheet!, 'Citeerbaar')]!.value).toBe('ja');
    expect(row[column(sheet!, 'Codeur')]!.value).toBe('IE');
    expect(row[column(sheet!, 'Notitie')]!.value).toBe('[naam] ziet haar werker weinig.');
    expect(row[column(sheet!, 'Begin')]).toMatchObject({ type: 'int', value: 0 });
    expect(row[column(sheet!, 'Einde')]).toMatchObject({ type: 'int', value: 13 });
    expect(row[column(sheet!, 'Datum bron')]).toEqual({ type: 'datetime', format: 'dd-mm-yyyy', value: '2026-03-14T00:00:00' });
    expect(row[column(sheet!, 'Gecodeerd op')]!.type).toBe('datetime');
    const pdfRow = sheet!.rows.find((r) => r[column(sheet!, 'Tekst')]!.value === 'monitorlijst')!;
    expect(pdfRow[column(sheet!, 'Pagina')]).toMatchObject({ type: 'int', value: 2 });
    expect(JSON.stringify(sheet)).not.toMatch(/\bNoor\b|Inspecteur Een/);

    const [full] = await exportedSheets('segments', 'full', study);
    expect(JSON.stringify(full)).toMatch(/Noor vertelde/);
    expect(JSON.stringify(full)).toMatch(/Inspecteur Een/);
    study.close();
  });

  it('evidence matrix, judgments with rationale and evidence, file review per dossier and aggregated, agreement per norm and pair', async () => {
    const { study, choice, number } = await studyWithEverything();
    const [matrix] = await exportedSheets('matrix', 'pseudonymised', study);
    const contactNoord = matrix!.rows.find((r) => r[0]!.value === 'GI Noord' && r[1]!.value === 'Betekenisvol contact')!;
    expect(contactNoord.slice(4).map((c) => c.value)).toEqual([3, 1, 0, 3, 0]);
    expect(contactNoord[4]!.type).toBe('int');

    const [judgments, evidence] = await exportedSheets('judgments', 'pseudonymised', study);
    expect(judgments!.rows[1]!.map((c) => c.value)).toEqual(['GI Noord', 'Betekenisvol contact', 'contact', 'voldoet niet', '[naam] en andere jeugdigen zien hun werker zelden.', 1]);
    expect(evidence!.title).toBe('Bewijs bij oordelen');
    expect(evidence!.rows[1]![4]!.value).toBe('[naam] vertelde');

    const [perDossier, aggregated] = await exportedSheets('review', 'pseudonymised', study);
    expect(perDossier!.freeze).toBe('A2');
    expect(perDossier!.rows[1]![column(perDossier!, number.text)]).toMatchObject({ type: 'int', value: 3 });
    expect(perDossier!.rows[1]![column(perDossier!, choice.text)]!.value).toBe(choice.options[0]);
    const share = aggregated!.rows.find((r) => r[1]!.value === choice.text && r[0]!.value === 'GI Noord' && r[3]!.value === choice.options[0])!;
    expect(share[4]).toMatchObject({ type: 'int', value: 1 });
    expect(share[5]).toEqual({ type: 'int', format: '0.0%', value: 1 });

    const [agreement] = await exportedSheets('agreement', 'pseudonymised', study);
    const pair = agreement!.rows.find((r) => r[3]!.value === 'contact')!;
    expect([pair[0]!.value, pair[1]!.value].sort()).toEqual(['IE', 'IT']);
    expect(pair[column(agreement!, 'Tekens')]!.type).toBe('int');
    expect(pair[column(agreement!, 'Overeenstemming')]!.type).toBe('float');
    study.close();
  });
});
