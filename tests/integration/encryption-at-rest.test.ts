/**
 * Issue 11: no word of a study's sources can be read on disk outside it. A
 * user's round through the CLI (an encrypted study, import, survey import,
 * report, copy for an inspector, bundle export and import, undo of the
 * merge, and an import killed half-way), after which the bytes of every file
 * in the study's folder and of Veldwerk's temporary folders are searched for
 * the sources' words. Also: a wrong passphrase is refused with the study and
 * its key file unchanged, and a re-key keeps every record.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { keyFilePath } from '../../backend/keys/key-file';
import { forgetStudyKey, unlockStudy, WRONG_PASSPHRASE } from '../../backend/keys/unlock';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { projectRoot, TEST_STUDY_PASSPHRASE_FILE, veldwerk } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';

const root = tempDir('veldwerk-versleuteld-');
const studyDir = join(root, 'onderzoek');
const sourcesDir = join(root, 'bronnen');
const outDir = join(root, 'uit');
for (const dir of [studyDir, sourcesDir, outDir]) mkdirSync(dir);
const lead = join(studyDir, 'ronde.veldwerk');
const copy = join(studyDir, 'ronde-INS.veldwerk');
const bundle = join(studyDir, 'INS.vwbundle');
const teamPassphrase = join(outDir, 'team.txt');
writeFileSync(teamPassphrase, 'teamwachtwoord-voor-de-test\n');

/** Invented words that occur only in the sources and the survey export. */
const SECRET_WORDS = ['Brommelsteeg', 'Kwakzalvertoren', 'Fladderkamp', 'Snoeperdijk'];
const passphrase = async () => readFileSync(TEST_STUDY_PASSPHRASE_FILE, 'utf8').trim();

function run(args: string[]): string {
  const result = veldwerk(args);
  expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every file in the study's folder and Veldwerk's temporary folders that holds a source word, in any common encoding. */
function plaintextLeaks(): string[] {
  const temp = readdirSync(tmpdir())
    .filter((name) => /^veldwerk-(staging|tijdelijk)-/.test(name))
    .flatMap((name) => filesUnder(join(tmpdir(), name)));
  const needles = SECRET_WORDS.flatMap((word) =>
    [word, word.toLowerCase()].flatMap((text) => [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')]),
  );
  return [...filesUnder(studyDir), ...temp].filter((path) => {
    const bytes = readFileSync(path);
    return needles.some((needle) => bytes.includes(needle));
  });
}

function sourceText(n: number): string {
  return `Verslag ${n}. De jeugdige woont aan de Brommelsteeg ${n} bij de Kwakzalvertoren.\n`.repeat(40);
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('encryption at rest, through the CLI', () => {
  beforeAll(() => {
    for (let n = 1; n <= 30; n++) writeFileSync(join(sourcesDir, `verslag-${n}.txt`), sourceText(n));
    writeFileSync(
      join(sourcesDir, 'vragenlijst.csv'),
      [
        'Organisatie;Wordt er naar je geluisterd?;Toelichting',
        ...Array.from({ length: 12 }, (_, i) => `GI Noord;${i % 2 ? 'Ja bij Fladderkamp' : 'Nee bij Snoeperdijk'};Snoeperdijk ${i}`),
      ].join('\n'),
    );
  });

  it('creates an encrypted, owner-only study and shows the recovery key once', () => {
    const out = run(['init', lead, '--name', 'Ronde versleuteld', '--inspector', 'Ina Smit', '--initials', 'INS']);
    expect(out).toMatch(/Herstelsleutel[\s\S]*[0-9A-Z]{4}(-[0-9A-Z]{4}){7}/);
    expect(readFileSync(lead).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    if (process.platform !== 'win32') {
      expect(statSync(lead).mode & 0o777).toBe(0o600);
      expect(statSync(keyFilePath(lead)).mode & 0o777).toBe(0o600);
    }
  });

  it('leaves no source word readable after import, survey import, report, copy, bundle export and import', () => {
    run(['import', lead, join(sourcesDir, 'verslag-1.txt'), join(sourcesDir, 'verslag-2.txt'), '--institution', 'GI Noord', '--type', 'interview']);
    expect(run(['search', lead, 'brommelsteeg', '--json'])).toContain('Brommelsteeg');
    run(['survey', 'import', lead, join(sourcesDir, 'vragenlijst.csv'), '--name', 'Vragenlijst']);
    run(['report', lead, '--institution', 'GI Noord', '--out', join(outDir, 'noord.docx')]);
    run(['copy', lead, copy, '--inspector', 'INS']);
    run(['import', copy, join(sourcesDir, 'verslag-3.txt'), '--institution', 'GI Noord', '--type', 'interview']);
    run(['bundle', 'export', copy, '--out', bundle, '--passphrase-file', teamPassphrase]);
    run(['bundle', 'import', lead, bundle, '--passphrase-file', teamPassphrase]);
    expect(readdirSync(studyDir).some((name) => name.includes('voor-samenvoegen'))).toBe(true);
    expect(plaintextLeaks()).toEqual([]);
    if (process.platform !== 'win32') {
      const notPrivate = filesUnder(studyDir).filter((path) => (statSync(path).mode & 0o777) !== 0o600);
      expect(notPrivate).toEqual([]);
    }
  }, 300_000);

  it('undoes the merge from the encrypted backup, and still leaks nothing', async () => {
    await unlockStudy(lead, { passphrase });
    const session = new Session({ kind: 'cli', demoStudyPath: () => join(root, 'demo.veldwerk') });
    try {
      session.openPath(lead);
      const undone = await dispatch(session, 'merge.undo', {});
      expect(undone.ok, JSON.stringify(undone)).toBe(true);
      // An upload (app, browser host) waits sealed in the staging store until a job takes it.
      const staged = await dispatch(session, 'files.stage', { fileName: 'upload.txt', bytes: new TextEncoder().encode(sourceText(99)) });
      expect(staged.ok).toBe(true);
      expect(plaintextLeaks()).toEqual([]);
      const search = await dispatch(session, 'search', { query: 'kwakzalvertoren', limit: 5 });
      expect(search.ok && (search.value as { hits: unknown[] }).hits.length).toBeGreaterThan(0);
      // The export worker opens the encrypted study with the key this thread unlocked.
      const exported = await dispatch(session, 'exchange.export', { kind: 'segments', full: false });
      expect(exported.ok, JSON.stringify(exported)).toBe(true);
      expect(plaintextLeaks()).toEqual([]);
    } finally {
      session.close();
      forgetStudyKey(lead);
    }
    expect(plaintextLeaks()).toEqual([]);
  });

  it('leaves no source word readable after an import killed half-way, and the next start clears what it left', async () => {
    const files = readdirSync(sourcesDir).filter((name) => name.endsWith('.txt')).map((name) => join(sourcesDir, name));
    const child = spawn(process.execPath, [resolve(projectRoot, 'bin/veldwerk.cjs'), 'import', lead, ...files, '--institution', 'GI Zuid', '--type', 'interview'], {
      env: { ...process.env, VELDWERK_PASSPHRASE_FILE: TEST_STUDY_PASSPHRASE_FILE },
    });
    await new Promise<void>((done) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('geïmporteerd') && child.exitCode === null) child.kill('SIGKILL');
      });
      child.on('exit', () => done());
    });
    expect(plaintextLeaks()).toEqual([]);
    run(['stats', lead]);
    expect(plaintextLeaks()).toEqual([]);
  }, 120_000);

  it('refuses a wrong passphrase with a Dutch message and changes nothing', () => {
    const before = [sha(lead), sha(keyFilePath(lead))];
    const wrong = join(outDir, 'fout.txt');
    writeFileSync(wrong, 'dit-is-niet-het-wachtwoord\n');
    const result = veldwerk(['stats', lead, '--passphrase-file', wrong]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(WRONG_PASSPHRASE);
    const missing = veldwerk(['stats', lead], { VELDWERK_PASSPHRASE_FILE: '' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Dit onderzoek is versleuteld');
    expect([sha(lead), sha(keyFilePath(lead))]).toEqual(before);
  });

  it('re-keys with every record kept; the old key no longer opens it', async () => {
    const oldKey = Buffer.from((await unlockStudy(lead, { passphrase }))!);
    forgetStudyKey(lead);
    const before = run(['stats', lead, '--json']);
    const out = run(['rekey', lead]);
    expect(out).toContain('Herstelsleutel');
    expect(run(['stats', lead, '--json'])).toBe(before);
    expect(run(['search', lead, 'brommelsteeg', '--json'])).toContain('Brommelsteeg');
    const { keyOpensFile } = await import('../../backend/keys/cipher');
    expect(keyOpensFile(lead, oldKey)).toBe(false);
    expect(plaintextLeaks()).toEqual([]);
  }, 120_000);
});
