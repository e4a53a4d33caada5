/**
 * The logbook as the app shows it (issue 12): every line, newest first,
 * filtered by inspector, kind (the call), institution, period and a search,
 * one page at a time so a study with 100,000 lines stays fast; and the same
 * filtered lines as a table for Excel and CSV (logbook/export.ts).
 *
 * The filters become one SQL statement over the action table: the period is
 * a range of the clock (its text starts with the wall time), the institution
 * matches lines whose objects are that institution or one of its sources,
 * codings, judgments or findings, the search looks in label, reason and call.
 */
import { decodeHlc } from '../../shared/hlc';
import { ACTION_LABELS, LOGGED_READ_LABELS } from '../../shared/api/action-labels';
import type { LogbookFilter, LogbookLine, LogbookPage } from '../../shared/api/types';
import type { ActionObject, ActionRow } from '../store/action-context';
import type { Study } from '../study/study';
import { retentionOf } from './retention';
import { ENTITY_NAMES } from '../../shared/entity-names';

/** How many objects a line names before "en N meer". */
const SHOWN_OBJECTS = 4;

interface Where {
  sql: string;
  params: Array<string | number>;
}

function whereOf(filter: LogbookFilter): Where {
  const clauses: string[] = [];
  const params: Array<string | number> = [];
  if (filter.inspectorId) {
    clauses.push('a.inspector_id = ?');
    params.push(filter.inspectorId);
  }
  if (filter.call) {
    clauses.push('a.call = ?');
    params.push(filter.call);
  }
  if (filter.from) {
    clauses.push('a.hlc >= ?');
    params.push(wallPrefix(Date.parse(`${filter.from}T00:00:00`)));
  }
  if (filter.to) {
    clauses.push('a.hlc < ?');
    params.push(wallPrefix(Date.parse(`${filter.to}T00:00:00`) + 86_400_000));
  }
  if (filter.institutionId) {
    clauses.push(`EXISTS (SELECT 1 FROM json_each(a.objects) o WHERE
      (o.value ->> 'entity' = 'institution' AND o.value ->> 'id' = ?)
      OR (o.value ->> 'entity' = 'source' AND o.value ->> 'id' IN (SELECT id FROM source WHERE institution_id = ?))
      OR (o.value ->> 'entity' = 'coding' AND o.value ->> 'id' IN (SELECT c.id FROM coding c JOIN source s ON s.id = c.source_id WHERE s.institution_id = ?))
      OR (o.value ->> 'entity' = 'judgment' AND o.value ->> 'id' IN (SELECT id FROM judgment WHERE institution_id = ?))
      OR (o.value ->> 'entity' = 'finding' AND o.value ->> 'id' IN (SELECT id FROM finding WHERE institution_id = ?)))`);
    params.push(...Array<string>(5).fill(filter.institutionId));
  }
  const query = filter.query?.trim();
  if (query) {
    const pattern = `%${query.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    clauses.push("(a.label LIKE ? ESCAPE '\\' OR coalesce(a.reason, '') LIKE ? ESCAPE '\\' OR a.call LIKE ? ESCAPE '\\')");
    params.push(pattern, pattern, pattern);
  }
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** The clock text of a moment (local midnight of a day): clocks compare as text, wall time first. */
function wallPrefix(ms: number): string {
  return String(Math.max(0, ms)).padStart(15, '0');
}

/** One page of the filtered logbook, newest first, with what the filters can offer. */
export function logbookPage(study: Study, filter: LogbookFilter, offset: number, limit: number): LogbookPage {
  const where = whereOf(filter);
  const total = study.db.prepare(`SELECT count(*) FROM action a ${where.sql}`).pluck().get(...where.params) as number;
  // The page's rows are chosen on the index alone (an offset deep in 100,000 lines skips index entries, not rows).
  const rows = study.db
    .prepare(
      `SELECT * FROM action WHERE seq IN (SELECT a.seq FROM action a ${where.sql} ORDER BY a.hlc DESC LIMIT ? OFFSET ?) ORDER BY hlc DESC`,
    )
    .all(...where.params, limit, offset) as ActionRow[];
  const calls = study.db.prepare('SELECT DISTINCT call FROM action').pluck().all() as string[];
  return {
    total,
    offset,
    lines: linesOf(study, rows, namesFor(study)),
    kinds: calls.map((call) => ({ call, name: kindName(call) })).sort((a, b) => a.name.localeCompare(b.name, 'nl')),
    retention: retentionOf(study),
  };
}

/** Every filtered line, newest first (for the export). */
export function logbookLines(study: Study, filter: LogbookFilter, sourceTitle?: (title: string) => string): LogbookLine[] {
  const where = whereOf(filter);
  const rows = study.db.prepare(`SELECT a.* FROM action a ${where.sql} ORDER BY a.hlc DESC`).all(...where.params) as ActionRow[];
  return linesOf(study, rows, namesFor(study, sourceTitle));
}

/** The name of a kind of line: the label without the details a line adds. */
export function kindName(call: string): string {
  const label = (ACTION_LABELS as Record<string, unknown>)[call];
  if (typeof label === 'string') return label;
  if (typeof label === 'function') return (label as (details: object) => string)({});
  const read = LOGGED_READ_LABELS[call];
  return read ? read({}).replace(/[:(].*$/, '').trim() : call;
}

type Names = (object: ActionObject) => string | undefined;

/** Names of the objects lines point to; source titles through `sourceTitle` (the privacy pass, for an export). */
function namesFor(study: Study, sourceTitle: (title: string) => string = (title) => title): Names {
  const raw = (sql: string) => study.db.prepare(sql).raw();
  const tables = {
    institution: new Map(raw('SELECT id, name FROM institution').all() as Array<[string, string]>),
    inspector: new Map(raw('SELECT id, initials FROM inspector').all() as Array<[string, string]>),
    code: new Map(raw('SELECT id, name FROM code').all() as Array<[string, string]>),
    source: new Map(raw("SELECT id, coalesce(title, '') FROM source").all() as Array<[string, string]>),
    // A judgment has no name of its own: the norm and the institution it is about.
    judgment: new Map(
      raw("SELECT j.id, c.name || ', ' || i.name FROM judgment j JOIN code c ON c.id = j.code_id JOIN institution i ON i.id = j.institution_id").all() as Array<[string, string]>,
    ),
  };
  const titles = new Map<string, string>();
  const titleOf = (id: string) => {
    const title = tables.source.get(id);
    if (title === undefined) return undefined;
    if (!titles.has(title)) titles.set(title, sourceTitle(title));
    return titles.get(title);
  };
  return (object) => {
    if (object.entity === 'source') return titleOf(object.id);
    const table = tables[object.entity as keyof typeof tables];
    return table?.get(object.id);
  };
}

function linesOf(study: Study, rows: ActionRow[], names: Names): LogbookLine[] {
  const inspectors = new Map(study.inspectors().map((inspector) => [inspector.id, inspector]));
  return rows.map((row) => {
    const inspector = row.inspector_id ? inspectors.get(row.inspector_id) : undefined;
    return {
      id: row.id,
      at: new Date(decodeHlc(row.hlc).wallMs).toISOString(),
      inspector: inspector?.initials ?? (row.inspector_id ? row.inspector_id.slice(0, 8) : null),
      inspectorName: inspector?.name ?? null,
      call: row.call,
      kind: kindName(row.call),
      label: row.label,
      result: row.result,
      reason: row.reason,
      replica: row.replica_id.slice(0, 8),
      own: row.replica_id === study.replicaId,
      objects: describeObjects(row.objects, names),
    };
  });
}

function describeObjects(json: string, names: Names): string {
  let objects: ActionObject[];
  try {
    objects = JSON.parse(json) as ActionObject[];
  } catch {
    return '';
  }
  if (!Array.isArray(objects)) return '';
  const described = objects.slice(0, SHOWN_OBJECTS).map((object) => {
    const kind = ENTITY_NAMES[object.entity] ?? object.entity;
    const name = names(object);
    return name ? `${kind} "${name}"` : kind;
  });
  const more = objects.length - SHOWN_OBJECTS;
  return more > 0 ? `${described.join('; ')} en ${more} meer` : described.join('; ');
}
