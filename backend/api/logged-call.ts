/**
 * How a read call the contract marks `logged` runs (issue 12): the handler
 * runs as any read (it may take long and runs beside writes), then its result
 * (done, or refused and why) is recorded as an action of the open study and
 * sealed into the hash chain. Not inside an action context: a read changes
 * nothing, and what it describes comes from its input (logbook/read-actions.ts).
 */
import type { CallName } from '../../shared/api/contract';
import { describeLoggedCall, recordReadAction } from '../logbook/read-actions';
import type { Session } from './session';
import type { CallOutcome } from './writing-call';

export async function runLoggedRead(session: Session, call: CallName, rawInput: unknown, run: () => Promise<CallOutcome>): Promise<CallOutcome> {
  const outcome = await run();
  const study = session.openStudy;
  if (!study || !study.db.open) return outcome;
  try {
    const actionId = recordReadAction(study, call, describeLoggedCall(study, call, rawInput), outcome.ok ? { result: 'done' } : { result: 'refused', reason: outcome.error.message });
    // The Logboek view in every window shows the new line.
    session.reportStudyChanged({ type: 'study-changed', entities: ['logbook'], actionId, reopened: false });
  } catch (error) {
    // The export itself succeeded; a log that cannot be written must not hide it, but is reported.
    console.error(error);
  }
  return outcome;
}
