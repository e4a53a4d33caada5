/**
 * The logbook's retention (bewaartermijn, issue 12): a study setting in days
 * (the study entity, so it reaches the whole team through bundles). Lines
 * older than the term are removed per replica from the start of its chain,
 * up to the first line that is still within the term, so what is kept stays
 * one unbroken chain. A checkpoint (store/action-chain.ts) keeps the place
 * and hash of the last removed line: the kept chain starts from it, so
 * `log verify` keeps working, and lines that arrive again in an old bundle
 * are not stored again. The removal itself is a line of the logbook.
 *
 * Applied when the term is set and each time a host opens the study.
 */
import { describeAction } from '../store/action-context';
import type { ActionRow } from '../store/action-context';
import { UserError } from '../errors';
import type { LogbookRetention } from '../../shared/api/types';
import type { Study } from '../study/study';
import { recordReadAction } from './read-actions';

const DAY_MS = 86_400_000;

export function retentionOf(study: Study): LogbookRetention {
  const days = study.db.prepare('SELECT log_retention_days FROM study WHERE id = ?').pluck().get(study.id) as number | null | undefined;
  const removed = study.db.prepare('SELECT coalesce(sum(removed), 0) FROM action_checkpoint').pluck().get() as number;
  return { days: days ?? null, removed };
}

/** Set the term (a writing call) and apply it at once. */
export function setRetention(study: Study, days: number | null, now = Date.now()): LogbookRetention {
  if (days !== null && (!Number.isInteger(days) || days < 30)) throw new UserError('Een bewaartermijn is een heel aantal dagen, minstens 30.', 'invalid-input');
  describeAction(days === null ? {} : { days: String(days) });
  study.write([{ entity: 'study', entityId: study.id, fields: { logRetentionDays: days } }]);
  applyRetention(study, now);
  return retentionOf(study);
}

/** Remove the lines older than the study's term; records the removal as a line. Returns how many lines were removed. */
export function applyRetention(study: Study, now = Date.now()): number {
  const { days } = retentionOf(study);
  if (days === null) return 0;
  const cutoff = String(Math.max(0, now - days * DAY_MS)).padStart(15, '0');
  const removed = study.db.transaction(() => {
    let total = 0;
    const replicas = study.db.prepare('SELECT DISTINCT replica_id FROM action WHERE chain_index IS NOT NULL').pluck().all() as string[];
    for (const replicaId of replicas) total += removeOldLines(study, replicaId, cutoff, now);
    return total;
  }).immediate();
  if (removed > 0) recordReadAction(study, 'logbook.retention', { details: { removed: String(removed), days: String(days) }, objects: [] }, { result: 'done' });
  return removed;
}

/** One replica: the lines from the start of its kept chain that are older than the cutoff, up to the first that is not. */
function removeOldLines(study: Study, replicaId: string, cutoff: string, now: number): number {
  const db = study.db;
  const lines = db
    .prepare('SELECT seq, chain_index, hash, hlc FROM action WHERE replica_id = ? AND chain_index IS NOT NULL ORDER BY chain_index')
    .all(replicaId) as Array<Pick<ActionRow, 'seq' | 'hash' | 'hlc'> & { chain_index: number }>;
  let last = -1;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    // Stop at a gap too: the checkpoint must be the line just before what is kept.
    if (line.hlc >= cutoff || (index > 0 && line.chain_index !== lines[index - 1]!.chain_index + 1)) break;
    last = index;
  }
  if (last < 0) return 0;
  const through = lines[last]!;
  db.prepare('DELETE FROM action WHERE replica_id = ? AND chain_index <= ?').run(replicaId, through.chain_index);
  db.prepare(
    `INSERT INTO action_checkpoint (replica_id, chain_index, hash, removed, removed_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (replica_id) DO UPDATE SET chain_index = excluded.chain_index, hash = excluded.hash, removed = removed + excluded.removed, removed_at = excluded.removed_at`,
  ).run(replicaId, through.chain_index, through.hash, last + 1, new Date(now).toISOString());
  return last + 1;
}
