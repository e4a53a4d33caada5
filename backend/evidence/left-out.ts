/**
 * Codings the evidence cannot show: live codings whose code or source was
 * deleted (only a merge leaves such codings; deleting a code in use is
 * refused). Counted under the evidence filter so the views can say how many
 * are left out and send the reader to Team › Conflicten, where each waits for
 * a decision. Read from the study as it is, not from the conflict list, so a
 * coding counts for as long as the problem lasts.
 */
import type { Study } from '../study/study';
import type { EvidenceFilter, LeftOutCodings } from '../../shared/api/types';
import { filterClause } from './evidence';

export function leftOutCodings(study: Study, filter: EvidenceFilter): LeftOutCodings {
  const codes = study.db.prepare('SELECT id, parent_id, deleted FROM code').raw().all() as Array<[string, string | null, number]>;
  const parentOf = new Map(codes.map(([id, parentId]) => [id, parentId]));
  const deletedCodes = new Set(codes.filter(([, , deleted]) => deleted === 1).map(([id]) => id));
  const result: LeftOutCodings = { codeDeleted: 0, sourceDeleted: 0, byCode: {} };
  const add = (codeId: string, count: number, why: 'codeDeleted' | 'sourceDeleted') => {
    result[why] += count;
    // Counted for the code and every code it was stored under, deleted or not: a norm's list says what left it.
    const seen = new Set<string>();
    for (let id: string | null = codeId; id && !seen.has(id); id = parentOf.get(id) ?? null) {
      seen.add(id);
      result.byCode[id] = (result.byCode[id] ?? 0) + count;
    }
  };
  if (deletedCodes.size > 0) {
    // Codes are few; their deleted ids go in as one JSON parameter rather than one placeholder each.
    const { where, params } = filterClause(filter, ['s.deleted = 0', 'k.code_id IN (SELECT value FROM json_each(?))']);
    const rows = study.db
      .prepare(`SELECT k.code_id, count(*) FROM source s JOIN coding k ON k.source_id = s.id AND k.deleted = 0 WHERE ${where} GROUP BY k.code_id`)
      .raw()
      .all(JSON.stringify([...deletedCodes]), ...params) as Array<[string, number]>;
    for (const [codeId, count] of rows) add(codeId, count, 'codeDeleted');
  }
  const { where, params } = filterClause(filter, ['s.deleted = 1']);
  // CROSS JOIN keeps the (few) deleted sources as the outer loop: their codings come by index, not by a scan of every coding.
  const rows = study.db
    .prepare(`SELECT k.code_id, count(*) FROM source s CROSS JOIN coding k ON k.source_id = s.id AND k.deleted = 0 WHERE ${where} GROUP BY k.code_id`)
    .raw()
    .all(...params) as Array<[string, number]>;
  // As Team › Conflicten names it: a coding whose code is gone too is listed for its code.
  for (const [codeId, count] of rows) add(codeId, count, deletedCodes.has(codeId) || !parentOf.has(codeId) ? 'codeDeleted' : 'sourceDeleted');
  return result;
}
