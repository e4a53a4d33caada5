/**
 * Live codings per code across the study, narrowed by the evidence filters,
 * in one grouped query (the retrieval list's study counts). Not rolled up:
 * the caller adds sub-codes to their norm, as it knows the tree.
 */
import { whereClause } from '../store/where-clause';
import type { Study } from '../study/study';
import type { EvidenceFilter } from '../../shared/api/types';

export function codingCountsByCode(study: Study, filter: EvidenceFilter): Record<string, number> {
  const { where, params } = whereClause(['k.deleted = 0', 's.deleted = 0', ...(filter.quotableOnly ? ['k.quotable = 1'] : [])], {
    's.source_type': filter.sourceType,
    's.role': filter.role,
    's.measure': filter.measure,
    'k.coder_id': filter.coderId,
    'k.valence': filter.valence,
  });
  const rows = study.db
    .prepare(`SELECT k.code_id AS codeId, count(*) AS n FROM coding k JOIN source s ON s.id = k.source_id WHERE ${where} GROUP BY k.code_id`)
    .all(...params) as Array<{ codeId: string; n: number }>;
  return Object.fromEntries(rows.map((row) => [row.codeId, row.n]));
}
