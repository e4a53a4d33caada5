/**
 * Every writing call records one action: id, call, Dutch label, inspector,
 * clock, the objects it touched and its result; its change records point to
 * it; a refusal is recorded after the rollback. Actions travel in bundles,
 * and reading a bundle again adds none.
 */
import { writeFileSync } from 'node:fs';
import type { ActionRow } from '../../backend/store/action-context';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, toApiError, type DispatchResult } from '../../backend/api/handlers';
import { runWritingCall } from '../../backend/api/writing-call';
import { UserError } from '../../backend/errors';
import { Session } from '../../backend/api/session';
import { exportBundle } from '../../backend/merge/export';
import { actionsToExport } from '../../backend/merge/bundle-actions';
import { createStudy } from '../../backend/study/setup';
import type { Study } from '../../backend/study/study';
import { decodeHlc } from '../../shared/hlc';
import { contract, CALL_NAMES } from '../../shared/api/contract';
import { ACTION_LABELS } from '../../shared/api/action-labels';
import { addTextSource, codeId } from '../helpers/sources';
import { tempDir } from '../helpers/temp-study';
import { copyFor, PASSPHRASE, TEAM_SETUP, TEST_WORK_FACTOR } from '../property/merge-kit';

const dir = tempDir('veldwerk-actions-');
let lead: Study;
let session: Session;
let sourceId: string;

beforeAll(async () => {
  process.env.VELDWERK_BUNDLE_SCRYPT_LOG_N = String(TEST_WORK_FACTOR);
  lead = createStudy(join(dir, 'lead.veldwerk'), TEAM_SETUP);
  sourceId = await addTextSource(lead, dir, 'Jeugdige: ik heb mijn jeugdbeschermer nooit alleen gesproken.');
  session = new Session({ kind: 'cli', demoStudyPath: () => '' });
  session.setStudy(lead);
  const inspector = lead.inspectors().find((candidate) => candidate.initials === 'LL')!;
  await dispatch(session, 'session.setInspector', { inspectorId: inspector.id });
});

afterAll(() => {
  delete process.env.VELDWERK_BUNDLE_SCRYPT_LOG_N;
  session.close();
});

const lastAction = (study: Study, call: string) =>
  study.db.prepare('SELECT * FROM action WHERE call = ? ORDER BY seq DESC LIMIT 1').get(call) as ActionRow;
const changesOfAction = (study: Study, actionId: string) =>
  study.db.prepare('SELECT entity, entity_id FROM change_log WHERE action_id = ?').all(actionId) as Array<{ entity: string; entity_id: string }>;

function valueOf<T>(result: DispatchResult): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

describe('a writing call', () => {
  it('records one action with its label, inspector, clock and objects; its changes point to it', async () => {
    const coding = valueOf<{ id: string }>(
      await dispatch(session, 'coding.create', { sourceId, codeId: codeId(lead, 'contact'), start: 0, end: 8, valence: 'negatief' }),
    );
    const action = lastAction(lead, 'coding.create');
    expect(action.label).toBe('Codering toegevoegd');
    expect(action.result).toBe('done');
    expect(action.reason).toBeNull();
    expect(action.inspector_id).toBe(lead.currentInspectorId);
    expect(action.replica_id).toBe(lead.replicaId);
    expect(decodeHlc(action.hlc).replicaId).toBe(lead.replicaId);
    expect(JSON.parse(action.objects)).toEqual([{ entity: 'coding', id: coding.id }]);
    expect(changesOfAction(lead, action.id)).toEqual([{ entity: 'coding', entity_id: coding.id }]);
  });

  it('records a refusal with the reason, and no change', async () => {
    const result = await dispatch(session, 'coding.update', { id: crypto.randomUUID(), note: 'bestaat niet' });
    expect(result.ok).toBe(false);
    const action = lastAction(lead, 'coding.update');
    expect(action.result).toBe('refused');
    expect(action.reason).toBe(result.ok ? null : result.error.message);
    expect(changesOfAction(lead, action.id)).toEqual([]);
  });

  it('that rolls back what it wrote records only its refusal, after the rollback', async () => {
    const before = lead.db.prepare('SELECT count(*) FROM change_log').pluck().get();
    const institutionId = crypto.randomUUID();
    const outcome = await runWritingCall(session, 'institution.create', async () => {
      try {
        lead.db.transaction(() => {
          lead.write([{ entity: 'institution', entityId: institutionId, fields: { name: 'GI Halverwege' } }]);
          throw new UserError('Halverwege geweigerd.');
        })();
        return { ok: true, value: null };
      } catch (error) {
        return { ok: false, error: toApiError(error) };
      }
    });
    expect(outcome.ok).toBe(false);
    const action = lastAction(lead, 'institution.create');
    expect(action.result).toBe('refused');
    expect(action.reason).toBe('Halverwege geweigerd.');
    expect(lead.db.prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(before);
    expect(lead.db.prepare('SELECT count(*) FROM institution WHERE id = ?').pluck().get(institutionId)).toBe(0);
  });

  it('that changes nothing in the change log still records its action, without objects', async () => {
    const inspector = lead.inspectors().find((candidate) => candidate.initials === 'LL')!;
    valueOf(await dispatch(session, 'session.setInspector', { inspectorId: inspector.id }));
    const action = lastAction(lead, 'session.setInspector');
    expect(action.label).toBe('Inspecteur gekozen');
    expect(action.result).toBe('done');
    expect(JSON.parse(action.objects)).toEqual([]);
  });

  it('undo records what it undid in its label', async () => {
    valueOf(await dispatch(session, 'undo', {}));
    const action = lastAction(lead, 'undo');
    expect(action.label).toBe('Ongedaan gemaakt: Coderen');
    expect(changesOfAction(lead, action.id).map((change) => change.entity)).toEqual(['coding']);
  });

  it('a read records nothing', async () => {
    const count = () => lead.db.prepare('SELECT count(*) FROM action').pluck().get();
    const before = count();
    valueOf(await dispatch(session, 'sources.list', {}));
    valueOf(await dispatch(session, 'evidence.matrix', {}));
    expect(count()).toBe(before);
  });
});

describe('the catalogue', () => {
  it('has a Dutch label for every writing call and none for a read', () => {
    const writing = CALL_NAMES.filter((name) => contract[name].writes.length > 0).sort();
    expect(Object.keys(ACTION_LABELS).sort()).toEqual(writing);
  });
});

describe('actions in bundles', () => {
  it('travel to the lead, the merge is an action named after the sender, and reading again adds nothing', async () => {
    const anna = copyFor(lead, dir, 'AA', 'anna');
    // Born with the lead's actions, the copy hands on only what happens on it.
    expect(actionsToExport(anna.db, false).actions).toEqual([]);
    expect(actionsToExport(anna.db, true).actions.length).toBeGreaterThan(0);
    const annaSession = new Session({ kind: 'cli', demoStudyPath: () => '' });
    annaSession.setStudy(anna);
    valueOf(await dispatch(annaSession, 'coding.create', { sourceId, codeId: codeId(anna, 'veiligheid'), start: 0, end: 8 }));
    await dispatch(annaSession, 'coding.delete', { id: crypto.randomUUID() });
    const annaActions = anna.db.prepare('SELECT id FROM action WHERE replica_id = ?').pluck().all(anna.replicaId) as string[];
    expect(annaActions.length).toBeGreaterThanOrEqual(2);

    const made = await exportBundle(anna, { passphrase: PASSPHRASE, scryptWorkFactor: TEST_WORK_FACTOR });
    made.commit();
    const bundlePath = join(dir, 'anna.vwbundle');
    writeFileSync(bundlePath, made.bytes);
    annaSession.close();

    const stagedId = session.registerLocalFile(bundlePath);
    valueOf(await dispatch(session, 'bundle.apply', { stagedId, passphrase: PASSPHRASE }));
    const arrived = lead.db.prepare('SELECT id, result FROM action WHERE replica_id = ? ORDER BY hlc').all(anna.replicaId) as Array<{ id: string; result: string }>;
    expect(arrived.map((row) => row.id).sort()).toEqual([...annaActions].sort());
    expect(arrived.some((row) => row.result === 'refused')).toBe(true);
    const merge = lastAction(lead, 'bundle.apply');
    expect(merge.label).toBe('Bundel van AA samengevoegd');
    expect(merge.replica_id).toBe(lead.replicaId);

    const count = () => lead.db.prepare('SELECT count(*) FROM action').pluck().get() as number;
    const before = count();
    const again = await dispatch(session, 'bundle.apply', { stagedId: session.registerLocalFile(bundlePath), passphrase: PASSPHRASE });
    expect(again.ok).toBe(false);
    // Only the refusal of the second read is new: no action of the bundle twice.
    expect(count()).toBe(before + 1);
    expect(lastAction(lead, 'bundle.apply').result).toBe('refused');
  });
});
