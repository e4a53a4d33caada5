/**
 * REFI-QDA exchange with QualCoder, tested against how QualCoder itself writes
 * and reads projects (ccbogel/QualCoder, src/qualcoder/refi.py; see
 * tests/fixtures/make-qualcoder-qdpx.ts for what its exporter does).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importQdpx } from '../../backend/exchange/exchange';
import { listCodes } from '../../backend/framework/framework';
import { listMemos } from '../../backend/memos/memos';
import { getSource, listSources } from '../../backend/sources/queries';
import type { Study } from '../../backend/study/study';
import { makeQualCoderQdpx, QC_ANNOTATION, QC_CODINGS, QC_USERS } from '../fixtures/make-qualcoder-qdpx';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-qualcoder-');
let counter = 0;

async function qualCoderFile(lineEnds: 'lf' | 'maxqda' = 'lf'): Promise<string> {
  const path = join(dir, `qualcoder-${++counter}.qdpx`);
  writeFileSync(path, (await makeQualCoderQdpx({ lineEnds })).archive);
  return path;
}

/** Every live coding as "code | coded text | coder | note". */
function coded(study: Study): string[] {
  const codes = new Map(listCodes(study).map((c) => [c.id, c.name]));
  const inspectors = new Map(study.inspectors().map((i) => [i.id, i.name]));
  const rows = study.db.prepare('SELECT * FROM coding WHERE deleted = 0').all() as Array<{ source_id: string; code_id: string; start: number; end: number; coder_id: string; note: string }>;
  return rows.map((r) => `${codes.get(r.code_id)} | ${getSource(study, r.source_id).text.slice(r.start, r.end)} | ${inspectors.get(r.coder_id)} | ${r.note}`).sort();
}

const CODE_NAMES = { contact: 'Betekenisvol contact', phone: 'Alleen telefonisch', plan: 'Plan niet besproken', waiting: 'Wachtlijst' } as const;

/** What QualCoder's selections cover, written out from the fixture's own phrases (the text Veldwerk must show). */
const expectedCodings = () =>
  QC_CODINGS.map((c) => `${CODE_NAMES[c.code]} | ${c.phrase.replace(/ +$/, '')} | ${QC_USERS[c.user]} | ${c.memo}`).sort();

const changeCount = (study: Study) => (study.db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;

describe('a project exported by QualCoder', () => {
  it('imports into a new study: every coding on the same words, users as inspectors, codes with their tree and colours, notes as memos; a second import adds nothing', async () => {
    const study = newTestStudy(dir);
    const inspectorsBefore = study.inspectors().length;
    const path = await qualCoderFile();
    const result = await importQdpx(study, path);
    expect(result.sources).toMatchObject({ added: 2, existing: 0, skipped: [] });
    expect(result.codings.unplaced).toBe(0);
    expect(coded(study)).toEqual(expectedCodings());

    // QualCoder's users are its owner names; "default" (its coder name when none is set) owns the sources, so it is kept as who added them.
    expect(study.inspectors()).toHaveLength(inspectorsBefore + 3);
    expect(study.inspectors().map((i) => i.name)).toEqual(expect.arrayContaining([QC_USERS.anna, QC_USERS.bram, QC_USERS.owner]));

    const codes = listCodes(study);
    const byName = (name: string) => codes.find((c) => c.name === name)!;
    expect(byName('Alleen telefonisch').parentId).toBe(byName('Betekenisvol contact').id);
    expect(byName('Plan niet besproken').parentId).toBe(byName('Plan').id);
    expect(byName('Plan').parentId).toBe(byName('Contact met de jeugdige').id);
    // "Betekenisvol contact" is a norm of the framework already: mapped onto it by name, the rest added with QualCoder's colours.
    expect(result.codes).toEqual({ mapped: 1, added: 5 });
    expect(codes.filter((c) => c.name === 'Betekenisvol contact')).toHaveLength(1);
    expect(byName('Alleen telefonisch').color).toBe('#fa8258');
    expect(byName('Wachtlijst').color).toBe('#f5d0a9');

    const interview = listSources(study).find((s) => s.title === 'Interview moeder.txt')!;
    expect(interview).toBeDefined();
    // The BOM QualCoder writes is no character of the text.
    expect(getSource(study, interview.id).text.startsWith('Interviewer:')).toBe(true);
    expect(listMemos(study, { targetType: 'source', targetId: interview.id }).map((m) => m.text)).toEqual([QC_ANNOTATION]);
    // The journal entry refers to nothing in the project: it has no place in the study and is counted as skipped.
    expect(result.memos.skipped).toBe(1);

    const before = changeCount(study);
    const again = await importQdpx(study, path);
    expect(again).toMatchObject({ sources: { added: 0, existing: 2 }, codings: { added: 0, existing: QC_CODINGS.length }, memos: { added: 0 }, inspectorsAdded: 0 });
    expect(changeCount(study)).toBe(before);
    study.close();
  });

  it('with QualCoder\'s "MAXQDA" line ends (CRLF in the files, positions counted on LF) every coding still lands on its words', async () => {
    const study = newTestStudy(dir);
    const result = await importQdpx(study, await qualCoderFile('maxqda'));
    expect(result.codings.unplaced).toBe(0);
    expect(coded(study)).toEqual(expectedCodings());
    study.close();
  });
});
