/**
 * Which entities the change log knows, which table each lives in, and which
 * fields may be written (camelCase in change records, snake_case in tables).
 * The write path refuses anything not listed here, so a bundle or a bug cannot
 * write to an arbitrary column.
 */
export interface EntityDef {
  table: string;
  /** field name in change records -> column name */
  fields: Record<string, string>;
}

const withTombstone = (fields: Record<string, string>) => ({ ...fields, deleted: 'deleted' });

export const ENTITIES = {
  study: {
    table: 'study',
    fields: withTombstone({
      name: 'name',
      periodStart: 'period_start',
      periodEnd: 'period_end',
      ratingScale: 'rating_scale',
      surveyMinGroup: 'survey_min_group',
      reportTemplate: 'report_template',
      reportDate: 'report_date',
      logRetentionDays: 'log_retention_days',
    }),
  },
  institution: { table: 'institution', fields: withTombstone({ name: 'name' }) },
  inspector: { table: 'inspector', fields: withTombstone({ name: 'name', initials: 'initials' }) },
  code: {
    table: 'code',
    fields: withTombstone({
      key: 'key',
      parentId: 'parent_id',
      kind: 'kind',
      name: 'name',
      definition: 'definition',
      color: 'color',
      sortOrder: 'sort_order',
    }),
  },
  source: {
    table: 'source',
    fields: withTombstone({
      title: 'title',
      institutionId: 'institution_id',
      sourceType: 'source_type',
      role: 'role',
      measure: 'measure',
      date: 'date',
      inspectorId: 'inspector_id',
      format: 'format',
      fileName: 'file_name',
      fileSha256: 'file_sha256',
      contentId: 'content_id',
      importedAt: 'imported_at',
      ecli: 'ecli',
    }),
  },
  coding: {
    table: 'coding',
    fields: withTombstone({
      sourceId: 'source_id',
      codeId: 'code_id',
      start: 'start',
      end: 'end',
      valence: 'valence',
      note: 'note',
      quotable: 'quotable',
      coderId: 'coder_id',
      createdAt: 'created_at',
    }),
  },
  finding: {
    table: 'finding',
    fields: withTombstone({
      institutionId: 'institution_id',
      codeId: 'code_id',
      kind: 'kind',
      text: 'text',
      evidence: 'evidence',
      figures: 'figures',
      position: 'position',
      authorId: 'author_id',
    }),
  },
  theme: { table: 'theme', fields: withTombstone({ title: 'title', codeIds: 'code_ids', position: 'position' }) },
  memo: {
    table: 'memo',
    fields: withTombstone({
      targetType: 'target_type',
      targetId: 'target_id',
      text: 'text',
      authorId: 'author_id',
      updatedAt: 'updated_at',
      start: 'start',
      end: 'end',
    }),
  },
  reviewQuestion: {
    table: 'review_question',
    fields: withTombstone({ key: 'key', text: 'text', answerType: 'answer_type', options: 'options', codeId: 'code_id', sortOrder: 'sort_order' }),
  },
  reviewAnswer: {
    table: 'review_answer',
    fields: withTombstone({ sourceId: 'source_id', questionId: 'question_id', value: 'value' }),
  },
  judgment: {
    table: 'judgment',
    fields: withTombstone({ institutionId: 'institution_id', codeId: 'code_id', rating: 'rating', rationale: 'rationale' }),
  },
  judgmentEvidence: {
    table: 'judgment_evidence',
    fields: withTombstone({ judgmentId: 'judgment_id', codingId: 'coding_id' }),
  },
  survey: {
    table: 'survey',
    fields: withTombstone({
      name: 'name',
      fileName: 'file_name',
      fileSha256: 'file_sha256',
      dataSha256: 'data_sha256',
      mapping: 'mapping',
      respondents: 'respondents',
      importedAt: 'imported_at',
    }),
  },
  surveyQuestion: {
    table: 'survey_question',
    fields: withTombstone({ surveyId: 'survey_id', header: 'header', codeId: 'code_id' }),
  },
  sourceStatus: {
    table: 'source_status',
    fields: withTombstone({ sourceId: 'source_id', inspectorId: 'inspector_id', status: 'status', updatedAt: 'updated_at' }),
  },
  // privacy (issue 10): the persons register and the review's choices
  person: {
    table: 'person',
    fields: withTombstone({ name: 'name', role: 'role', forms: 'forms', pseudonym: 'pseudonym', status: 'status', mergedInto: 'merged_into' }),
  },
  privacyChoice: {
    table: 'privacy_choice',
    fields: withTombstone({ kind: 'kind', text: 'text', decision: 'decision', personId: 'person_id' }),
  },
} as const satisfies Record<string, EntityDef>;

export type EntityName = keyof typeof ENTITIES;
export type FieldValue = string | number | null;
export type Fields = Record<string, FieldValue>;

export function isEntityName(name: string): name is EntityName {
  return Object.hasOwn(ENTITIES, name);
}
