/**
 * The full-text index keyed by rowid (issue 9): a source's index row follows
 * every write and delete of that source, and a study made before the index
 * was keyed is rebuilt on opening with the same search results.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { search } from '../../backend/search/search';
import { Study } from '../../backend/study/study';
import { MIGRATIONS } from '../../backend/store/schema';
import { addTextSource } from '../helpers/sources';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir();

const TEXTS = [
  'De ouders zijn geïnformeerd over het plan van aanpak.\nDe jeugdige is niet gezien.',
  'Het veiligheidsplan is besproken met de moeder. Ouders waren niet aanwezig.',
  'Zoë vertelde dat de jeugdzorgwerker vaak wisselde; de wachtlijst was lang.',
  'Plan van aanpak ontbreekt. Geïnformeerd: niemand.',
];
const QUERIES = ['geinformeerd', 'ouders', '"plan van aanpak"', 'zoe', 'wacht*', 'ouders plan', 'niemand'];

const searchAll = (study: Study) => QUERIES.map((query) => search(study, query, 50));
const indexRows = (study: Study) => study.db.prepare('SELECT count(*) FROM source_fts').pluck().get() as number;

describe('the full-text index keyed by rowid', () => {
  it('follows a source through import, a title change and its deletion', async () => {
    const study = newTestStudy(dir);
    const ids = [];
    for (const text of TEXTS) ids.push(await addTextSource(study, dir, text));
    expect(indexRows(study)).toBe(TEXTS.length);
    expect(search(study, 'zoe', 10).hits.map((hit) => hit.sourceId)).toEqual([ids[2]]);

    study.write([{ entity: 'source', entityId: ids[2]!, fields: { title: 'Nieuwe titel' } }]);
    expect(indexRows(study)).toBe(TEXTS.length);
    expect(search(study, 'zoe', 10).hits).toMatchObject([{ sourceId: ids[2], title: 'Nieuwe titel' }]);

    study.write([{ entity: 'source', entityId: ids[2]!, fields: { deleted: 1 } }]);
    expect(search(study, 'zoe', 10).hits).toEqual([]);
    expect(indexRows(study)).toBe(TEXTS.length - 1);
    expect(study.db.prepare('SELECT count(*) FROM source_fts_row WHERE source_id = ?').pluck().get(ids[2])).toBe(0);
    // Still found by the other words it shared with the live sources: only the deleted one left the index.
    expect(search(study, 'ouders', 10).hits.map((hit) => hit.sourceId).sort()).toEqual([ids[0], ids[1]].sort());
    study.close();
  });

  it('rebuilds the index of a study made before it was keyed, with the same search results', async () => {
    const study = newTestStudy(dir);
    const ids = [];
    for (const text of TEXTS) ids.push(await addTextSource(study, dir, text));
    study.write([{ entity: 'source', entityId: ids[3]!, fields: { deleted: 1 } }]);
    const before = searchAll(study);
    expect(before.filter((result) => result.hits.length > 0).length).toBeGreaterThanOrEqual(5);

    // The same sources in a file as the schema before the keyed index left it:
    // the index with a copy of every text and an unindexed source id, filled
    // as the old indexer did.
    const keyedAt = MIGRATIONS.findIndex((migration) => migration.includes('CREATE TABLE source_fts_row'));
    const path = join(dir, 'voor-sleutel.veldwerk');
    const legacy = new Database(path);
    for (let version = 0; version < keyedAt; version++) legacy.exec(MIGRATIONS[version]!);
    legacy.pragma(`user_version = ${keyedAt}`);
    legacy.prepare('ATTACH DATABASE ? AS current').run(study.path);
    legacy.exec(`
      INSERT INTO meta (key, value) SELECT key, value FROM current.meta WHERE key IN ('study_id', 'replica_id');
      INSERT INTO content (id, text, page_starts, headings) SELECT id, text, page_starts, headings FROM current.content;
      INSERT INTO source (id, title, content_id, deleted) SELECT id, title, content_id, deleted FROM current.source;
      INSERT INTO source_fts (source_id, title, text)
        SELECT s.id, s.title, c.text FROM source s JOIN content c ON c.id = s.content_id WHERE s.deleted = 0;
    `);
    legacy.exec('DETACH DATABASE current');
    legacy.close();
    study.close();

    const reopened = Study.open(path);
    expect(reopened.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(indexRows(reopened)).toBe(TEXTS.length - 1);
    expect(searchAll(reopened)).toEqual(before);
    reopened.close();
  });
});
