/**
 * The logbook as it can be read today: every recorded action (issue 9's action
 * rows: who, what, which objects, result, which laptop, when), newest first,
 * filtered by period and inspector. Actions from bundles are here too, so the
 * lead's study holds the team's log. Read-only; the hash chain, retention and
 * the logbook view are not built yet (issue 12).
 */
import { decodeHlc } from '../../shared/hlc';
import type { ActionRow } from '../store/action-context';
import type { Study } from '../study/study';

export interface LogEntry {
  id: string;
  /** ISO time of the action, from its clock. */
  at: string;
  /** The inspector's initials (the id where the study does not know them; null: no inspector chosen). */
  inspector: string | null;
  call: string;
  label: string;
  result: 'done' | 'refused';
  reason: string | null;
  /** The copy (laptop) that recorded it. */
  replicaId: string;
  objects: number;
}

export interface LogFilter {
  /** JJJJ-MM-DD: actions on or after this day (UTC). */
  since?: string | undefined;
  /** Initials, case-insensitive. */
  inspector?: string | undefined;
}

export function readLogbook(study: Study, filter: LogFilter = {}): LogEntry[] {
  const initials = new Map(study.inspectors().map((inspector) => [inspector.id, inspector.initials]));
  const sinceMs = filter.since ? Date.parse(`${filter.since}T00:00:00Z`) : null;
  const wanted = filter.inspector?.trim().toLocaleUpperCase('nl');
  const rows = study.db.prepare('SELECT * FROM action ORDER BY hlc DESC').all() as ActionRow[];
  const entries: LogEntry[] = [];
  for (const row of rows) {
    const wallMs = decodeHlc(row.hlc).wallMs;
    if (sinceMs !== null && wallMs < sinceMs) continue;
    const inspector = row.inspector_id ? (initials.get(row.inspector_id) ?? row.inspector_id) : null;
    if (wanted && inspector?.toLocaleUpperCase('nl') !== wanted) continue;
    entries.push({
      id: row.id,
      at: new Date(wallMs).toISOString(),
      inspector,
      call: row.call,
      label: row.label,
      result: row.result,
      reason: row.reason,
      replicaId: row.replica_id,
      objects: countObjects(row.objects),
    });
  }
  return entries;
}

function countObjects(json: string): number {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.length : 0;
  } catch {
    return 0;
  }
}
