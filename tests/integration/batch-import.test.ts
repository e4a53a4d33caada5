/**
 * Batch import as material arrives: a dossier export zip written by Info-ZIP's
 * `zip` (not our code) and a folder chosen in a browser (files with their path
 * in the folder) become one table with details guessed from folder names and
 * titles from the documents, storing nothing until `batch.import`; hostile
 * zips (path traversal, a bomb by ratio, a bomb that lies about its size) are
 * refused whole with a Dutch reason; the CLI takes a folder and a zip.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { listSources } from '../../backend/sources/queries';
import type { Study } from '../../backend/study/study';
import type { BatchPreview, ImportOutcome } from '../../shared/api/types';
import { makeDocx, makePdf, makeZip } from '../fixtures/make-files';
import { veldwerk } from '../helpers/cli';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-batch-');
let study: Study;
let session: Session;

/** A dossier export as a team receives it: institution, source type, role, measure and date in folder names. */
async function writeDossierFolder(root: string): Promise<void> {
  const interviews = join(root, 'Export GI Noord', 'Interviews ouders', '2026-03-12 OTS');
  mkdirSync(interviews, { recursive: true });
  mkdirSync(join(root, 'Export GI Noord', 'Beleid'), { recursive: true });
  writeFileSync(join(interviews, 'scan_0042.docx'), await makeDocx([{ text: 'Gesprek met moeder over het plan', heading: 1 }, { text: 'Moeder: ik werd niet gehoord.' }]));
  writeFileSync(join(interviews, 'notitie.txt'), 'Huisbezoek bij vader\n\nVader vertelde over de wachtlijst.');
  writeFileSync(join(root, 'Export GI Noord', 'Beleid', 'werkinstructie.pdf'), await makePdf([['Werkinstructie contact binnen vijf dagen.']]));
  writeFileSync(join(root, 'Export GI Noord', 'Beleid', 'begroting.xlsx'), 'geen document');
  writeFileSync(join(root, 'Export GI Noord', 'bijlagen.zip'), makeZip([{ name: 'a.txt', data: Buffer.from('binnenin') }]));
  writeFileSync(join(root, 'Export GI Noord', '.DS_Store'), 'rommel');
}

const counts = () => ({
  sources: listSources(study).length,
  files: (study.db.prepare('SELECT count(*) AS n FROM original_file').get() as { n: number }).n,
});

async function call<T>(name: string, input: unknown): Promise<T> {
  const result = await dispatch(session, name as never, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

async function stageZip(bytes: Buffer, fileName = 'dossier.zip'): Promise<string> {
  return (await call<{ stagedId: string }>('files.stage', { fileName, bytes: new Uint8Array(bytes) })).stagedId;
}

const ownTempDirs = () => [
  ...readdirSync(tmpdir()).filter((name) => name.startsWith(`veldwerk-tijdelijk-${process.pid}-`)).map((name) => join(tmpdir(), name)),
  // The session's staging store, beside the study.
  ...readdirSync(dir).filter((name) => name.startsWith(`.veldwerk-staging-${process.pid}-`)).map((name) => join(dir, name)),
];
/** Staged copies and unpacked entries of this process still on disk (sealed or not). */
const ownTempFiles = () => ownTempDirs().flatMap((path) => readdirSync(path, { recursive: true, encoding: 'utf8' })).length;

beforeAll(async () => {
  study = newTestStudy(dir);
  session = new Session({ kind: 'cli', demoStudyPath: () => '' });
  session.setStudy(study);
  await writeDossierFolder(join(dir, 'aangeleverd'));
  // Info-ZIP, as on Debian: another writer's zip, with directory entries and its own extra fields.
  execFileSync('zip', ['-q', '-r', join(dir, 'export.zip'), 'Export GI Noord'], { cwd: join(dir, 'aangeleverd') });
});

afterAll(() => session.close());

describe('batch import of a folder or dossier zip', () => {
  it('shows an Info-ZIP export as one table, guessing from folder names, storing nothing until confirmed', async () => {
    const preview = (await call<BatchPreview>('batch.preview', { stagedIds: [await stageZip(readFileSync(join(dir, 'export.zip')), 'export.zip')] }))!;
    expect(counts()).toEqual({ sources: 0, files: 0 });
    const noord = study.institutions().find((institution) => institution.name === 'GI Noord')!;
    const byName = new Map(preview.rows.map((row) => [row.fileName, row]));
    expect([...byName.keys()].sort()).toEqual(['notitie.txt', 'scan_0042.docx', 'werkinstructie.pdf']);
    expect(byName.get('scan_0042.docx')).toMatchObject({
      title: 'Gesprek met moeder over het plan',
      titleFromDocument: true,
      institutionId: noord.id,
      sourceType: 'interview',
      role: 'ouder',
      measure: 'ots',
      date: '2026-03-12',
    });
    expect(byName.get('notitie.txt')).toMatchObject({ title: 'Huisbezoek bij vader', titleFromDocument: true, role: 'ouder' });
    expect(byName.get('werkinstructie.pdf')).toMatchObject({ sourceType: 'beleidsdocument', role: null, measure: null, pages: 1 });
    const refused = new Map(preview.refused.map((item) => [item.relativePath.split('/').pop(), item.reason]));
    expect(refused.get('begroting.xlsx')).toContain('.xlsx wordt niet ondersteund');
    expect(refused.get('bijlagen.zip')).toContain('zip-bestand in de map of zip wordt niet uitgepakt');
    expect(refused.has('.DS_Store')).toBe(false);

    const rows = preview.rows.map((row) => ({
      rowId: row.rowId,
      meta: { title: row.title, institutionId: noord.id, sourceType: row.sourceType ?? 'overig', role: row.role, measure: row.measure, date: row.date, inspectorId: null },
    }));
    const outcomes = await call<ImportOutcome[]>('batch.import', { batchId: preview.batchId, rows });
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['imported', 'imported', 'imported']);
    const stored = listSources(study).find((source) => source.fileName === 'scan_0042.docx')!;
    expect(stored).toMatchObject({ title: 'Gesprek met moeder over het plan', role: 'ouder', measure: 'ots', date: '2026-03-12', sourceType: 'interview' });
    expect(counts()).toEqual({ sources: 3, files: 3 });
    expect(ownTempFiles()).toBe(0);
    // A batch is used up by its import.
    await expect(call('batch.import', { batchId: preview.batchId, rows })).rejects.toThrow('niet (meer) klaar');
  });

  it('reads UTF-8 names that Info-ZIP stores without saying so, and guesses from them', async () => {
    const root = join(dir, 'diakrieten');
    mkdirSync(join(root, 'Cliëntdossiers voogdij'), { recursive: true });
    writeFileSync(join(root, 'Cliëntdossiers voogdij', 'notitie één.txt'), 'Verslag van een fictief gesprek met de voogd.');
    execFileSync('zip', ['-q', '-r', join(dir, 'diakrieten.zip'), 'Cliëntdossiers voogdij'], { cwd: root });
    const preview = (await call<BatchPreview>('batch.preview', { stagedIds: [await stageZip(readFileSync(join(dir, 'diakrieten.zip')))] }))!;
    expect(preview.rows).toHaveLength(1);
    expect(preview.rows[0]).toMatchObject({ relativePath: 'Cliëntdossiers voogdij/notitie één.txt', sourceType: 'clientdossier', measure: 'voogdij' });
    await call('batch.discard', { batchId: preview.batchId });
  });

  it('reads a folder chosen in a browser (paths in the folder) and lists files already imported or there twice', async () => {
    const root = join(dir, 'aangeleverd', 'Export GI Noord');
    const stage = async (relativePath: string) =>
      (
        await call<{ stagedId: string }>('files.stage', {
          fileName: relativePath.split('/').pop(),
          relativePath,
          bytes: new Uint8Array(readFileSync(join(root, ...relativePath.split('/').slice(1)))),
        })
      ).stagedId;
    const copy = async (relativePath: string, from: string) =>
      (await call<{ stagedId: string }>('files.stage', { fileName: 'kopie.txt', relativePath, bytes: new Uint8Array(readFileSync(join(root, from))) })).stagedId;
    const stagedIds = [
      await stage('Export GI Noord/Beleid/werkinstructie.pdf'),
      await stage('Export GI Noord/bijlagen.zip'),
      await copy('Export GI Noord/Nieuw/verslag.txt', 'Beleid/begroting.xlsx'),
      await copy('Export GI Noord/Nieuw/kopie/verslag.txt', 'Beleid/begroting.xlsx'),
    ];
    const preview = (await call<BatchPreview>('batch.preview', { stagedIds }))!;
    expect(preview.name).toBe('Export GI Noord');
    expect(preview.rows.map((row) => row.relativePath)).toEqual(['Export GI Noord/Nieuw/verslag.txt']);
    const reasons = new Map(preview.refused.map((item) => [item.relativePath, item]));
    expect(reasons.get('Export GI Noord/Beleid/werkinstructie.pdf')).toMatchObject({ status: 'duplicate', reason: expect.stringContaining('al geïmporteerd') });
    expect(reasons.get('Export GI Noord/bijlagen.zip')).toMatchObject({ status: 'rejected' });
    expect(reasons.get('Export GI Noord/Nieuw/kopie/verslag.txt')).toMatchObject({ status: 'duplicate', reason: 'Hetzelfde bestand als Export GI Noord/Nieuw/verslag.txt; het wordt één keer geïmporteerd.' });
    await call('batch.discard', { batchId: preview.batchId });
  });

  it('refuses hostile zips whole with a Dutch reason and stores nothing', async () => {
    const before = counts();
    const zeros = Buffer.alloc(5 * 1024 * 1024);
    const hostile: Array<[Buffer, string]> = [
      [makeZip([{ name: 'goed.txt', data: Buffer.from('Gewone notitie.') }, { name: '../../buiten.txt', data: Buffer.from('ontsnapt') }]), 'pad buiten de zip'],
      [makeZip([{ name: '/etc/veldwerk.txt', data: Buffer.from('absoluut') }]), 'pad buiten de zip'],
      [makeZip([{ name: 'nullen.txt', data: zeros, deflate: true }]), 'meer dan 200 keer zo groot'],
      [makeZip([{ name: 'liegt.txt', data: zeros, deflate: true, declaredSize: 1024 }]), 'beschadigd of onvolledig'],
      [Buffer.from('PK\u0003\u0004 dit is geen zip'), 'beschadigd of onvolledig'],
      [makeZip(Array.from({ length: 5001 }, (_, index) => ({ name: `map/leeg-${index}.txt`, data: Buffer.alloc(0) }))), 'meer dan 5.000 onderdelen'],
    ];
    expect(deflateRawSync(zeros).length).toBeLessThan(zeros.length / 200);
    for (const [bytes, reason] of hostile) {
      await expect(call('batch.preview', { stagedIds: [await stageZip(bytes)] })).rejects.toThrow(reason);
    }
    expect(counts()).toEqual(before);
    // Entries unpacked before the zip was refused (goed.txt) are gone with their folder, the staged zip too.
    expect(ownTempFiles()).toBe(0);
  });
});

describe('veldwerk import with a folder or zip', () => {
  it('prints the table, refuses a batch with files lacking a type whole, and imports with --type', () => {
    const file = join(dir, 'cli.veldwerk');
    expect(veldwerk(['init', file, '--name', 'Batch']).code).toBe(0);
    const folder = join(dir, 'los');
    mkdirSync(join(folder, 'Interviews'), { recursive: true });
    writeFileSync(join(folder, 'verslag.txt'), 'Verslag zonder map die het soort noemt.');
    writeFileSync(join(folder, 'Interviews', 'gesprek.txt'), 'Gesprek met een fictieve jeugdige.');
    const sourceTotal = () => (JSON.parse(veldwerk(['stats', file, '--json']).stdout) as { sources: { total: number } }).sources.total;
    const refused = veldwerk(['import', file, folder, '--institution', 'GI West']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Interviews/gesprek.txt → "gesprek" [GI West (nieuw) | interview');
    expect(refused.stderr).toContain('verslag.txt: type ontbreekt');
    expect(refused.stderr).not.toContain('gesprek.txt');
    expect(refused.stderr).toContain('Er is niets geïmporteerd');
    expect(sourceTotal()).toBe(0);

    const manifest = join(dir, 'bestanden.csv');
    writeFileSync(manifest, 'bestand;instelling;type;titel\nBeleid/werkinstructie.pdf;GI West;beleidsdocument;Werkinstructie contact\n');
    const done = veldwerk(['import', file, join(dir, 'export.zip'), '--institution', 'GI West', '--type', 'interview', '--manifest', manifest]);
    expect(done.stdout).toContain('geweigerd: Export GI Noord/bijlagen.zip: Een zip-bestand in de map of zip');
    expect(done.stdout).toContain('"Gesprek met moeder over het plan" [GI West (nieuw) | interview | ouder | ots | 2026-03-12]');
    expect(done.stdout).toContain('"Werkinstructie contact" [GI West (nieuw) | beleidsdocument');
    expect(done.stdout).toContain('3 van 5 bestanden geïmporteerd.');
  });
});
