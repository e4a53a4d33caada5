/// <reference path="../../backend/store/sqlite-cipher-types.d.ts" />
/**
 * One clock row per entity (schema, capability scale): a study written with
 * one clock row per field keeps every clock when it is migrated, and the
 * clocks read afterwards are the ones held before.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../backend/store/schema';
import { readClocks } from '../../backend/store/changes';
import { registerActionHash } from '../../backend/store/action-chain';

const ENTITY_CLOCK = MIGRATIONS.findIndex((sql) => sql.includes('CREATE TABLE entity_clock'));

describe('entity clocks', () => {
  it('the migration keeps every field clock of a study written with one row per field', () => {
    const db = new Database(':memory:');
    // The logbook's chaining migration calls this function, as every open registers it.
    registerActionHash(db);
    for (const sql of MIGRATIONS.slice(0, ENTITY_CLOCK)) db.exec(sql);
    const rows = [
      ['coding', 'k1', 'start', '000000001-0001-a'],
      ['coding', 'k1', 'end', '000000002-0000-b'],
      ['coding', 'k1', 'note', '000000003-0000-a'],
      ['code', 'c1', 'parentId', '000000004-0000-a'],
      ['code', 'c1', 'name', '000000005-000z-c'],
    ];
    const insert = db.prepare('INSERT INTO field_clock (entity, entity_id, field, hlc) VALUES (?, ?, ?, ?)');
    for (const row of rows) insert.run(...row);
    for (const sql of MIGRATIONS.slice(ENTITY_CLOCK)) db.exec(sql);

    const asRows = db.prepare('SELECT entity, entity_id, field, hlc FROM field_clock ORDER BY entity, entity_id, field').raw().all();
    expect(asRows).toEqual([...rows].sort((a, b) => a.slice(0, 3).join('/').localeCompare(b.slice(0, 3).join('/'))));
    expect(db.prepare('SELECT count(*) FROM entity_clock').pluck().get()).toBe(2);
    expect(readClocks(db, 'coding', 'k1')).toEqual(new Map([['start', '000000001-0001-a'], ['end', '000000002-0000-b'], ['note', '000000003-0000-a']]));
    expect(readClocks(db, 'coding', 'onbekend').size).toBe(0);
    db.close();
  });
});
