/**
 * Two writers at once: two `veldwerk import` processes with overlapping
 * batches into one study, naming the same new institution, round after round.
 * Never a duplicate institution or source, never a lost batch; and an import
 * that stores nothing changes nothing, not even the institution it named.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStudy } from '../../backend/study/setup';
import { Study } from '../../backend/study/study';
import { projectRoot, veldwerk, type CliResult } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';
import { dumpAll, TEAM_SETUP } from '../property/merge-kit';

const dir = tempDir('veldwerk-concurrent-');
const ROUNDS = Number(process.env.CONCURRENT_IMPORT_ROUNDS ?? 20);
const bin = resolve(projectRoot, 'bin/veldwerk.cjs');

function veldwerkAsync(args: string[]): Promise<CliResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('two CLI imports into one study at once', () => {
  const file = join(dir, 'ronde.veldwerk');

  beforeAll(() => {
    createStudy(file, TEAM_SETUP).close();
  });

  it(`never duplicates an institution or a source and never loses a batch (${ROUNDS} rounds)`, async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const paths = [1, 2, 3, 4].map((n) => {
        const path = join(dir, `r${round}-bron${n}.txt`);
        writeFileSync(path, `Ronde ${round}, verslag ${n}: de jeugdige sprak de jeugdzorgwerker ${n} keer alleen.\n`);
        return path;
      });
      const institution = `GI Ronde ${round}`;
      const [first, second] = await Promise.all([
        veldwerkAsync(['import', file, paths[0]!, paths[1]!, paths[2]!, '--institution', institution, '--type', 'interview']),
        veldwerkAsync(['import', file, paths[1]!, paths[2]!, paths[3]!, '--institution', ` ${institution.toUpperCase()} `, '--type', 'interview']),
      ]);
      expect(first.stderr).toBe('');
      expect(second.stderr).toBe('');
      expect([first.code, second.code]).toEqual([0, 0]);

      const study = Study.open(file);
      try {
        const named = study.db.prepare('SELECT id FROM institution WHERE lower(trim(name)) = lower(?) AND deleted = 0').pluck().all(institution) as string[];
        expect(named).toHaveLength(1);
        const sources = study.db.prepare('SELECT file_name, institution_id FROM source WHERE file_name LIKE ? AND deleted = 0').all(`r${round}-%`) as Array<{
          file_name: string;
          institution_id: string;
        }>;
        expect(sources.map((source) => source.file_name).sort()).toEqual(paths.map((path) => path.split('/').pop()).sort());
        expect(new Set(sources.map((source) => source.institution_id))).toEqual(new Set(named));
      } finally {
        study.close();
      }
    }
  }, 600_000);

  it('an import that stores nothing adds no institution and changes nothing', () => {
    const bad = join(dir, 'kapot.pdf');
    writeFileSync(bad, 'dit is geen pdf');
    const before = (() => {
      const study = Study.open(file);
      try {
        return dumpAll(study.db);
      } finally {
        study.close();
      }
    })();
    const refused = veldwerk(['import', file, bad, '--institution', 'GI Nooit', '--type', 'beleidsdocument']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/geweigerd: kapot\.pdf/);
    expect(refused.stdout).not.toMatch(/Nieuwe instelling/);
    const study = Study.open(file);
    try {
      // The refusal itself is recorded as an action, with its clock tick and the head of the logbook's chain (the logbook
      // shows refused work too); nothing else changed.
      const withoutClock = (dump: string) => {
        const tables = JSON.parse(dump) as Record<string, Array<Record<string, unknown>>>;
        return { ...tables, meta: tables.meta!.filter((row) => row.key !== 'clock' && row.key !== 'action_chain_head') } as Record<string, Array<Record<string, unknown>>>;
      };
      const { action: actionsAfter, ...after } = withoutClock(dumpAll(study.db));
      const { action: actionsBefore, ...unchanged } = withoutClock(before);
      expect(after).toEqual(unchanged);
      const added = actionsAfter!.slice(actionsBefore!.length);
      // (The call itself succeeds with every file refused, so its action reads 'done': the outcome per file is in the answer.)
      expect(added.map((action) => action.call)).toEqual(['sources.import']);
    } finally {
      study.close();
    }
  });
});
