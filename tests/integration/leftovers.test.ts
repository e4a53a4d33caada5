/**
 * What killed runs leave beside a study is removed at the next open (issue
 * 11): partial files of dead processes, pre-merge backups no undo can reach
 * (with their key files), backups beyond `backup_keep`, and the private
 * temporary folders of dead Veldwerk processes. The backup an undo would
 * restore, and partial files of running processes, stay.
 */
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../../backend/api/session';
import { writeMeta } from '../../backend/study/study';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-restjes-');
/** A pid no process has (above the Linux maximum of 2^22). */
const DEAD_PID = 4_194_400;

describe('leftovers removed at the next open', () => {
  it('removes partial files of dead processes, unreachable and surplus backups, and dead temporary folders', () => {
    const study = newTestStudy(dir);
    const path = study.path;
    const stem = path.replace(/\.veldwerk$/, '');
    const backup = (n: number) => `${stem}.voor-samenvoegen-2026010${n}-120000.veldwerk`;
    for (let n = 1; n <= 6; n++) {
      writeFileSync(backup(n), 'reservekopie');
      utimesSync(backup(n), new Date(2026, 0, n), new Date(2026, 0, n));
    }
    writeFileSync(`${backup(6)}-sleutels`, '{}');
    // Backup 5 is the one an undo would restore; 6 is newer: a merge killed after making it.
    writeMeta(study.db, 'merge_backup', backup(5));
    writeMeta(study.db, 'backup_keep', '2');
    study.close();
    const deadPartial = join(dir, `rapport.docx.${DEAD_PID}.deel`);
    const livePartial = join(dir, `rapport.docx.${process.pid}.deel`);
    writeFileSync(deadPartial, 'half rapport');
    writeFileSync(livePartial, 'rapport in de maak');
    writeFileSync(`${path}.versleutelen.deel`, 'halve versleuteling');
    const deadTemp = join(tmpdir(), `veldwerk-tijdelijk-${DEAD_PID}-test`);
    mkdirSync(deadTemp, { recursive: true });
    writeFileSync(join(deadTemp, 'werkblad.xml'), '<rij/>');

    const session = new Session({ kind: 'cli', demoStudyPath: () => join(dir, 'demo.veldwerk') });
    try {
      session.openPath(path);
      expect(existsSync(deadPartial)).toBe(false);
      expect(existsSync(livePartial)).toBe(true);
      expect(existsSync(`${path}.versleutelen.deel`)).toBe(false);
      expect([1, 2, 3, 4, 5, 6].map((n) => existsSync(backup(n)))).toEqual([false, false, false, true, true, false]);
      expect(existsSync(`${backup(6)}-sleutels`)).toBe(false);
      expect(existsSync(deadTemp)).toBe(false);
    } finally {
      session.close();
    }
  });
});
