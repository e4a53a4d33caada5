/**
 * Framework edits merge by id. Two inspectors who each add "Wachtlijst" under
 * the same norm create two codes (two ids), which the merge keeps apart; they
 * are offered here for merging: same parent, same name (case and surrounding
 * spaces ignored), both live.
 *
 * `mergeCodes(keep, drop)`, one undoable action of the current inspector:
 * - codings with code `drop` get code `keep`;
 * - file-review questions under `drop` move to `keep`;
 * - sub-codes of `drop` move under `keep`;
 * - memos on `drop` move to `keep`;
 * - judgments on `drop` (a norm): where `keep` has no judgment at that
 *   institution yet, the judgment is carried over (rating, rationale,
 *   evidence); where it has one, that one stays and the evidence of the other
 *   is added to it; the judgment on `drop` is deleted;
 * - `drop` is deleted (a tombstone).
 */
import { UserError } from '../errors';
import { listCodes } from '../framework/framework';
import { derivedId } from '../store/derived-id';
import type { Mutation } from '../store/changes';
import type { Study } from '../study/study';
import type { Code, DuplicateCodePair } from '../../shared/api/types';

const normalName = (name: string) => name.normalize('NFC').trim().toLocaleLowerCase('nl');

export function duplicateCodes(study: Study): DuplicateCodePair[] {
  const codes = listCodes(study);
  const created = new Map(
    (study.db.prepare("SELECT entity_id, min(hlc) AS hlc FROM change_log WHERE entity = 'code' GROUP BY entity_id").all() as Array<{
      entity_id: string;
      hlc: string;
    }>).map((row) => [row.entity_id, row.hlc]),
  );
  const usage = codingCounts(study);
  const groups = new Map<string, Code[]>();
  for (const code of codes) {
    const key = `${code.parentId ?? ''}\u0000${normalName(code.name)}`;
    groups.set(key, [...(groups.get(key) ?? []), code]);
  }
  const pairs: DuplicateCodePair[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const [keep, ...rest] = [...group].sort((a, b) => (created.get(a.id) ?? '').localeCompare(created.get(b.id) ?? '') || a.id.localeCompare(b.id));
    for (const drop of rest) {
      pairs.push({ parentId: keep!.parentId, name: keep!.name, keep: keep!, drop, keepCodings: usage.get(keep!.id) ?? 0, dropCodings: usage.get(drop.id) ?? 0 });
    }
  }
  return pairs;
}

function codingCounts(study: Study): Map<string, number> {
  const rows = study.db.prepare('SELECT code_id, count(*) AS n FROM coding WHERE deleted = 0 GROUP BY code_id').all() as Array<{
    code_id: string;
    n: number;
  }>;
  return new Map(rows.map((row) => [row.code_id, row.n]));
}

export function mergeCodes(study: Study, keepId: string, dropId: string): Code[] {
  const codes = listCodes(study);
  const keep = codes.find((code) => code.id === keepId);
  const drop = codes.find((code) => code.id === dropId);
  if (!keep || !drop) throw new UserError('Een van beide codes bestaat niet (meer).', 'not-found');
  if (keepId === dropId) throw new UserError('Kies twee verschillende codes om samen te voegen.', 'invalid-input');
  if (keep.kind !== drop.kind) throw new UserError('Alleen codes van dezelfde soort kunnen worden samengevoegd.', 'invalid-input');
  const parentOf = new Map(codes.map((code) => [code.id, code.parentId]));
  for (let current = parentOf.get(keepId) ?? null; current !== null; current = parentOf.get(current) ?? null) {
    if (current === dropId) throw new UserError('Een code kan niet worden samengevoegd met een van zijn eigen subcodes.', 'invalid-input');
  }

  const db = study.db;
  const ids = (sql: string, ...params: string[]) => (db.prepare(sql).pluck().all(...params) as string[]);
  const mutations: Mutation[] = [
    ...ids('SELECT id FROM coding WHERE code_id = ? AND deleted = 0', dropId).map((id) => ({ entity: 'coding' as const, entityId: id, fields: { codeId: keepId } })),
    ...ids('SELECT id FROM review_question WHERE code_id = ? AND deleted = 0', dropId).map((id) => ({
      entity: 'reviewQuestion' as const,
      entityId: id,
      fields: { codeId: keepId },
    })),
    ...ids('SELECT id FROM code WHERE parent_id = ? AND deleted = 0', dropId).map((id) => ({ entity: 'code' as const, entityId: id, fields: { parentId: keepId } })),
    ...ids("SELECT id FROM memo WHERE target_type = 'code' AND target_id = ? AND deleted = 0", dropId).map((id) => ({
      entity: 'memo' as const,
      entityId: id,
      fields: { targetId: keepId },
    })),
    ...judgmentMutations(study, keepId, dropId),
    { entity: 'code', entityId: dropId, fields: { deleted: 1 } },
  ];
  study.write(mutations, { undoLabel: 'Codes samenvoegen' });
  return listCodes(study);
}

function judgmentMutations(study: Study, keepId: string, dropId: string): Mutation[] {
  const db = study.db;
  const judgments = db
    .prepare('SELECT id, institution_id, rating, rationale FROM judgment WHERE code_id = ? AND deleted = 0')
    .all(dropId) as Array<{ id: string; institution_id: string; rating: string | null; rationale: string | null }>;
  const mutations: Mutation[] = [];
  for (const judgment of judgments) {
    const target = derivedId('judgment', judgment.institution_id, keepId);
    const existing = db.prepare('SELECT 1 FROM judgment WHERE id = ? AND deleted = 0').get(target);
    if (!existing) {
      mutations.push({
        entity: 'judgment',
        entityId: target,
        fields: { institutionId: judgment.institution_id, codeId: keepId, rating: judgment.rating, rationale: judgment.rationale ?? '', deleted: 0 },
      });
    }
    const evidence = db.prepare('SELECT id, coding_id FROM judgment_evidence WHERE judgment_id = ? AND deleted = 0').all(judgment.id) as Array<{
      id: string;
      coding_id: string;
    }>;
    for (const link of evidence) {
      mutations.push({
        entity: 'judgmentEvidence',
        entityId: derivedId('judgment-evidence', target, link.coding_id),
        fields: { judgmentId: target, codingId: link.coding_id, deleted: 0 },
      });
      mutations.push({ entity: 'judgmentEvidence', entityId: link.id, fields: { deleted: 1 } });
    }
    mutations.push({ entity: 'judgment', entityId: judgment.id, fields: { deleted: 1 } });
  }
  return mutations;
}
