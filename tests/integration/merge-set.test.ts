/**
 * Applying several bundles at once (bundle.applySet, issue 9): one backup
 * before all of them, all or none, in the merge worker; undoing the merge
 * goes back to before the whole set. Also bundle.apply through the worker:
 * `study-changed` after the commit names what the merge changed.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type DispatchResult } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { createStudy } from '../../backend/study/setup';
import type { Study } from '../../backend/study/study';
import type { BundleSetApplyResult, MergeStatus } from '../../shared/api/types';
import type { StudyChangedEvent } from '../../shared/api/study-entities';
import { addTextSource, codeId } from '../helpers/sources';
import { tempDir } from '../helpers/temp-study';
import { veldwerk } from '../helpers/cli';
import { copyFor, makeBundle, PASSPHRASE, TEAM_SETUP, TEST_WORK_FACTOR } from '../property/merge-kit';

const dir = tempDir('veldwerk-merge-set-');
let lead: Study;
let session: Session;
let sourceId: string;

beforeAll(async () => {
  process.env.VELDWERK_BUNDLE_SCRYPT_LOG_N = String(TEST_WORK_FACTOR);
  lead = createStudy(join(dir, 'lead.veldwerk'), TEAM_SETUP);
  sourceId = await addTextSource(lead, dir, 'Jeugdige: ik heb mijn jeugdbeschermer nooit alleen gesproken.');
  session = new Session({ kind: 'cli', demoStudyPath: () => '' });
  session.setStudy(lead);
});

afterAll(() => {
  delete process.env.VELDWERK_BUNDLE_SCRYPT_LOG_N;
  session.close();
});

function valueOf<T>(result: DispatchResult): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

/** A copy for `initials` that codes the source once, and its bundle written to a file. */
async function bundleFrom(initials: string, note: string): Promise<string> {
  const copy = copyFor(lead, dir, initials);
  copy.setCurrentInspector(copy.inspectors().find((inspector) => inspector.initials === initials)!.id);
  copy.write([
    {
      entity: 'coding',
      entityId: crypto.randomUUID(),
      fields: { sourceId, codeId: codeId(copy, 'veiligheid'), start: 0, end: 9, valence: 'negatief', note, quotable: 0, coderId: copy.currentInspectorId, deleted: 0 },
    },
  ]);
  const path = join(dir, `${initials}-${Math.random().toString(36).slice(2)}.vwbundle`);
  writeFileSync(path, await makeBundle(copy));
  copy.close();
  return path;
}

const notes = () => lead.db.prepare('SELECT note FROM coding WHERE deleted = 0 ORDER BY note').pluck().all() as string[];
const backups = () => readdirSync(dir).filter((name) => name.includes('.voor-samenvoegen-'));

describe('applying bundles', () => {
  it('one at a time in the worker: study-changed after the commit names the codings, with the action', async () => {
    const events: StudyChangedEvent[] = [];
    const stop = session.onStudyChanged((event) => events.push(event));
    const path = await bundleFrom('CC', 'van Cor');
    valueOf(await dispatch(session, 'bundle.apply', { stagedId: session.registerLocalFile(path), passphrase: PASSPHRASE }));
    stop();
    expect(notes()).toContain('van Cor');
    const pushed = events.find((event) => event.entities.includes('coding'));
    const action = lead.db.prepare("SELECT id, label FROM action WHERE call = 'bundle.apply' ORDER BY seq DESC LIMIT 1").get() as { id: string; label: string };
    expect(pushed?.actionId).toBe(action.id);
    expect(action.label).toBe('Bundel van CC samengevoegd');
  });

  it('several at once: one backup before all, one action, and undo goes back to before the whole set', async () => {
    const before = notes();
    const backupsBefore = backups().length;
    const paths = [await bundleFrom('AA', 'van Anna'), await bundleFrom('BB', 'van Bram')];
    const result = valueOf<BundleSetApplyResult>(
      await dispatch(session, 'bundle.applySet', { stagedIds: paths.map((path) => session.registerLocalFile(path)), passphrase: PASSPHRASE }),
    );
    expect(result.results).toHaveLength(2);
    expect(result.applied).toBe(result.results[0]!.applied + result.results[1]!.applied);
    expect(result.results.every((one) => one.backupPath === result.backupPath)).toBe(true);
    expect(backups().length).toBe(backupsBefore + 1);
    expect(notes()).toEqual([...before, 'van Anna', 'van Bram'].sort());
    const status = valueOf<MergeStatus>(await dispatch(session, 'merge.status', {}));
    expect(status.backupBundles).toBe(2);
    expect(status.backupPath).toBe(result.backupPath);
    const label = lead.db.prepare("SELECT label FROM action WHERE call = 'bundle.applySet' ORDER BY seq DESC LIMIT 1").pluck().get();
    expect(label).toBe('2 bundels samengevoegd (van AA, BB)');

    valueOf(await dispatch(session, 'merge.undo', {}));
    lead = session.requireStudy();
    expect(notes()).toEqual(before);
  });

  it('all or none: a set with a bundle of another study changes nothing and leaves no backup', async () => {
    const before = notes();
    const backupsBefore = backups().length;
    const other = createStudy(join(dir, 'ander.veldwerk'), TEAM_SETUP);
    const foreign = join(dir, 'ander.vwbundle');
    writeFileSync(foreign, await makeBundle(other, { all: true }));
    other.close();
    const good = await bundleFrom('AA', 'nog eens Anna');
    const refused = await dispatch(session, 'bundle.applySet', {
      stagedIds: [good, foreign].map((path) => session.registerLocalFile(path)),
      passphrase: PASSPHRASE,
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/^Bundel 2 van 2: /);
    expect(notes()).toEqual(before);
    expect(backups().length).toBe(backupsBefore);
    expect(existsSync(good)).toBe(true);
  });
});

describe('a refusal inside the merge of a later bundle of a set', () => {
  it('takes back the bundles before it too (one transaction) and removes the backup', async () => {
    const before = notes();
    const backupsBefore = backups().length;
    const paths = [await bundleFrom('AA', 'eerst Anna'), await bundleFrom('BB', 'dan Bram')];
    // Bram's laptop is lost after he made his bundle: his new work is refused while merging (signing.ts).
    const bram = lead.inspectors().find((inspector) => inspector.initials === 'BB')!;
    valueOf(await dispatch(session, 'team.revokeKeys', { inspectorId: bram.id }));
    const refused = await dispatch(session, 'bundle.applySet', { stagedIds: paths.map((path) => session.registerLocalFile(path)), passphrase: PASSPHRASE });
    expect(refused.ok).toBe(false);
    // Refused while merging (the message of the check in the merge's transaction), not while reading.
    if (!refused.ok) expect(refused.error.message).toMatch(/ingetrokken sleutel van Bram Bos/);
    expect(notes()).toEqual(before);
    expect(backups().length).toBe(backupsBefore);
  });
});

describe('veldwerk bundle import with several bundles', () => {
  it('applies them together after one backup and says undo goes back to before all of them; --dry-run takes one', () => {
    const cliDir = join(dir, 'cli');
    const study = join(cliDir, 'ronde.veldwerk');
    const passphraseFile = join(cliDir, 'wachtwoord.txt');
    const env = { VELDWERK_BUNDLE_SCRYPT_LOG_N: String(TEST_WORK_FACTOR) };
    const run = (args: string[]) => veldwerk(args, env);
    mkdirSync(cliDir);
    createStudy(study, TEAM_SETUP).close();
    writeFileSync(passphraseFile, 'correct paard batterij nietje\n');
    const source = join(cliDir, 'gesprek.txt');
    writeFileSync(source, 'Ouder: de jeugdbeschermer kwam pas na drie weken.\n');
    expect(run(['import', study, source, '--institution', 'GI Noord', '--type', 'interview', '--role', 'ouder']).code).toBe(0);
    const bundles = ['AA', 'BB'].map((initials) => {
      const copy = join(cliDir, `${initials}.veldwerk`);
      const bundle = join(cliDir, `${initials}.vwbundle`);
      expect(run(['copy', study, copy, '--inspector', initials]).code).toBe(0);
      expect(run(['autocode', copy, 'drie weken', '--norm', 'contact', '--coder', initials]).code).toBe(0);
      expect(run(['bundle', 'export', copy, '--out', bundle, '--passphrase-file', passphraseFile]).code).toBe(0);
      return bundle;
    });
    expect(run(['bundle', 'import', study, ...bundles, '--passphrase-file', passphraseFile, '--dry-run']).code).toBe(2);
    const applied = run(['bundle', 'import', study, ...bundles, '--passphrase-file', passphraseFile]);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Bundel 2 van 2:');
    expect(applied.stdout).toMatch(/Samengevoegd: 2 bundels, \d+ wijzigingen toegepast\. Eén reservekopie van vóór alle 2 bundels: .*voor-samenvoegen/);
    expect(applied.stdout).toContain('terug naar vóór alle 2 bundels samen');
    expect(readdirSync(cliDir).filter((name) => name.includes('.voor-samenvoegen-'))).toHaveLength(1);
  });
});
