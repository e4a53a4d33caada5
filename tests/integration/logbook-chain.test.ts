/**
 * The logbook (issue 12): one line per action with its result, reads that
 * matter (exports, copies) recorded too, every replica's lines hash-chained,
 * carried in bundles and checked there, and `log verify` finding an edited, a
 * deleted and an inserted line in the study file itself.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type DispatchResult } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { readLogbook } from '../../backend/logbook/logbook';
import { verifyLogbook } from '../../backend/logbook/verify';
import { applyRetention } from '../../backend/logbook/retention';
import { exportBundle } from '../../backend/merge/export';
import { actionHash } from '../../backend/store/action-chain';
import type { ActionRow } from '../../backend/store/action-context';
import { openStudyFile, type Db } from '../../backend/store/open-study';
import { MIGRATIONS } from '../../backend/store/schema';
import { createStudy } from '../../backend/study/setup';
import { Study } from '../../backend/study/study';
import { addTextSource, codeId } from '../helpers/sources';
import { tempDir } from '../helpers/temp-study';
import { veldwerk } from '../helpers/cli';
import { PASSPHRASE, TEAM_SETUP, TEST_WORK_FACTOR } from '../property/merge-kit';
import { writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { recordStudyOpened } from '../../backend/logbook/read-actions';
import { CALL_NAMES, contract } from '../../shared/api/contract';
import { LOGGED_READ_LABELS } from '../../shared/api/action-labels';

const dir = tempDir('veldwerk-logketen-');
let lead: Study;
let session: Session;
let sourceId: string;

function valueOf<T>(result: DispatchResult): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

async function sessionAs(study: Study, initials: string): Promise<Session> {
  const opened = new Session({ kind: 'cli', demoStudyPath: () => '' });
  opened.setStudy(study);
  const inspector = study.inspectors().find((candidate) => candidate.initials === initials)!;
  valueOf(await dispatch(opened, 'session.setInspector', { inspectorId: inspector.id }));
  return opened;
}

const rowsOf = (db: Db) => db.prepare('SELECT * FROM action ORDER BY seq').all() as ActionRow[];

beforeAll(async () => {
  process.env.VELDWERK_BUNDLE_SCRYPT_LOG_N = String(TEST_WORK_FACTOR);
  lead = createStudy(join(dir, 'lead.veldwerk'), TEAM_SETUP);
  sourceId = await addTextSource(lead, dir, 'Ouder: de jeugdbeschermer kwam pas na zes weken langs.');
  session = await sessionAs(lead, 'LL');
});

afterAll(() => {
  delete process.env.VELDWERK_BUNDLE_SCRYPT_LOG_N;
  session.close();
});

describe('the logbook', () => {
  it('holds one line per action with its result, also for exports, full or pseudonymised, and refused reads', async () => {
    valueOf(await dispatch(session, 'coding.create', { sourceId, codeId: codeId(lead, 'contact'), start: 0, end: 5 }));
    expect((await dispatch(session, 'coding.update', { id: crypto.randomUUID(), note: 'bestaat niet' })).ok).toBe(false);
    valueOf(await dispatch(session, 'exchange.export', { kind: 'segments', full: true }));
    valueOf(await dispatch(session, 'exchange.export', { kind: 'segments' }));
    const refusedRead = await dispatch(session, 'survey.exportTable', { question: 'Bestaat deze vraag?' });
    expect(refusedRead.ok).toBe(false);

    const [refused, pseudonymised, full, refusedWrite, coded] = readLogbook(lead);
    expect(coded).toMatchObject({ call: 'coding.create', result: 'done', inspector: 'LL', objects: 1 });
    expect(refusedWrite).toMatchObject({ call: 'coding.update', result: 'refused' });
    expect(full).toMatchObject({ call: 'exchange.export', label: 'Geëxporteerd: gecodeerde fragmenten (Excel) (volledig, met namen)', result: 'done' });
    expect(pseudonymised!.label).toBe('Geëxporteerd: gecodeerde fragmenten (Excel) (gepseudonimiseerd)');
    expect(refused).toMatchObject({ call: 'survey.exportTable', result: 'refused', reason: refusedRead.ok ? null : refusedRead.error.message });

    // Every line is sealed into this copy's chain, in the order the calls finished.
    const own = rowsOf(lead.db).filter((row) => row.replica_id === lead.replicaId);
    expect(own.map((row) => row.chain_index)).toEqual(own.map((_, index) => index + 1));
    expect(verifyLogbook(lead.db)).toMatchObject({ ok: true, breaks: [] });
  });

  it('survives a merge: a bundle from a copy brings its lines (a copy and an export among them), and its chain still closes', async () => {
    const copyPath = join(dir, 'anna.veldwerk');
    valueOf(await dispatch(session, 'study.copyForInspector', { initials: 'AA', targetPath: copyPath }));
    expect(readLogbook(lead)[0]).toMatchObject({ call: 'study.copyForInspector', label: 'Kopie gemaakt voor inspecteur AA', result: 'done' });

    const anna = Study.open(copyPath);
    const annaSession = await sessionAs(anna, 'AA');
    valueOf(await dispatch(annaSession, 'coding.create', { sourceId, codeId: codeId(anna, 'veiligheid'), start: 6, end: 12 }));
    valueOf(await dispatch(annaSession, 'exchange.export', { kind: 'qdc' }));
    const annaLines = rowsOf(anna.db).filter((row) => row.replica_id === anna.replicaId);
    expect(annaLines.map((row) => row.call)).toEqual(['session.setInspector', 'coding.create', 'exchange.export']);

    const made = await exportBundle(anna, { passphrase: PASSPHRASE, scryptWorkFactor: TEST_WORK_FACTOR });
    made.commit();
    const bundlePath = join(dir, 'anna.vwbundle');
    writeFileSync(bundlePath, made.bytes);
    valueOf(await dispatch(session, 'bundle.apply', { stagedId: session.registerLocalFile(bundlePath), passphrase: PASSPHRASE }));

    const arrived = rowsOf(lead.db).filter((row) => row.replica_id === anna.replicaId);
    expect(arrived.map(({ id, hash, chain_index }) => ({ id, hash, chain_index }))).toEqual(
      annaLines.map(({ id, hash, chain_index }) => ({ id, hash, chain_index })),
    );
    const report = verifyLogbook(lead.db);
    expect(report.ok).toBe(true);
    expect(report.replicas.find((chain) => chain.replicaId === anna.replicaId)).toMatchObject({ lines: 3, first: 1, last: 3, own: false });

    // A copy that edits a line it already handed on, and sends it again, is refused whole.
    anna.db.prepare("UPDATE action SET result = 'done', label = 'Niets aan de hand' WHERE id = ?").run(annaLines[1]!.id);
    valueOf(await dispatch(annaSession, 'coding.create', { sourceId, codeId: codeId(anna, 'hulp'), start: 13, end: 20 }));
    const again = await exportBundle(anna, { passphrase: PASSPHRASE, all: true, scryptWorkFactor: TEST_WORK_FACTOR });
    writeFileSync(bundlePath, again.bytes);
    const before = rowsOf(lead.db).length;
    const refused = await dispatch(session, 'bundle.apply', { stagedId: session.registerLocalFile(bundlePath), passphrase: PASSPHRASE });
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.error.message).toMatch(/logboek van kopie .* niet te vertrouwen/);
    expect(rowsOf(lead.db).length).toBe(before + 1);
    expect(lead.db.prepare('SELECT label FROM action WHERE id = ?').pluck().get(annaLines[1]!.id)).toBe(annaLines[1]!.label);

    // A line in the lead's name, correctly chained onto the lead's head, that the lead never wrote: forged, refused.
    anna.db.prepare("UPDATE action SET result = 'refused', label = ? WHERE id = ?").run(annaLines[1]!.label, annaLines[1]!.id);
    const head = lead.db.prepare('SELECT chain_index, hash FROM action WHERE replica_id = ? ORDER BY chain_index DESC LIMIT 1').get(lead.replicaId) as { chain_index: number; hash: string };
    const forged = { id: crypto.randomUUID(), call: 'coding.delete', label: 'Codering verwijderd', inspector_id: null, hlc: `${String(Date.now()).padStart(15, '0')}-000000-${lead.replicaId}`, replica_id: lead.replicaId, objects: '[]', result: 'done' as const, reason: null, chain_index: head.chain_index + 1, prev_hash: head.hash, sealed_late: 0 };
    anna.db
      .prepare('INSERT INTO action (id, call, label, inspector_id, hlc, replica_id, objects, result, reason, chain_index, prev_hash, hash, sealed_late) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(forged.id, forged.call, forged.label, null, forged.hlc, forged.replica_id, '[]', 'done', null, forged.chain_index, forged.prev_hash, actionHash(forged), 0);
    valueOf(await dispatch(annaSession, 'coding.create', { sourceId, codeId: codeId(anna, 'bestuur'), start: 21, end: 25 }));
    writeFileSync(bundlePath, (await exportBundle(anna, { passphrase: PASSPHRASE, scryptWorkFactor: TEST_WORK_FACTOR })).bytes);
    const impersonated = await dispatch(session, 'bundle.apply', { stagedId: session.registerLocalFile(bundlePath), passphrase: PASSPHRASE });
    expect(impersonated.ok ? '' : impersonated.error.message).toMatch(/op naam van deze kopie, maar deze kopie heeft hem niet geschreven/);
    expect(lead.db.prepare('SELECT count(*) FROM action WHERE id = ?').pluck().get(forged.id)).toBe(0);
    annaSession.close();
  });

  it('log verify finds an edited, a deleted and an inserted line in the study file, and says so in Dutch with exit code 1', () => {
    // A second connection to the file, as a tool outside Veldwerk would edit it.
    const file = openStudyFile(lead.path);
    const own = rowsOf(file).filter((row) => row.replica_id === lead.replicaId);
    const middle = own[Math.floor(own.length / 2)]!;
    const last = own.at(-1)!;
    const breaks = () => verifyLogbook(file).breaks.map((item) => ({ kind: item.kind, at: item.chainIndex }));
    const reinsert = (row: ActionRow) =>
      file.prepare(`INSERT INTO action (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map(() => '?').join(', ')})`).run(...Object.values(row));

    file.prepare("UPDATE action SET label = 'Niets gedaan' WHERE id = ?").run(middle.id);
    expect(breaks()).toEqual([{ kind: 'gewijzigd', at: middle.chain_index }]);
    const cli = veldwerk(['log', 'verify', lead.path]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`regel ${middle.chain_index} (Niets gedaan`);
    expect(cli.stdout).toContain('is gewijzigd: de inhoud klopt niet met de hash');
    // Rewriting its hash too moves the break to the next line, which no longer follows it.
    const forged = { ...middle, label: 'Niets gedaan' };
    file.prepare('UPDATE action SET hash = ? WHERE id = ?').run(actionHash({ ...forged, chain_index: middle.chain_index!, prev_hash: middle.prev_hash! }), middle.id);
    expect(breaks()).toEqual([{ kind: 'sluit-niet-aan', at: middle.chain_index! + 1 }]);
    file.prepare('DELETE FROM action WHERE id = ?').run(middle.id);
    reinsert(middle);
    expect(verifyLogbook(file).ok).toBe(true);

    file.prepare('DELETE FROM action WHERE id = ?').run(middle.id);
    expect(breaks()).toEqual([{ kind: 'ontbreekt', at: middle.chain_index }]);
    reinsert(middle);
    file.prepare('DELETE FROM action WHERE id = ?').run(last.id);
    expect(breaks()).toEqual([{ kind: 'ontbreekt', at: last.chain_index }]);
    reinsert(last);

    file
      .prepare("INSERT INTO action (id, call, label, inspector_id, hlc, replica_id, objects, result, reason) VALUES (?, 'coding.create', 'Codering toegevoegd', NULL, ?, ?, '[]', 'done', NULL)")
      .run(crypto.randomUUID(), middle.hlc, lead.replicaId);
    expect(breaks()).toEqual([{ kind: 'buiten-keten', at: null }]);
    expect(veldwerk(['log', 'verify', lead.path]).stdout).toContain('staat buiten de keten');
    file.prepare('DELETE FROM action WHERE chain_index IS NULL').run();
    expect(verifyLogbook(file)).toMatchObject({ ok: true, breaks: [] });
    file.close();
  });

  it('records a command line export, and the opening by a command that records nothing else; reading the log adds nothing', () => {
    const before = rowsOf(lead.db).length;
    expect(veldwerk(['export', 'judgments', lead.path, '--out', join(dir, 'oordelen.xlsx'), '--full']).code).toBe(0);
    expect(veldwerk(['stats', lead.path]).code).toBe(0);
    expect(veldwerk(['log', lead.path]).code).toBe(0);
    const [opened, exported] = readLogbook(lead);
    expect(opened).toMatchObject({ call: 'study.open', label: 'Onderzoek geopend (opdrachtregel: veldwerk stats)', result: 'done' });
    expect(exported).toMatchObject({ call: 'exchange.export', label: 'Geëxporteerd: oordelen (Excel) (volledig, met namen)', result: 'done' });
    expect(rowsOf(lead.db).length).toBe(before + 2);
    expect(verifyLogbook(lead.db).ok).toBe(true);
  });

  it('has a Dutch label for every read the contract marks as logged, and a logged call writes nothing', () => {
    const logged = CALL_NAMES.filter((name) => contract[name].logged);
    expect(logged.length).toBeGreaterThan(0);
    for (const name of logged) {
      expect(LOGGED_READ_LABELS[name], name).toBeTypeOf('function');
      expect(contract[name].writes, name).toEqual([]);
    }
  });

  it('undoing the merge puts the old file back but keeps every line this copy wrote since, and the chain closes', async () => {
    const ownIds = (db: Db) => rowsOf(db).filter((row) => row.replica_id === lead.replicaId).map((row) => row.id);
    const before = ownIds(lead.db);
    valueOf(await dispatch(session, 'merge.undo', {}));
    const restored = session.openStudy!;
    expect(ownIds(restored.db).slice(0, before.length)).toEqual(before);
    expect(readLogbook(restored)[0]).toMatchObject({ call: 'merge.undo', result: 'done' });
    expect(verifyLogbook(restored.db)).toMatchObject({ ok: true, breaks: [] });
  });

  it('retention removes the lines older than the term, logs that it did, and keeps verify green through a checkpoint', async () => {
    const study = createStudy(join(dir, 'bewaar.veldwerk'), TEAM_SETUP);
    const kept = await sessionAs(study, 'LL');
    valueOf(await dispatch(kept, 'institution.create', { name: 'GI West' }));
    valueOf(await dispatch(kept, 'logbook.setRetention', { days: 365 }));
    const lines = rowsOf(study.db);
    expect(lines.map((row) => row.label)).toEqual(['Inspecteur gekozen', 'Instelling toegevoegd', 'Bewaartermijn van het logboek gezet op 365 dagen']);

    // A year and a day later (the removal is given its clock) every line so far is past the term.
    expect(applyRetention(study, Date.now() + 366 * 86_400_000)).toBe(3);
    const [removal] = rowsOf(study.db);
    expect(removal).toMatchObject({ call: 'logbook.retention', label: 'Logboekregels verwijderd na de bewaartermijn (3 regels ouder dan 365 dagen)', chain_index: 4 });
    expect(verifyLogbook(study.db)).toMatchObject({ ok: true, replicas: [{ removed: 3, first: 4, last: 4 }] });
    valueOf(await dispatch(kept, 'institution.create', { name: 'GI Oost' }));
    expect(verifyLogbook(study.db)).toMatchObject({ ok: true, replicas: [{ lines: 2, last: 5 }] });
    expect(valueOf<{ retention: unknown }>(await dispatch(kept, 'logbook.list', {})).retention).toEqual({ days: 365, removed: 3 });

    // The same setting from the command line; a term under 30 days is refused in Dutch and changes nothing.
    const tooShort = veldwerk(['log', 'retention', study.path, '--days', '7']);
    expect(tooShort.code).toBe(1);
    expect(tooShort.stderr).toMatch(/Fout: Ongeldige invoer \(veld days\)/);
    expect(veldwerk(['log', 'retention', study.path, '--days', '730'])).toMatchObject({ code: 0, stdout: 'Bewaartermijn: 730 dagen. Tot nu toe 3 regels verwijderd.\n' });
    expect(readLogbook(study)[0]).toMatchObject({ label: 'Bewaartermijn van het logboek gezet op 730 dagen', result: 'done' });
    expect(verifyLogbook(study.db).ok).toBe(true);

    // Without its checkpoint the kept chain no longer starts where it should.
    study.db.prepare('DELETE FROM action_checkpoint').run();
    expect(verifyLogbook(study.db).breaks.map((item) => item.kind)).toEqual(['ontbreekt']);
    kept.close();
  });

  it('seals a line a killed call left open at the next start, marked late; a line of a process that still runs is left to it', async () => {
    const study = createStudy(join(dir, 'afgebroken.veldwerk'), TEAM_SETUP);
    const open = (pid: number) => {
      const id = crypto.randomUUID();
      study.db
        .prepare("INSERT INTO action (id, call, label, inspector_id, hlc, replica_id, objects, result, reason) VALUES (?, 'sources.import', 'Bronnen geïmporteerd', NULL, ?, ?, '[]', 'done', NULL)")
        .run(id, `${String(Date.now()).padStart(15, '0')}-000000-${study.replicaId}`, study.replicaId);
      study.db.prepare('INSERT INTO action_open (action_id, pid, host) VALUES (?, ?, ?)').run(id, pid, hostname());
      return id;
    };
    const exited = spawnSync(process.execPath, ['-e', '0']).pid!;
    const killed = open(exited);
    const running = open(process.ppid);
    recordStudyOpened(study, 'test');
    const sealed = (id: string) => study.db.prepare('SELECT chain_index, sealed_late FROM action WHERE id = ?').get(id);
    expect(sealed(killed)).toEqual({ chain_index: 1, sealed_late: 1 });
    expect(sealed(running)).toEqual({ chain_index: null, sealed_late: 0 });
    expect(verifyLogbook(study.db).breaks.map((item) => item.kind)).toEqual(['buiten-keten']);
    study.close();
  });

  it('chains the lines a study already held when the migration runs, per replica in clock order', async () => {
    const study = createStudy(join(dir, 'oud.veldwerk'), TEAM_SETUP);
    const older = await sessionAs(study, 'AA');
    valueOf(await dispatch(older, 'institution.create', { name: 'GI West' }));
    valueOf(await dispatch(older, 'institution.create', { name: 'GI Oost' }));
    // The study as it was before the chain: no chain columns, no checkpoints.
    const migration = MIGRATIONS.find((sql) => sql.includes('CREATE TABLE action_checkpoint'))!;
    study.db.exec(`DROP INDEX action_chain; DROP INDEX action_time; DROP INDEX action_call; DROP TABLE action_checkpoint; DELETE FROM meta WHERE key = 'action_chain_head';
      ALTER TABLE action DROP COLUMN chain_index; ALTER TABLE action DROP COLUMN prev_hash; ALTER TABLE action DROP COLUMN hash; ALTER TABLE action DROP COLUMN sealed_late; ALTER TABLE study DROP COLUMN log_retention_days; DROP TABLE action_open;`);
    study.db.exec(migration);
    const rows = study.db.prepare('SELECT * FROM action ORDER BY hlc').all() as ActionRow[];
    expect(rows.map((row) => row.chain_index)).toEqual([1, 2, 3]);
    expect(verifyLogbook(study.db).ok).toBe(true);
    // New lines continue the migrated chain.
    valueOf(await dispatch(older, 'institution.create', { name: 'GI Zuidwest' }));
    expect(verifyLogbook(study.db)).toMatchObject({ ok: true, replicas: [{ lines: 4, last: 4 }] });
    older.close();
  });
});
