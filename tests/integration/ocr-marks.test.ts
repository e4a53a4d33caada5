/**
 * Which pages were read by OCR travels with the source text in a bundle, and
 * shows where a coded passage is used: an evidence segment on such a page is
 * marked (the retrieval list and the evidence view show it), and the quote's
 * trace in the internal appendix and the retrieval report say "(OCR)". A bundle whose OCR marks name
 * pages its text does not have is refused whole. (The OCR itself is tested
 * elsewhere; here a source stored as OCR would store it.)
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCodings } from '../../backend/coding/codings';
import { evidenceSegments } from '../../backend/evidence/evidence';
import { exportBundle } from '../../backend/merge/export';
import { applyBundle, readBundle } from '../../backend/merge/merge';
import { reportModel } from '../../backend/reports/generate';
import { exportFile } from '../../backend/exchange/exchange';
import mammoth from 'mammoth';
import { storeSource } from '../../backend/sources/import-sources';
import type { Study } from '../../backend/study/study';
import { createStudy } from '../../backend/study/setup';
import { reseal } from '../helpers/hostile-bundle';
import { codeId } from '../helpers/sources';
import { tempDir } from '../helpers/temp-study';
import { copyFor, PASSPHRASE, TEAM_SETUP, TEST_WORK_FACTOR } from '../property/merge-kit';

const dir = tempDir('veldwerk-ocr-marks-');
const PAGE_ONE = 'Voorblad: het dossier van een fictief gezin.\n';
const SENTENCES = [
  'Moeder zei dat zij de jeugdbeschermer al weken niet had gezien.',
  'Vader wist niet wie nu de vaste jeugdzorgwerker was.',
  'De jeugdige vertelde dat afspraken vaak werden verzet.',
];
const PAGE_TWO = SENTENCES.join(' ');
let lead: Study;
let copy: Study;

beforeAll(() => {
  lead = createStudy(join(dir, 'lead.veldwerk'), TEAM_SETUP);
  copy = copyFor(lead, dir, 'AA');
  const path = join(dir, 'scan.pdf');
  writeFileSync(path, '%PDF-1.7 fictief gescand dossier');
  const sha256 = createHash('sha256').update('%PDF-1.7 fictief gescand dossier').digest('hex');
  const text = PAGE_ONE + PAGE_TWO;
  const stored = storeSource(
    copy,
    { path, fileName: 'scan.pdf' },
    sha256,
    { format: 'pdf', text, pageStarts: [0, PAGE_ONE.length], headings: [], ocrPages: [2] },
    { title: 'Gescand dossier', institutionId: copy.institutions()[0]!.id, sourceType: 'clientdossier', role: null, measure: null, date: null, inspectorId: null },
    {},
  );
  if (stored.status !== 'imported') throw new Error('niet opgeslagen');
  const contact = codeId(copy, 'contact');
  createCodings(
    copy,
    [
      { sourceId: stored.sourceId, codeId: contact, start: 0, end: 'Voorblad'.length, valence: 'neutraal', note: '', quotable: true },
      // Three passages on the scanned page: the report quotes from three codings of a norm on.
      ...SENTENCES.map((sentence) => {
        const start = text.indexOf(sentence);
        return { sourceId: stored.sourceId, codeId: contact, start, end: start + sentence.length, valence: 'negatief' as const, note: '', quotable: true };
      }),
    ],
    'Coderen',
  );
});

describe('OCR marks', () => {
  it('travel in a bundle and mark evidence segments and appendix traces on OCR pages', async () => {
    const made = await exportBundle(copy, { passphrase: PASSPHRASE, all: false, scryptWorkFactor: TEST_WORK_FACTOR });
    made.commit();
    const bundlePath = join(dir, 'aa.vwbundle');
    writeFileSync(bundlePath, made.bytes);
    await applyBundle(lead, { path: bundlePath }, PASSPHRASE);
    expect(lead.db.prepare('SELECT ocr_pages FROM content').all()).toEqual([{ ocr_pages: '[2]' }]);

    const segments = evidenceSegments(lead, codeId(lead, 'contact'), null, {});
    expect(segments.map((segment) => [segment.page, segment.ocr])).toEqual([[1, false], [2, true], [2, true], [2, true]]);

    const model = JSON.stringify(reportModel(lead, { institutionId: lead.institutions()[0]!.id }));
    expect(model).toContain(`p. 2 (OCR), tekens ${PAGE_ONE.length}–`);
    expect(model).not.toContain('p. 1 (OCR)');

    // The retrieval report (Word), read back by mammoth: the passage on the scanned page says so.
    const retrieval = await exportFile(lead, 'retrieval', 'full', [codeId(lead, 'contact')]);
    const { value: words } = await mammoth.extractRawText({ buffer: retrieval.data });
    expect(words).toMatch(/p\. 2 \(OCR\) · Betekenisvol contact/);
    expect(words).toMatch(/p\. 1 · Betekenisvol contact/);
  });

  it('refuses a bundle whose OCR marks name a page the text does not have', async () => {
    const other = copyFor(lead, dir, 'BB');
    // The whole of the copy's work (its changes since the last export went in the first test).
    const made = await exportBundle(copy, { passphrase: PASSPHRASE, all: true, scryptWorkFactor: TEST_WORK_FACTOR });
    const bundle = await readBundle(other, { bytes: made.bytes }, PASSPHRASE);
    expect(bundle.contents[0]!.ocrPages).toEqual([2]);
    const forged = await reseal({ ...bundle, contents: bundle.contents.map((content) => ({ ...content, ocrPages: [2, 9] })) });
    const path = join(dir, 'vervalst.vwbundle');
    writeFileSync(path, forged);
    const changes = () => other.db.prepare('SELECT count(*) AS n FROM change_log').get();
    const before = changes();
    await expect(applyBundle(other, { path }, PASSPHRASE)).rejects.toThrow('OCR-pagina’s die hij niet heeft');
    expect(changes()).toEqual(before);
  });
});
