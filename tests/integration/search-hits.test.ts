/**
 * What a search returns (issue 9, faster hit finding): phrases of common
 * words, prefixes and ranking, in sources the folded string search reads and
 * in one it leaves to the tokeniser (a combining mark with no composed form, which the import keeps), with the same offsets.
 */
import { describe, expect, it } from 'vitest';
import { search } from '../../backend/search/search';
import type { SearchHit } from '../../shared/api/types';
import { addTextSource } from '../helpers/sources';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir();

/** The hit's own words, as the snippet shows them. */
const hitText = (hit: SearchHit) => hit.snippet.slice(hit.start - hit.snippetOffset, hit.end - hit.snippetOffset);

describe('search hits', () => {
  it('finds phrases of common words, prefixes and ranks by how often a word occurs', async () => {
    const study = newTestStudy(dir);
    const phrases = await addTextSource(study, dir, 'Het plan van aanpak is besproken met de ouders.\nEen nieuw Plan van\naanpak volgt; PLAN VAN AANPAK.');
    const scattered = await addTextSource(study, dir, 'Van het plan is van aanpak geen sprake: aanpak van het plan ontbreekt.');
    const marked = await addTextSource(study, dir, 'Plan van aanpak voor geen\u0308 enkel gezin; de voogd en de Voogdij, geen gezinsvoogd.');
    const often = await addTextSource(study, dir, `De wachtlijst. ${'De wachtlijst is lang. '.repeat(6)}Tot zover.`);
    const once = await addTextSource(study, dir, `De wachtlijst. ${'Het gesprek is gevoerd. '.repeat(6)}Tot zover.`);

    const phrase = search(study, '"plan van aanpak"', 50).hits;
    expect(phrase.map((hit) => [hit.sourceId, hitText(hit)]).sort()).toEqual(
      [[phrases, 'plan van aanpak'], [phrases, 'Plan van aanpak'], [phrases, 'PLAN VAN AANPAK'], [marked, 'Plan van aanpak']].sort(),
    );
    expect(phrase.some((hit) => hit.sourceId === scattered)).toBe(false);
    // Within a source, hits come in text order.
    expect(phrase.filter((hit) => hit.sourceId === phrases).map((hit) => hit.start)).toEqual(
      phrase.filter((hit) => hit.sourceId === phrases).map((hit) => hit.start).sort((a, b) => a - b),
    );

    expect(search(study, 'voogd*', 50).hits.map(hitText)).toEqual(['voogd', 'Voogdij']);
    expect(search(study, 'geen', 50).hits.map((hit) => [hit.sourceId, hitText(hit)]).sort()).toEqual(
      [[scattered, 'geen'], [marked, 'geen\u0308'], [marked, 'geen']].sort(),
    );

    const ranked = search(study, 'wachtlijst', 50).hits;
    expect(ranked.map((hit) => hit.sourceId)).toEqual([...Array(7).fill(often), once]);
    expect(search(study, 'wachtlijst', 3)).toMatchObject({ truncated: true, hits: ranked.slice(0, 3) });
    study.close();
  });
});
