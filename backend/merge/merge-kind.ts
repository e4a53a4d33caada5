/** The group of the bundle preview (and of a conflict) each entity counts in. */
import type { MergeKind } from '../../shared/api/types';
import type { EntityName } from '../store/entities';

/** Anything not listed (e.g. surveys, institutions) counts as 'other'. */
const KIND_OF: Partial<Record<EntityName, MergeKind>> = {
  source: 'sources',
  sourceStatus: 'sources',
  coding: 'codings',
  memo: 'memos',
  reviewAnswer: 'fileReviews',
  judgment: 'judgments',
  judgmentEvidence: 'judgments',
  finding: 'judgments',
  theme: 'judgments',
  code: 'framework',
  reviewQuestion: 'framework',
};

export const kindOfEntity = (entity: EntityName): MergeKind => KIND_OF[entity] ?? 'other';
