/**
 * Judgments (oordelen): per norm and institution a rating on the study's scale,
 * a rationale, and the coded segments it rests on. There is one judgment per
 * (institution, norm), shared by the team; its id is derived from both.
 */
import { DEFAULT_RATING_SCALE } from '../../shared/framework-defaults';
import { UserError } from '../errors';
import { listCodes } from '../framework/framework';
import { derivedId } from '../store/derived-id';
import type { Study } from '../study/study';
import type { Judgment } from '../../shared/api/types';

export function ratingScale(study: Study): string[] {
  const row = study.db.prepare('SELECT rating_scale FROM study WHERE id = ?').get(study.id) as { rating_scale: string | null } | undefined;
  return row?.rating_scale ? (JSON.parse(row.rating_scale) as string[]) : DEFAULT_RATING_SCALE;
}

export function saveRatingScale(study: Study, ratings: string[]): string[] {
  const cleaned = ratings.map((rating) => rating.trim()).filter(Boolean);
  if (cleaned.length < 2) throw new UserError('Een beoordelingsschaal heeft minstens twee waarden.', 'invalid-input');
  if (new Set(cleaned).size !== cleaned.length) throw new UserError('Elke waarde van de schaal mag maar één keer voorkomen.', 'invalid-input');
  study.write([{ entity: 'study', entityId: study.id, fields: { ratingScale: JSON.stringify(cleaned) } }], { undoLabel: 'Beoordelingsschaal wijzigen' });
  return cleaned;
}

/** Every live judgment, or (`onlyId`) the one just written, read by its key rather than with all the evidence links. */
export function listJudgments(study: Study, onlyId?: string): Judgment[] {
  const params = onlyId ? [onlyId] : [];
  const rows = study.db
    .prepare(`SELECT id, institution_id, code_id, rating, rationale FROM judgment WHERE deleted = 0 ${onlyId ? 'AND id = ?' : ''}`)
    .all(...params) as Array<{ id: string; institution_id: string; code_id: string; rating: string | null; rationale: string | null }>;
  const evidence = study.db
    .prepare(
      `SELECT e.judgment_id, e.coding_id FROM judgment_evidence e JOIN coding c ON c.id = e.coding_id
       WHERE e.deleted = 0 AND c.deleted = 0 ${onlyId ? 'AND e.judgment_id = ?' : ''}`,
    )
    .all(...params) as Array<{ judgment_id: string; coding_id: string }>;
  return rows.map((row) => ({
    id: row.id,
    institutionId: row.institution_id,
    codeId: row.code_id,
    rating: row.rating,
    rationale: row.rationale ?? '',
    evidenceCodingIds: evidence.filter((link) => link.judgment_id === row.id).map((link) => link.coding_id),
  }));
}

export function saveJudgment(
  study: Study,
  input: { institutionId: string; codeId: string; rating: string | null; rationale: string },
): Judgment {
  assertNormAndInstitution(study, input.institutionId, input.codeId);
  if (input.rating !== null && !ratingScale(study).includes(input.rating)) {
    throw new UserError(`Kies een oordeel van de schaal: ${ratingScale(study).join(', ')}.`, 'invalid-input');
  }
  const id = judgmentId(input.institutionId, input.codeId);
  study.write(
    [{ entity: 'judgment', entityId: id, fields: { institutionId: input.institutionId, codeId: input.codeId, rating: input.rating, rationale: input.rationale, deleted: 0 } }],
    { undoLabel: 'Oordeel vastleggen' },
  );
  return listJudgments(study, id)[0]!;
}

/** Link a coded segment to the judgment of its norm at an institution as evidence, or unlink it. */
export function linkEvidence(study: Study, input: { institutionId: string; codeId: string; codingId: string; linked: boolean }): Judgment {
  assertNormAndInstitution(study, input.institutionId, input.codeId);
  if (!study.db.prepare('SELECT 1 FROM coding WHERE id = ? AND deleted = 0').get(input.codingId)) {
    throw new UserError('Deze codering bestaat niet (meer).', 'not-found');
  }
  const id = judgmentId(input.institutionId, input.codeId);
  const exists = study.db.prepare('SELECT 1 FROM judgment WHERE id = ?').get(id);
  study.write(
    [
      ...(exists ? [] : [{ entity: 'judgment' as const, entityId: id, fields: { institutionId: input.institutionId, codeId: input.codeId, rating: null, rationale: '' } }]),
      {
        entity: 'judgmentEvidence',
        entityId: derivedId('judgment-evidence', id, input.codingId),
        fields: { judgmentId: id, codingId: input.codingId, deleted: input.linked ? 0 : 1 },
      },
    ],
    { undoLabel: input.linked ? 'Bewijs koppelen' : 'Bewijs ontkoppelen' },
  );
  return listJudgments(study, id)[0]!;
}

const judgmentId = (institutionId: string, codeId: string) => derivedId('judgment', institutionId, codeId);

function assertNormAndInstitution(study: Study, institutionId: string, codeId: string): void {
  if (!study.institutions().some((institution) => institution.id === institutionId)) {
    throw new UserError('Deze instelling bestaat niet (meer).', 'not-found');
  }
  const code = listCodes(study).find((candidate) => candidate.id === codeId);
  if (!code || code.kind !== 'norm' || code.parentId !== null) {
    throw new UserError('Een oordeel hoort bij een norm van het toetsingskader.', 'invalid-input');
  }
}
