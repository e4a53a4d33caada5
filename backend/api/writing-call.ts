/**
 * How a writing call runs: inside its action (see store/action-context.ts),
 * so every change it makes points to one action row written in the same
 * transaction; a call that changed nothing records its action afterwards, a
 * refused call records its refusal after the rollback. Then the session
 * pushes `study-changed` with the entities the call changed.
 */
import { randomUUID } from 'node:crypto';
import { contract, type CallName } from '../../shared/api/contract';
import { actionLabel } from '../../shared/api/action-labels';
import { ALL_ENTITIES, isStudyEntity, type StudyEntity } from '../../shared/api/study-entities';
import type { ApiErrorShape } from '../../shared/api/contract';
import { runInAction, type ActionContext } from '../store/action-context';
import { sealAction } from '../store/action-chain';
import { prepareOpenedStudy } from '../logbook/read-actions';
import { releaseIdleOutlineWorker } from '../reports/outline-thread';
import type { Study } from '../study/study';
import type { Session } from './session';

/** Entities outside the change log: pushed whenever a call that declares them succeeds. */
const BOOKKEEPING: readonly StudyEntity[] = ['conflict', 'exchange', 'session'];

export function newAction(call: CallName): ActionContext {
  const details: Record<string, string> = {};
  return {
    actionId: randomUUID(),
    call,
    allowed: new Set(contract[call].writes),
    objects: new Map(),
    entities: new Set(),
    details,
    label: () => actionLabel(call, details),
  };
}

export type CallOutcome = { ok: true; value: unknown } | { ok: false; error: ApiErrorShape };

/**
 * Run a writing call's handler in its action. `run` returns the outcome
 * (errors already turned into Dutch messages), so the action can record it.
 */
export async function runWritingCall(session: Session, call: CallName, run: () => Promise<CallOutcome>): Promise<CallOutcome> {
  const before = session.openStudy;
  // A long job (import, merge) makes the report worker's reading stale; ended first, its memory does not add to the job's.
  if (contract[call].job && before) await releaseIdleOutlineWorker(before.path);
  const action = newAction(call);
  const outcome = await runInAction(action, run);
  if (contract[call].job) releaseCacheAfterJob(session.openStudy);
  const switched = session.openStudy !== before;
  // Another study was opened (the app's Open dialog, the demo, undoing a merge): what a host does at opening.
  if (switched && session.openStudy) prepareOpenedStudy(session.openStudy);
  const recordedIn = recordOutcome(session.openStudy, action, outcome, contract[call].switchesStudy && !switched);
  // The call is over: its line joins the copy's hash chain and never changes again.
  if (recordedIn) sealAction(session.openStudy!.db, action.actionId);
  const entities = pushedEntities(call, action, outcome.ok, switched);
  if (entities.length > 0) {
    session.reportStudyChanged({ type: 'study-changed', entities, actionId: recordedIn ? action.actionId : null, reopened: switched });
  }
  return outcome;
}

/**
 * A long job (import, merge) fills the service connection's page cache (up to
 * 64 MB) with pages the views after it rarely need: given back, so the
 * backend's memory between jobs is what the next job starts from (bench:
 * national-service). Pages read again come from the operating system's cache.
 */
function releaseCacheAfterJob(study: Study | null): void {
  if (study?.db.open) study.db.pragma('shrink_memory');
}

/** Make sure the study holds the call's action with its result; false when there is no study to hold it. */
function recordOutcome(study: Study | null, action: ActionContext, outcome: CallOutcome, openedNothing: boolean): boolean {
  if (!study || !study.db.open) return false;
  // A switch that was cancelled (no file chosen) or refused leaves the open study as it was: nothing to record there.
  if (openedNothing) return false;
  try {
    if (!outcome.ok) study.writer.recordAction(action, study.currentInspectorId, { result: 'refused', reason: outcome.error.message });
    else if (!study.writer.hasAction(action.actionId)) study.writer.recordAction(action, study.currentInspectorId, { result: 'done' });
    return true;
  } catch (error) {
    console.error(error);
    return false;
  }
}

function pushedEntities(call: CallName, action: ActionContext, ok: boolean, switched: boolean): StudyEntity[] {
  if (switched) return [...ALL_ENTITIES];
  const entities = new Set([...action.entities].filter(isStudyEntity));
  if (ok) for (const entity of contract[call].writes) if (BOOKKEEPING.includes(entity)) entities.add(entity);
  return [...entities];
}
