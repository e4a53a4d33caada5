/**
 * Issue 11, item 4: SQLite does not encrypt its temporary files (temporary
 * tables, as a migration makes, and sorts larger than the cache), and this
 * build keeps them on disk by default, as unlinked files in /var/tmp. A
 * study's connection keeps them in memory: while a large sort and a large
 * temporary table are open, the process holds no SQLite temporary file.
 */
import { readdirSync, readlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-tijdelijke-tabellen-');

/** Files this process holds open that SQLite made as temporary files (`etilqs_…`). */
function sqliteTempFiles(): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.includes('etilqs_') ? [target] : [];
    } catch {
      return [];
    }
  });
}

describe.runIf(process.platform === 'linux')('SQLite temporary storage of a study', () => {
  it('keeps temporary tables and large sorts in memory, not in unencrypted files', () => {
    const study = newTestStudy(dir);
    try {
      study.db.exec(`CREATE TEMP TABLE regels AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600000)
        SELECT i, 'Verslag over de jeugdige, regel ' || i AS tekst FROM n`);
      const sorted = study.db.prepare('SELECT tekst FROM regels ORDER BY random()').iterate();
      sorted.next();
      const held = sqliteTempFiles();
      sorted.return?.();
      expect(held).toEqual([]);
      expect(study.db.pragma('temp_store', { simple: true })).toBe(2);
    } finally {
      study.close();
    }
  });
});
