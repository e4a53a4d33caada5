/**
 * How bundles carry and check the logbook's hash chain (issue 12).
 *
 * A bundle carries each action line with its place in its replica's chain,
 * the previous line's hash and its own hash. Only sealed lines leave: a line
 * of a call still running here waits for the next bundle (the export marker
 * stops before it), so nothing travels that may still change.
 *
 * On import, before anything is stored, every incoming line must hash to
 * what it claims, and a line this study already holds (by id, or at the same
 * place in the same replica's chain) must be the same line. A copy cannot
 * rewrite history it has already handed on: the lead's study anchors each
 * replica's chain. A line in the name of this copy that this copy does not
 * hold is forged. Each failure refuses the whole bundle with a Dutch
 * message (tampering is an incident, BIO2 8.15). Gaps are not refused here (a
 * bundle from another copy may be read first); `veldwerk log verify` reports
 * them. Lines at or below a replica's retention checkpoint are not stored again.
 */
import { UserError } from '../errors';
import { actionHash } from '../store/action-chain';
import type { ActionRow } from '../store/action-context';
import type { Db } from '../store/open-study';
import { readMeta } from '../study/study';
import type { BundleAction } from '../merge/bundle-format';

/** The rows to export after `since`: up to (not including) the first line of this copy that is not sealed yet. */
export function sealedActionsAfter(db: Db, since: number): ActionRow[] {
  const own = readMeta(db, 'replica_id');
  const rows = db.prepare('SELECT * FROM action WHERE seq > ? ORDER BY seq').all(since) as ActionRow[];
  const open = rows.findIndex((row) => row.hash === null && row.replica_id === own);
  return open === -1 ? rows : rows.slice(0, open);
}

export function chainFieldsOf(row: ActionRow): Pick<BundleAction, 'chainIndex' | 'prevHash' | 'hash' | 'sealedLate'> {
  if (row.hash === null || row.chain_index === null || row.prev_hash === null) return {};
  return { chainIndex: row.chain_index, prevHash: row.prev_hash, hash: row.hash, sealedLate: row.sealed_late };
}

/** Check the chain lines of a bundle against themselves and against this study; returns the lines to store. */
export function checkIncomingChain(db: Db, actions: readonly BundleAction[]): BundleAction[] {
  const byId = db.prepare('SELECT id, hash, chain_index FROM action WHERE id = ?');
  const atPlace = db.prepare('SELECT id, hash FROM action WHERE replica_id = ? AND chain_index = ?');
  const checkpoint = db.prepare('SELECT chain_index FROM action_checkpoint WHERE replica_id = ?').pluck();
  const own = readMeta(db, 'replica_id');
  const kept: BundleAction[] = [];
  for (const action of actions) {
    // Only this copy writes its own chain: a line in its name that it does not hold is forged.
    if (action.replicaId === own && byId.get(action.id) === undefined) {
      const removedThrough = checkpoint.get(own) as number | undefined;
      if (action.chainIndex === undefined || removedThrough === undefined || action.chainIndex > removedThrough) {
        throw refusal(action, 'de regel staat op naam van deze kopie, maar deze kopie heeft hem niet geschreven');
      }
    }
    if (action.hash !== undefined) {
      if (action.chainIndex === undefined || action.prevHash === undefined) throw refusal(action, 'de regel mist zijn plaats in de keten');
      const recomputed = actionHash({
        id: action.id,
        call: action.call,
        label: action.label,
        inspector_id: action.inspectorId,
        hlc: action.hlc,
        replica_id: action.replicaId,
        objects: JSON.stringify(action.objects),
        result: action.result,
        reason: action.reason,
        chain_index: action.chainIndex,
        prev_hash: action.prevHash,
        sealed_late: action.sealedLate ?? 0,
      });
      if (recomputed !== action.hash) throw refusal(action, 'de inhoud van de regel klopt niet met zijn hash (gewijzigd)');
      const held = atPlace.get(action.replicaId, action.chainIndex) as { id: string; hash: string | null } | undefined;
      if (held && (held.id !== action.id || held.hash !== action.hash)) {
        throw refusal(action, 'dit onderzoek heeft op die plaats in de keten een andere regel (de geschiedenis is herschreven)');
      }
      const removedThrough = checkpoint.get(action.replicaId) as number | undefined;
      if (removedThrough !== undefined && action.chainIndex <= removedThrough) continue;
    }
    const same = byId.get(action.id) as { hash: string | null; chain_index: number | null } | undefined;
    if (same && same.hash !== null && action.hash !== undefined && same.hash !== action.hash) {
      throw refusal(action, 'dit onderzoek heeft deze handeling met een andere inhoud');
    }
    kept.push(action);
  }
  return kept;
}

function refusal(action: BundleAction, why: string): UserError {
  const place = action.chainIndex !== undefined ? `regel ${action.chainIndex}` : `handeling ${action.id.slice(0, 8)}`;
  return new UserError(
    `De bundel is geweigerd: het logboek van kopie ${action.replicaId.slice(0, 8)} is niet te vertrouwen (${place}: ${why}). Er is niets veranderd.`,
    'rejected',
  );
}

/**
 * Undoing a merge puts back the study file from before it; this copy's own
 * lines written since (the merge itself, work after it) stay in the logbook:
 * they are copied from the file set aside into the restored one, same places
 * and hashes, so the chain goes on where it was and nothing this copy already
 * handed on is contradicted. Call inside a transaction on `to`.
 */
export function carryOwnLines(from: Db, to: Db, replicaId: string): number {
  const held = new Set(to.prepare('SELECT id FROM action WHERE replica_id = ?').pluck().all(replicaId) as string[]);
  const lines = (from.prepare('SELECT * FROM action WHERE replica_id = ? AND hash IS NOT NULL ORDER BY chain_index').all(replicaId) as ActionRow[]).filter(
    (line) => !held.has(line.id),
  );
  const insert = to.prepare(
    `INSERT INTO action (id, call, label, inspector_id, hlc, replica_id, objects, result, reason, chain_index, prev_hash, hash, sealed_late)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const line of lines) {
    insert.run(line.id, line.call, line.label, line.inspector_id, line.hlc, line.replica_id, line.objects, line.result, line.reason, line.chain_index, line.prev_hash, line.hash, line.sealed_late);
  }
  const head = from.prepare("SELECT value FROM meta WHERE key = 'action_chain_head'").pluck().get() as string | undefined;
  if (head) to.prepare("INSERT INTO meta (key, value) VALUES ('action_chain_head', ?) ON CONFLICT DO UPDATE SET value = excluded.value").run(head);
  return lines.length;
}
