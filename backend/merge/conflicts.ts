/**
 * The conflicts a merge found, for review, and resolving them. A resolution
 * is an ordinary change of the field, with `supersedes` naming the clocks of
 * both sides (and of any other open conflict on the same field), so that
 * wherever it arrives it has seen both sides: it settles the same conflict
 * there and raises no new one.
 */
import type { MergeConflict } from '../../shared/api/types';
import { UserError } from '../errors';
import { ENTITIES, isEntityName, type FieldValue } from '../store/entities';
import type { Db } from '../store/open-study';
import type { Study } from '../study/study';
import { kindOfEntity } from './merge-kind';
import { isStructureField, structureFieldLabel, structureResolution, syncStructureConflicts } from './structure';

interface ConflictRow {
  id: string;
  entity: string;
  entity_id: string;
  field: string;
  kind: 'field' | 'delete-edit' | 'structure';
  local_value: string;
  local_author: string | null;
  local_hlc: string;
  remote_value: string;
  remote_author: string | null;
  remote_hlc: string;
  status: 'open' | 'resolved';
  resolution: string | null;
  detected_at: string;
}

export function listConflicts(study: Study, status: 'open' | 'all' = 'open'): MergeConflict[] {
  const rows = study.db
    .prepare(`SELECT * FROM merge_conflict ${status === 'open' ? "WHERE status = 'open'" : ''} ORDER BY detected_at, entity, entity_id, field`)
    .all() as ConflictRow[];
  return describe(study.db, rows);
}

export function conflictsByIds(db: Db, ids: string[]): MergeConflict[] {
  if (ids.length === 0) return [];
  const statement = db.prepare('SELECT * FROM merge_conflict WHERE id = ?');
  return describe(
    db,
    ids.map((id) => statement.get(id) as ConflictRow),
  );
}

/**
 * Resolve a conflict by choosing the value this copy had ('local') or the one
 * that came in ('remote'), as one undoable action of the current inspector.
 * Returns the conflicts still open.
 */
export function resolveConflict(study: Study, conflictId: string, choose: 'local' | 'remote'): MergeConflict[] {
  const row = study.db.prepare('SELECT * FROM merge_conflict WHERE id = ?').get(conflictId) as ConflictRow | undefined;
  if (!row) throw new UserError('Dit conflict bestaat niet (meer).', 'not-found');
  if (row.status !== 'open') throw new UserError('Dit conflict is al opgelost.', 'conflict');
  if (!isEntityName(row.entity)) throw new UserError('Dit conflict hoort bij iets onbekends.', 'rejected');
  if (row.kind === 'structure') return resolveStructure(study, row, choose);
  const value = JSON.parse(choose === 'local' ? row.local_value : row.remote_value) as FieldValue;
  const sameField = study.db
    .prepare("SELECT * FROM merge_conflict WHERE entity = ? AND entity_id = ? AND field = ? AND status = 'open'")
    .all(row.entity, row.entity_id, row.field) as ConflictRow[];
  const supersedes = [...new Set(sameField.flatMap((conflict) => [conflict.local_hlc, conflict.remote_hlc]))];
  const now = new Date().toISOString();
  study.db.transaction(() => {
    study.write(
      [{ entity: row.entity as keyof typeof ENTITIES, entityId: row.entity_id, fields: { [row.field]: value }, supersedes: { [row.field]: supersedes } }],
      { undoLabel: 'Conflict oplossen' },
    );
    const resolve = study.db.prepare("UPDATE merge_conflict SET status = 'resolved', resolution = ?, resolved_at = ? WHERE id = ?");
    for (const conflict of sameField) resolve.run(conflict.id === row.id ? choose : 'replaced', now, conflict.id);
  })();
  return listConflicts(study);
}

/** A structure conflict: the chosen way out as one undoable action (see structure.ts). */
function resolveStructure(study: Study, row: ConflictRow, choose: 'local' | 'remote'): MergeConflict[] {
  const mutations = structureResolution(study, row.entity, row.entity_id, choose);
  const settle = study.db.prepare("UPDATE merge_conflict SET status = 'resolved', resolution = ?, resolved_at = ? WHERE id = ?");
  study.db.transaction(() => {
    if (mutations && mutations.length > 0) study.write(mutations, { undoLabel: 'Structuur herstellen' });
    const now = new Date().toISOString();
    settle.run(mutations ? choose : 'elsewhere', now, row.id);
    // One way out can settle other problems (a restored norm brings back the codings on it).
    syncStructureConflicts(study.db, null, now);
  })();
  return listConflicts(study);
}

const FIELD_LABELS: Record<string, string> = {
  name: 'naam',
  initials: 'initialen',
  rating: 'oordeel',
  rationale: 'onderbouwing',
  deleted: 'verwijderd of niet',
  note: 'notitie',
  valence: 'waardering',
  quotable: 'citeerbaar',
  start: 'begin van de selectie',
  end: 'einde van de selectie',
  codeId: 'code',
  sourceId: 'bron',
  value: 'antwoord',
  text: 'tekst',
  title: 'titel',
  definition: 'omschrijving',
  color: 'kleur',
  parentId: 'plaats in het toetsingskader',
  institutionId: 'instelling',
  sourceType: 'soort bron',
  role: 'rol',
  measure: 'maatregel',
  date: 'datum',
  inspectorId: 'inspecteur',
  options: 'antwoordmogelijkheden',
  reportTemplate: 'huisstijl van de rapporten',
  answerType: 'soort antwoord',
  periodStart: 'begin van de periode',
  periodEnd: 'einde van de periode',
  ratingScale: 'beoordelingsschaal',
  targetId: 'onderwerp',
};

function describe(db: Db, rows: ConflictRow[]): MergeConflict[] {
  const names = new Map(
    (db.prepare('SELECT id, name, initials FROM inspector').all() as Array<{ id: string; name: string | null; initials: string | null }>).map(
      (row) => [row.id, `${row.name ?? '?'}${row.initials ? ` (${row.initials})` : ''}`],
    ),
  );
  return rows.map((row) => {
    const parse = (text: string) => JSON.parse(text) as string | number | null;
    return {
      id: row.id,
      entity: row.entity,
      entityId: row.entity_id,
      field: row.field,
      kind: row.kind,
      label: `${entityLabel(db, row.entity, row.entity_id)}: ${fieldLabel(db, row)}`,
      mergeKind: isEntityName(row.entity) ? kindOfEntity(row.entity) : 'other',
      local: { value: parse(row.local_value), authorId: row.local_author, authorName: row.local_author ? (names.get(row.local_author) ?? null) : null, hlc: row.local_hlc },
      remote: { value: parse(row.remote_value), authorId: row.remote_author, authorName: row.remote_author ? (names.get(row.remote_author) ?? null) : null, hlc: row.remote_hlc },
      current: currentValue(db, row.entity, row.entity_id, row.field),
      status: row.status,
      resolution: row.resolution,
      detectedAt: row.detected_at,
    };
  });
}

function fieldLabel(db: Db, row: ConflictRow): string {
  if (row.kind === 'delete-edit') return 'verwijderd door de een, bewerkt door de ander';
  if (row.kind === 'structure') return structureFieldLabel(db, row.entity, row.entity_id, row.field.split(':')[1] ?? '');
  return FIELD_LABELS[row.field] ?? row.field;
}

function currentValue(db: Db, entity: string, entityId: string, field: string): string | number | null {
  if (!isEntityName(entity) || isStructureField(field)) return null;
  const def = ENTITIES[entity];
  const column = (def.fields as Record<string, string>)[field];
  if (!column) return null;
  const row = db.prepare(`SELECT "${column}" AS value FROM ${def.table} WHERE id = ?`).get(entityId) as { value: string | number | null } | undefined;
  return row?.value ?? null;
}

const one = <T>(db: Db, sql: string, ...params: string[]) => db.prepare(sql).get(...params) as T | undefined;

/** What a conflict is about, in words a user recognises. */
export function entityLabel(db: Db, entity: string, entityId: string): string {
  const codeName = (id: string | null | undefined) => (id ? (one<{ name: string }>(db, 'SELECT name FROM code WHERE id = ?', id)?.name ?? 'onbekende code') : 'onbekende code');
  const sourceTitle = (id: string | null | undefined) => (id ? (one<{ title: string }>(db, 'SELECT title FROM source WHERE id = ?', id)?.title ?? 'onbekende bron') : 'onbekende bron');
  const institutionName = (id: string | null | undefined) =>
    id ? (one<{ name: string }>(db, 'SELECT name FROM institution WHERE id = ?', id)?.name ?? 'onbekende instelling') : 'onbekende instelling';
  switch (entity) {
    case 'judgment': {
      const row = one<{ institution_id: string; code_id: string }>(db, 'SELECT institution_id, code_id FROM judgment WHERE id = ?', entityId);
      return `Oordeel ${codeName(row?.code_id)} bij ${institutionName(row?.institution_id)}`;
    }
    case 'coding': {
      const row = one<{ source_id: string; code_id: string; coder_id: string | null }>(db, 'SELECT source_id, code_id, coder_id FROM coding WHERE id = ?', entityId);
      const coder = row?.coder_id ? one<{ initials: string }>(db, 'SELECT initials FROM inspector WHERE id = ?', row.coder_id)?.initials : null;
      return `Codering "${codeName(row?.code_id)}" in ${sourceTitle(row?.source_id)}${coder ? ` (${coder})` : ''}`;
    }
    case 'memo': {
      const row = one<{ target_type: string; target_id: string }>(db, 'SELECT target_type, target_id FROM memo WHERE id = ?', entityId);
      const target =
        row?.target_type === 'source' ? sourceTitle(row.target_id) : row?.target_type === 'code' ? codeName(row.target_id) : institutionName(row?.target_id);
      return `Memo bij ${target}`;
    }
    case 'reviewAnswer': {
      const row = one<{ source_id: string; question_id: string }>(db, 'SELECT source_id, question_id FROM review_answer WHERE id = ?', entityId);
      const question = row ? one<{ text: string }>(db, 'SELECT text FROM review_question WHERE id = ?', row.question_id)?.text : null;
      return `Dossiervraag "${question ?? '?'}" bij ${sourceTitle(row?.source_id)}`;
    }
    case 'judgmentEvidence':
      return 'Bewijs bij een oordeel';
    case 'theme':
      return `Thema "${one<{ title: string }>(db, 'SELECT title FROM theme WHERE id = ?', entityId)?.title ?? '?'}"`;
    case 'finding': {
      const row = one<{ institution_id: string | null; code_id: string | null }>(db, 'SELECT institution_id, code_id FROM finding WHERE id = ?', entityId);
      return `Bevinding ${row?.code_id ? codeName(row.code_id) : 'algemeen'} ${row?.institution_id ? `bij ${institutionName(row.institution_id)}` : 'over alle instellingen'}`;
    }
    case 'source':
      return `Bron ${sourceTitle(entityId)}`;
    case 'sourceStatus':
      return `Status van ${sourceTitle(one<{ source_id: string }>(db, 'SELECT source_id FROM source_status WHERE id = ?', entityId)?.source_id)}`;
    case 'code':
      return `Code ${codeName(entityId)}`;
    case 'reviewQuestion':
      return `Dossiervraag "${one<{ text: string }>(db, 'SELECT text FROM review_question WHERE id = ?', entityId)?.text ?? '?'}"`;
    case 'institution':
      return `Instelling ${institutionName(entityId)}`;
    case 'inspector':
      return `Inspecteur ${one<{ name: string }>(db, 'SELECT name FROM inspector WHERE id = ?', entityId)?.name ?? '?'}`;
    case 'study':
      return 'Onderzoek';
    default:
      return entity;
  }
}
