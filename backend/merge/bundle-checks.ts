/**
 * A bundle's content checked whole before any of it is applied.
 *
 * The team passphrase only says a bundle comes from someone in the team; it
 * says nothing about what the changes inside may do. Every change this study
 * does not have yet must
 * - refer only to what exists: every source, code, inspector, institution
 *   (and the other entities and stored texts it points to) is in the study or
 *   in the same bundle;
 * - be authored by an inspector of the study (or one the bundle adds);
 * - do only what the program itself lets a user do: nobody renames or deletes
 *   an inspector, deletes a source or the study, swaps the text of an
 *   imported source, hands a coding to another source or coder, or edits
 *   another inspector's memo.
 * One violation refuses the whole bundle with a Dutch message; the caller runs
 * this inside the merge transaction, so the study is unchanged.
 */
import type Database from 'better-sqlite3';
import { UserError } from '../errors';
import { readClocks, type ChangeRecord } from '../store/changes';
import { ENTITIES, type EntityName } from '../store/entities';
import type { Db } from '../store/open-study';
import { BUNDLE_MESSAGES, type ParsedBundle } from './bundle-format';

type Target = EntityName | 'content' | 'originalFile' | 'surveyData';

/** Which field points at what. */
const REFERENCES: Partial<Record<EntityName, Record<string, Target>>> = {
  source: { institutionId: 'institution', inspectorId: 'inspector', contentId: 'content', fileSha256: 'originalFile' },
  coding: { sourceId: 'source', codeId: 'code', coderId: 'inspector' },
  code: { parentId: 'code' },
  memo: { authorId: 'inspector' },
  reviewQuestion: { codeId: 'code' },
  reviewAnswer: { sourceId: 'source', questionId: 'reviewQuestion' },
  judgment: { institutionId: 'institution', codeId: 'code' },
  judgmentEvidence: { judgmentId: 'judgment', codingId: 'coding' },
  survey: { dataSha256: 'surveyData' },
  surveyQuestion: { surveyId: 'survey', codeId: 'code' },
  finding: { institutionId: 'institution', codeId: 'code', authorId: 'inspector' },
  sourceStatus: { sourceId: 'source', inspectorId: 'inspector' },
  privacyChoice: { personId: 'person' },
};

const MEMO_TARGETS: Record<string, Target> = { source: 'source', code: 'code', institution: 'institution' };

const LOOKUP: Record<Target, { table: string; key: string; noun: string }> = {
  study: { table: 'study', key: 'id', noun: 'onderzoek' },
  institution: { table: 'institution', key: 'id', noun: 'instelling' },
  inspector: { table: 'inspector', key: 'id', noun: 'inspecteur' },
  code: { table: 'code', key: 'id', noun: 'code' },
  source: { table: 'source', key: 'id', noun: 'bron' },
  coding: { table: 'coding', key: 'id', noun: 'codering' },
  memo: { table: 'memo', key: 'id', noun: 'memo' },
  reviewQuestion: { table: 'review_question', key: 'id', noun: 'dossiervraag' },
  reviewAnswer: { table: 'review_answer', key: 'id', noun: 'dossierantwoord' },
  judgment: { table: 'judgment', key: 'id', noun: 'oordeel' },
  judgmentEvidence: { table: 'judgment_evidence', key: 'id', noun: 'bewijs bij een oordeel' },
  survey: { table: 'survey', key: 'id', noun: 'vragenlijst' },
  surveyQuestion: { table: 'survey_question', key: 'id', noun: 'vragenlijstvraag' },
  finding: { table: 'finding', key: 'id', noun: 'bevinding' },
  theme: { table: 'theme', key: 'id', noun: 'thema' },
  sourceStatus: { table: 'source_status', key: 'id', noun: 'status van een bron' },
  person: { table: 'person', key: 'id', noun: 'persoon' },
  privacyChoice: { table: 'privacy_choice', key: 'id', noun: 'privacykeuze' },
  content: { table: 'content', key: 'id', noun: 'brontekst' },
  originalFile: { table: 'original_file', key: 'sha256', noun: 'origineel bestand' },
  surveyData: { table: 'survey_data', key: 'sha256', noun: 'vragenlijstgegevens' },
};

/** Fields of an existing entity that nothing in the program changes after creation. */
const FIXED_AFTER_CREATION: Partial<Record<EntityName, string[]>> = {
  inspector: ['name', 'initials', 'deleted'],
  source: ['contentId', 'fileSha256', 'format', 'fileName'],
  coding: ['sourceId', 'coderId'],
  memo: ['authorId', 'targetType', 'targetId'],
};

const refuse = (detail: string): never => {
  throw new UserError(BUNDLE_MESSAGES.invalid(detail), 'rejected');
};

/** Per entity (`entity/id`), the field clocks the study held before the merge, as the checks read them. */
export type ClocksBefore = Map<string, ReadonlyMap<string, string>>;

/**
 * `fresh`: the bundle's changes this study does not have yet, when the caller
 * has sorted them out already; `clocksBefore` is filled with the clocks read
 * (the merge then need not read them again).
 */
export function checkBundleContent(db: Db, bundle: ParsedBundle, fresh?: readonly ChangeRecord[], clocksBefore: ClocksBefore = new Map()): void {
  const known = db.prepare('SELECT 1 FROM change_log WHERE change_id = ?').pluck();
  const changes = fresh ?? bundle.changes.filter((change) => !known.get(change.changeId));
  const inBundle = new Map<Target, Set<string>>();
  const add = (target: Target, id: string) => {
    if (!inBundle.has(target)) inBundle.set(target, new Set());
    inBundle.get(target)!.add(id);
  };
  for (const change of changes) add(change.entity, change.entityId);
  for (const file of bundle.files) add('originalFile', file.sha256);
  for (const content of bundle.contents) add('content', content.id);
  for (const data of bundle.surveyData) add('surveyData', data.sha256);

  const statements = new Map<Target, ReturnType<Db['prepare']>>();
  // A bundle's thousands of codings point to the same few sources, codes and coders: each is looked up once.
  const found = new Map<string, boolean>();
  const inStudy = (target: Target, id: string): boolean => {
    const cacheKey = `${target}/${id}`;
    const cached = found.get(cacheKey);
    if (cached !== undefined) return cached;
    let statement = statements.get(target);
    if (!statement) {
      const { table, key } = LOOKUP[target];
      const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
      statement = exists ? db.prepare(`SELECT 1 FROM ${table} WHERE ${key} = ?`).pluck() : db.prepare('SELECT NULL').pluck();
      statements.set(target, statement);
    }
    const result = Boolean(statement.get(id));
    found.set(cacheKey, result);
    return result;
  };
  const resolves = (target: Target, id: string) => inStudy(target, id) || (inBundle.get(target)?.has(id) ?? false);

  for (const change of changes) {
    if (change.authorId !== null && !resolves('inspector', change.authorId)) refuse('een wijziging is gemaakt door een inspecteur die dit onderzoek niet kent');
    checkReferences(db, change, resolves);
    checkUserRules(db, change, clocksBefore);
  }
}

function checkReferences(db: Db, change: ChangeRecord, resolves: (target: Target, id: string) => boolean): void {
  const fields = change.fields;
  const references: Array<[Target, unknown]> = Object.entries(REFERENCES[change.entity] ?? {}).map(([field, target]) => [target, fields[field]]);
  if (change.entity === 'memo' && fields.targetId !== undefined) {
    const type = fields.targetType ?? (db.prepare('SELECT target_type FROM memo WHERE id = ?').pluck().get(change.entityId) as string | undefined);
    const target = typeof type === 'string' ? MEMO_TARGETS[type] : undefined;
    if (!target) refuse('een memo hoort bij iets onbekends');
    references.push([target!, fields.targetId]);
  }
  for (const [target, value] of references) {
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || !resolves(target, value)) {
      refuse(`een ${LOOKUP[change.entity].noun} verwijst naar een ${LOOKUP[target].noun} die in dit onderzoek en in de bundel ontbreekt (lees eerst de eerdere bundels van het team in)`);
    }
  }
}

function checkUserRules(db: Db, change: ChangeRecord, clocksBefore: ClocksBefore): void {
  const fields = change.fields;
  const noun = LOOKUP[change.entity].noun;
  // (An institution can go: undoing a survey import removes the institutions it added.)
  if (fields.deleted === 1 && (change.entity === 'source' || change.entity === 'study')) {
    refuse(`de bundel verwijdert een ${noun}, wat Veldwerk niemand laat doen`);
  }
  if (change.entity === 'memo' && fields.authorId !== undefined && fields.authorId !== change.authorId) {
    refuse('een memo staat op naam van een ander dan wie hem schreef');
  }
  const held = heldValues(db, change, clocksBefore);
  const altered = (FIXED_AFTER_CREATION[change.entity] ?? []).filter((field) => held.has(field) && held.get(field) !== fields[field]);
  if (altered.length > 0) refuse(`de bundel wijzigt ${altered.join(', ')} van een bestaande ${noun}, wat Veldwerk niemand laat doen`);
  if (change.entity === 'memo') {
    const author = db.prepare('SELECT author_id FROM memo WHERE id = ?').pluck().get(change.entityId) as string | null | undefined;
    if (author && author !== change.authorId) refuse('de bundel wijzigt de memo van een andere inspecteur');
  }
}

/**
 * The values this study holds for the fields the change sets, where it holds
 * one (bundles can arrive out of order, so an edit may have come before the
 * creation: a field nobody set yet is not "changed"). A tombstone counts as
 * held once anything of the entity is.
 */
function heldValues(db: Db, change: ChangeRecord, clocksBefore: ClocksBefore): Map<string, unknown> {
  const def = ENTITIES[change.entity];
  const statements = cachedStatements(db, def.table);
  const key = `${change.entity}/${change.entityId}`;
  let clocks = clocksBefore.get(key);
  if (!clocks) clocksBefore.set(key, (clocks = readClocks(db, change.entity, change.entityId)));
  const held = new Map<string, unknown>();
  if (clocks.size === 0) return held;
  const row = statements.row.get(change.entityId) as Record<string, unknown> | undefined;
  for (const field of Object.keys(change.fields)) {
    const column = (def.fields as Record<string, string>)[field]!;
    if (clocks.has(field) || field === 'deleted') held.set(field, row?.[column] ?? null);
  }
  return held;
}

type Statement = Database.Statement<unknown[]>;
const statementCache = new WeakMap<Db, Map<string, { row: Statement }>>();

/** Prepared once per connection and table: a bundle has up to millions of changes. */
function cachedStatements(db: Db, table: string): { row: Statement } {
  let perTable = statementCache.get(db);
  if (!perTable) statementCache.set(db, (perTable = new Map()));
  let statements = perTable.get(table);
  if (!statements) {
    statements = {
      row: db.prepare<unknown[]>(`SELECT * FROM ${table} WHERE id = ?`),
    };
    perTable.set(table, statements);
  }
  return statements;
}
