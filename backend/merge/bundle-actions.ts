/**
 * Actions in bundles: the action rows (see store/schema.ts, migration 7) a
 * bundle carries beside its change records, so every copy learns who did
 * what, with which result, including refusals and calls that changed nothing.
 * An action keeps its id, replica and clock everywhere; reading one again is
 * a no-op (INSERT OR IGNORE on its id), so re-importing a bundle changes
 * nothing. The merge itself is an action of the copy that reads the bundle.
 */
import { currentAction, describeAction } from '../store/action-context';
import type { ActionRow } from '../store/action-context';
import type { Db } from '../store/open-study';
import { readMeta, writeMeta, type Study } from '../study/study';
import type { BundleAction, BundleHeader } from './bundle-format';
import { chainFieldsOf, checkIncomingChain, sealedActionsAfter } from '../logbook/bundle-chain';

/** The highest action seq already put in a bundle (the actions' "since the last exchange"). */
const EXPORT_ACTION_SEQ = 'export_action_seq';

/** The actions to put in a bundle: all, or those stored since the last export; and the seq to record once it is saved. */
export function actionsToExport(db: Db, all: boolean): { actions: BundleAction[]; seq: number } {
  const since = all ? 0 : Number(readMeta(db, EXPORT_ACTION_SEQ) ?? 0);
  const rows = sealedActionsAfter(db, since);
  return {
    seq: rows.at(-1)?.seq ?? since,
    actions: rows.map((row) => ({
      ...chainFieldsOf(row),
      id: row.id,
      call: row.call,
      label: row.label,
      inspectorId: row.inspector_id,
      hlc: row.hlc,
      replicaId: row.replica_id,
      objects: JSON.parse(row.objects) as BundleAction['objects'],
      result: row.result,
      reason: row.reason,
    })),
  };
}

/** A copy is born with the actions of the study it came from: that one hands them on, the copy starts after them. */
export function startActionsAfterCopy(db: Db): void {
  const seq = db.prepare('SELECT coalesce(max(seq), 0) FROM action').pluck().get() as number;
  writeMeta(db, EXPORT_ACTION_SEQ, String(seq));
}

export function recordActionsExported(db: Db, seq: number): void {
  if (seq > Number(readMeta(db, EXPORT_ACTION_SEQ) ?? 0)) writeMeta(db, EXPORT_ACTION_SEQ, String(seq));
}

/**
 * Inside the merge's transaction: store the actions the bundle carries (those
 * already here are skipped) and record the merge as this copy's action.
 */
export function storeBundleActions(study: Study, header: BundleHeader, actions: readonly BundleAction[]): void {
  const insert = study.db.prepare(
    `INSERT OR IGNORE INTO action (id, call, label, inspector_id, hlc, replica_id, objects, result, reason, chain_index, prev_hash, hash, sealed_late)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // The chain the bundle carries is checked before anything is stored: a line that was edited, or that differs
  // from the line this study already holds at its place, refuses the whole bundle (logbook/bundle-chain.ts).
  const kept = checkIncomingChain(study.db, actions);
  for (const action of kept) {
    insert.run(
      action.id, action.call, action.label, action.inspectorId, action.hlc, action.replicaId, JSON.stringify(action.objects), action.result, action.reason,
      action.chainIndex ?? null, action.prevHash ?? null, action.hash ?? null, action.sealedLate ?? 0,
    );
  }
  const merge = currentAction();
  if (!merge) return;
  describeAction({ sender: senderName(study.db, header) });
  merge.objects.set(`bundle/${header.bundleId}`, { entity: 'bundle', id: header.bundleId });
  study.writer.recordAction(merge, study.currentInspectorId, { result: 'done' });
}

/** The sender's initials as this copy knows them, else as the bundle names them. */
export function senderName(db: Db, header: BundleHeader): string {
  const initials = header.senderInspectorId
    ? (db.prepare('SELECT initials FROM inspector WHERE id = ?').pluck().get(header.senderInspectorId) as string | null | undefined)
    : undefined;
  return initials ?? header.senderInspector ?? 'een andere kopie';
}
