/**
 * References to rows that are not here yet (a coding on a source from a
 * bundle not read yet). Bundles are checked whole (issue 12), so such a
 * bundle is refused and nothing dangles; the merge's count of dangling
 * references (taken from only the rows a merge touched, issue 9) stays at none.
 */
import { describe, expect, it } from 'vitest';
import { createCodings } from '../../backend/coding/codings';
import { saveMemo } from '../../backend/memos/memos';
import { mergeBundle, readBundle } from '../../backend/merge/merge';
import { createStudy } from '../../backend/study/setup';
import { join } from 'node:path';
import { addTextSource, codeId } from '../helpers/sources';
import { tempDir } from '../helpers/temp-study';
import { copyFor, makeBundle, PASSPHRASE, TEAM_SETUP } from '../property/merge-kit';

const dir = tempDir('veldwerk-dangling-');
const danglingWarning = (warnings: string[]) => warnings.find((warning) => /naar gegevens die hier nog ontbreken/.test(warning)) ?? null;

describe('references to rows not here yet', () => {
  it('are refused with the bundle, and never left dangling by a merge', async () => {
    const lead = createStudy(join(dir, 'lead.veldwerk'), TEAM_SETUP);
    const anna = copyFor(lead, dir, 'AA');
    const bram = copyFor(lead, dir, 'BB');
    const sourceId = await addTextSource(anna, dir, 'Een interview dat alleen Anna heeft ingelezen.');
    createCodings(anna, [0, 10, 20].map((start) => ({ sourceId, codeId: codeId(anna, 'contact'), start, end: start + 8, valence: 'neutraal' as const, note: '', quotable: false })), 'Coderen');
    const annaBundle = await readBundle(lead, { bytes: await makeBundle(anna) }, PASSPHRASE);

    // A first merge with nothing missing: from here on a merge checks only the rows it touches.
    saveMemo(bram, 'institution', bram.institutions()[0]!.id, 'Memo van Bram.');
    const first = await readBundle(lead, { bytes: await makeBundle(bram) }, PASSPHRASE);
    expect(danglingWarning(mergeBundle(lead, first, { dryRun: false }).warnings)).toBeNull();

    // Anna's codings arrive without her source (as if it came in a bundle not read yet): since bundles are
    // checked whole (issue 12), such a bundle is refused with nothing changed, so no reference can dangle.
    const withoutSource = { ...annaBundle, changes: annaBundle.changes.filter((change) => change.entity !== 'source'), files: [], contents: [] };
    const codingsBefore = lead.db.prepare('SELECT count(*) FROM coding').pluck().get();
    expect(() => mergeBundle(lead, withoutSource, { dryRun: false })).toThrow(/verwijst naar een bron die in dit onderzoek en in de bundel ontbreekt/);
    expect(lead.db.prepare('SELECT count(*) FROM coding').pluck().get()).toBe(codingsBefore);

    // The whole bundle, source included, merges; later merges (checking only what they touch) stay clean.
    expect(danglingWarning(mergeBundle(lead, annaBundle, { dryRun: false }).warnings)).toBeNull();
    saveMemo(bram, 'institution', bram.institutions()[1]!.id, 'Nog een memo.');
    const later = await readBundle(lead, { bytes: await makeBundle(bram) }, PASSPHRASE);
    expect(danglingWarning(mergeBundle(lead, later, { dryRun: false }).warnings)).toBeNull();
    expect(lead.db.pragma('foreign_key_check')).toEqual([]);
    for (const study of [lead, anna, bram]) study.close();
  });
});
