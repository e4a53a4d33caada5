/**
 * "Every committed change survives a crash or kill": a child process commits
 * changes through the write path and is killed with SIGKILL straight after;
 * the study must open cleanly with every change it reported committed.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { Study } from '../../backend/study/study';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir();

const WRITER = `
import { Study } from '../../backend/study/study';
import { randomUUID } from 'node:crypto';
const study = Study.open(process.argv[2]);
for (let i = 0; ; i++) {
  study.write([{ entity: 'institution', entityId: randomUUID(), fields: { name: 'Instelling ' + i } }]);
  process.stdout.write(i + '\\n');
}
`;

describe('crash survival', () => {
  it('keeps every change committed before a SIGKILL', async () => {
    const study = newTestStudy(dir);
    const path = study.path;
    const before = study.institutions().length;
    study.close();

    const script = join(__dirname, '.crash-writer.ts');
    writeFileSync(script, WRITER);
    // Inside the project, so that the bundle resolves better-sqlite3 from node_modules.
    const bundle = join(__dirname, '../../dist/test-crash-writer.mjs');
    await build({ entryPoints: [script], bundle: true, platform: 'node', format: 'esm', outfile: bundle, external: ['better-sqlite3', 'better-sqlite3-multiple-ciphers'], banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } });
    const { rmSync } = await import('node:fs');
    rmSync(script);

    const child = spawn(process.execPath, [bundle, path], { cwd: join(__dirname, '../..') });
    let lastCommitted = -1;
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.once('exit', () => reject(new Error(`schrijver stopte vroegtijdig: ${errors}`)));
      child.stdout.on('data', (chunk: Buffer) => {
        const lines = chunk.toString().trim().split('\n');
        lastCommitted = Number(lines.at(-1));
        if (lastCommitted >= 200) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve));
    rmSync(bundle, { force: true });

    const reopened = Study.open(path);
    const names = new Set(reopened.institutions().map((institution) => institution.name));
    for (let i = 0; i <= lastCommitted; i++) expect(names.has(`Instelling ${i}`)).toBe(true);
    expect(reopened.institutions().length).toBeGreaterThanOrEqual(before + lastCommitted + 1);
    expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const logged = reopened.db.prepare("SELECT count(*) AS n FROM change_log WHERE entity = 'institution'").get() as { n: number };
    expect(logged.n).toBe(reopened.institutions().length);
    reopened.close();
  });
});
