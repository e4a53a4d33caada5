/**
 * The one API contract between the backend and every host. Each call has a name,
 * a zod schema for its input (validated where it crosses a process boundary) and
 * an output type. preload.ts, the HTTP browser host and the CLI all speak exactly
 * this, nothing more.
 */
import { z } from 'zod';
import { CODE_KINDS, MEASURES, ROLES, SOURCE_TYPES, VALENCES } from '../vocabulary';
import { MEMO_TARGETS, SOURCE_STATUSES } from './types';
import type { ReportGenerated, ReportSaved, ReportTemplateInfo, TemplateSaved } from './types';
import { FIXED_CHAPTERS, type ChapterKey, type ReportOutline } from '../report-model';
import { ECLI_PATTERN } from '../ecli';
import { SURVEY_COLUMN_KINDS } from '../survey';
import { ALL_ENTITIES, LOGGED_ENTITIES, type StudyEntity } from './study-entities';
import { FINDING_KINDS, type Finding, type SuggestedFinding, type Theme } from '../findings';
import type { SourceProgress, SourceStatusEntry } from './types';
import { DETAIL_KINDS, PERSON_ROLES, PERSON_STATUSES, PRIVACY_DECISIONS, type Person, type PrivacyChoice, type PrivacyScan } from '../privacy';
import type { LogbookPage, LogbookRetention } from './types';
import type { CreatedStudy, NewStudyKeyPlan } from './types';
import type { SurveyAnalysis, SurveyImportResult, SurveyList, SurveySummary, SurveyTable, SurveyTableExport } from './types';
import type { EvidenceSegmentPage, LeftOutCodings } from './types';
import type {
  Code,
  Coding,
  EvidenceMatrix,
  EvidenceSegment,
  FileReview,
  Judgment,
  Memo,
  ReviewQuestion,
  ReviewSummary,
  UndoResult,
  UndoState,
  ImportOutcome,
  Inspector,
  Institution,
  SearchResult,
  SessionState,
  SourceDocument,
  SourceDetails,
  SourceSummary,
  StagedFile,
  StudyStats,
  AgreementReport,
  BundleApplyResult,
  BundleSetApplyResult,
  BundleExportResult,
  BundlePreview,
  CopyForInspectorResult,
  DuplicateCodePair,
  MergeConflict,
  MergeStatus,
  ExchangeExported,
  ExchangeSaved,
  QdpxImportResult,
  ImportPreview,
  BatchPreview,
  SecurityInfo,
  TeamKeys,
} from './types';
import { EXPORT_KINDS, importMappingSchema } from '../exchange';

/** A call's definition: its input schema, and (as a phantom) its output type. */
export interface CallDef<I extends z.ZodType, O> {
  input: I;
  /** True for calls that may take long and report progress under `jobId`. */
  job: boolean;
  /**
   * The entities a writing call may change; empty for a call that only reads.
   * Writing calls run one at a time and each records one action.
   */
  writes: readonly StudyEntity[];
  /** True for calls that close the open study or open another: they wait until every running call finished. */
  switchesStudy: boolean;
  /** A call that only reads but matters (an export, a draft, a copy): recorded in the logbook like a writing call (issue 12). */
  logged: boolean;
  /** Phantom field: carries the output type, never set at run time. */
  readonly __output?: { value: O };
}

interface CallOptions {
  job?: boolean;
  writes?: readonly StudyEntity[];
  switchesStudy?: boolean;
  logged?: boolean;
}

function call<O>() {
  return <I extends z.ZodType>(input: I, options: CallOptions = {}): CallDef<I, O> => ({
    input,
    job: options.job ?? false,
    writes: options.switchesStudy ? ALL_ENTITIES : (options.writes ?? []),
    switchesStudy: options.switchesStudy ?? false,
    logged: options.logged ?? false,
  });
}

/** Closes the open study or opens another: may change everything the UI shows. */
const switchesStudy = { switchesStudy: true } as const;

const id = z.string().uuid();
const shortText = z.string().trim().min(1).max(300);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'datum als JJJJ-MM-DD');
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'kleur als #rrggbb');
const jobId = z.string().min(1).max(100).optional();

export const sourceMetaSchema = z.object({
  title: shortText.optional(),
  institutionId: id,
  sourceType: z.enum(SOURCE_TYPES),
  role: z.enum(ROLES).nullable().default(null),
  measure: z.enum(MEASURES).nullable().default(null),
  date: isoDate.nullable().default(null),
  inspectorId: id.nullable().default(null),
  /** A court ruling's ECLI; absent at import: read from the ruling's text. */
  ecli: z.string().trim().regex(ECLI_PATTERN, 'ECLI als ECLI:NL:RBNNE:2025:1234').nullable().optional(),
});
export type SourceMeta = z.infer<typeof sourceMetaSchema>;

export const sourceFilterSchema = z.object({
  institutionId: id.optional(),
  sourceType: z.enum(SOURCE_TYPES).optional(),
  role: z.enum(ROLES).optional(),
});

export const evidenceFilterSchema = z.object({
  sourceType: z.enum(SOURCE_TYPES).optional(),
  role: z.enum(ROLES).optional(),
  measure: z.enum(MEASURES).optional(),
  coderId: id.optional(),
  valence: z.enum(VALENCES).optional(),
  quotableOnly: z.boolean().optional(),
});

/** The segments of the retrieval list (Excel export of what the list shows; retrieval). */
const segmentScopeSchema = z.object({ codeId: id, institutionId: id.nullable().default(null), sourceId: id.nullable().optional(), filter: evidenceFilterSchema.default({}) });

const offset = z.number().int().min(0);
const noteText = z.string().max(5000);
const longText = z.string().max(100_000);

const surveyHeader = z.string().min(1).max(1100);

/** The mapping of a survey export's columns, confirmed by the user (also the CLI's --mapping file). */
export const surveyMappingSchema = z.object({
  columns: z
    .array(z.object({ header: surveyHeader, kind: z.enum(SURVEY_COLUMN_KINDS), normKey: z.string().max(100).nullable().optional() }))
    .max(500),
  institutions: z
    .array(
      z.object({
        value: z.string().max(5000),
        institutionId: id.nullable().optional(),
        createName: z.string().trim().max(300).nullable().optional(),
      }),
    )
    .max(5000)
    .default([]),
  defaultRole: z.enum(['jeugdige', 'ouder']).nullable().default(null),
  defaultInstitutionId: id.nullable().default(null),
});

/** A survey table: `question` (distribution), optionally split `by` a column; or the `mean` of a numeric column per `by` group. */
export const surveyTableSchema = z.object({
  surveyId: id.optional(),
  question: surveyHeader.optional(),
  by: surveyHeader.optional(),
  mean: surveyHeader.optional(),
  institutionId: id.nullable().optional(),
});

/** Report drafts: what to draw up (one institution, or the overarching report) and the writer's choices. */
export const reportScopeSchema = z.union([z.object({ institutionId: id }), z.object({ overall: z.literal(true) })]);
export const reportOptionsSchema = z.object({
  chapters: z
    .array(
      z.custom<ChapterKey>(
        (value) => typeof value === 'string' && ((FIXED_CHAPTERS as readonly string[]).includes(value) || /^norm:[a-z0-9][a-z0-9.-]{0,99}$/.test(value)),
        'onbekend hoofdstuk',
      ),
    )
    .max(60)
    .optional(),
  includeMemos: z.boolean().optional(),
  includeAppendix: z.boolean().optional(),
  institutionRatings: z.boolean().optional(),
  minCodingsForQuotes: z.union([z.number().int().min(0).max(10_000), z.record(z.string().max(100), z.number().int().min(0).max(10_000))]).optional(),
  keepQuotesBelowMinimum: z.boolean().optional(),
  institutions: z.array(id).max(500).optional(),
  privacyNames: z.array(z.string().trim().min(1).max(200)).max(10_000).optional(),
  date: isoDate.optional(),
  maxQuotesPerNorm: z.number().int().min(0).max(50).optional(),
});

export const logbookFilterSchema = z.object({
  inspectorId: id.optional(),
  call: z.string().max(100).optional(),
  institutionId: id.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  query: z.string().max(200).optional(),
});

/** Proof for changing a study's secrets (issue 11): the current passphrase or the recovery key, checked by the backend. */
const currentSecret = { current: z.string().min(1).max(1000), currentWith: z.enum(['passphrase', 'recovery']).default('passphrase') };

export const contract = {
  'session.state': call<SessionState>()(z.object({})),
  'session.setInspector': call<SessionState>()(z.object({ inspectorId: id }), { writes: ['session'] }),

  'study.create': call<CreatedStudy>()(
    z.object({
      /** The study passphrase the wizard asked twice, where the computer has no keychain (issue 11); never stored, never logged. */
      passphrase: z.string().min(1).max(1000).nullable().default(null),
      name: shortText,
      periodStart: isoDate.nullable().default(null),
      periodEnd: isoDate.nullable().default(null),
      institutions: z.array(shortText).max(200).default([]),
      inspectors: z.array(z.object({ name: shortText, initials: z.string().trim().min(1).max(10) })).max(200),
    }),
    switchesStudy,
  ),
  /** Desktop only: choose a study file with the native dialog and open it. */
  'study.openDialog': call<SessionState | null>()(z.object({}), switchesStudy),
  'study.openDemo': call<SessionState>()(z.object({}), switchesStudy),
  /** How `study.create` will key the new study: what the wizard must ask (issue 11). */
  'study.newKeyPlan': call<NewStudyKeyPlan>()(z.object({})),
  'study.update': call<SessionState>()(
    z.object({ name: shortText, periodStart: isoDate.nullable(), periodEnd: isoDate.nullable(), reportDate: isoDate.nullable().optional() }), { writes: ['study'] },
  ),

  'institution.create': call<Institution>()(z.object({ name: shortText }), { writes: ['institution'] }),
  'institution.rename': call<Institution>()(z.object({ id, name: shortText }), { writes: ['institution'] }),
  'inspector.create': call<Inspector>()(z.object({ name: shortText, initials: z.string().trim().min(1).max(10) }), { writes: ['inspector'] }),

  'framework.list': call<Code[]>()(z.object({})),
  'code.create': call<Code>()(
    z.object({
      parentId: id.nullable().default(null),
      kind: z.enum(CODE_KINDS),
      name: shortText,
      definition: z.string().max(5000).default(''),
      color,
    }), { writes: ['code'] },
  ),
  'code.update': call<Code>()(
    z.object({ id, name: shortText.optional(), definition: z.string().max(5000).optional(), color: color.optional() }), { writes: ['code'] },
  ),
  /** Move a code under `parentId` (null: top level) at position `index` among its siblings. */
  'code.move': call<Code[]>()(z.object({ id, parentId: id.nullable(), index: z.number().int().min(0) }), { writes: ['code'] }),
  'code.delete': call<Code[]>()(z.object({ id }), { writes: ['code'] }),

  /** Hand the backend the bytes of one file to import; returns a handle for `sources.import`. */
  'files.stage': call<StagedFile>()(
    z.object({ fileName: z.string().min(1).max(255), bytes: z.instanceof(Uint8Array), relativePath: z.string().min(1).max(1000).optional() }),
  ),
  'sources.import': call<ImportOutcome[]>()(
    z.object({
      stagedIds: z.array(z.string().uuid()).min(1).max(2000),
      meta: sourceMetaSchema,
      jobId,
      /** The institution by name instead of meta.institutionId: created with the first source stored (CLI). */
      institutionName: shortText.optional(),
    }),
    { job: true, writes: ['source', 'institution', 'person'] },
  ),
  /**
   * Batch import: read staged files of a folder (with their relativePath) or one
   * staged dossier zip, or (chooseFolder) a folder the host asks for; extract
   * them, storing nothing, and return one table with guessed details and the
   * refused files. Null when the user cancelled the folder dialog.
   */
  'batch.preview': call<BatchPreview | null>()(
    z.object({ stagedIds: z.array(z.string().uuid()).max(2000).default([]), chooseFolder: z.boolean().default(false), jobId }),
    { job: true },
  ),
  /** Store the confirmed rows of a previewed batch, each file all-or-nothing; the batch is used up. */
  'batch.import': call<ImportOutcome[]>()(
    z.object({
      batchId: id,
      rows: z
        .array(z.object({ rowId: id, meta: sourceMetaSchema.extend({ title: shortText }), institutionName: shortText.optional() }))
        .min(1)
        .max(2000),
      jobId,
    }),
    { job: true, writes: ['source', 'institution'] },
  ),
  /** Drop a previewed batch without storing anything. */
  'batch.discard': call<null>()(z.object({ batchId: id })),
  /** Stop a running job (an import, a folder being read): its workers are ended and nothing of its unfinished files is stored. False when no such job runs. */
  'job.cancel': call<boolean>()(z.object({ jobId: z.string().min(1).max(100) })),
  'sources.list': call<SourceSummary[]>()(sourceFilterSchema),
  'source.get': call<SourceDocument>()(z.object({ id })),
  /** The details alone (no text), for views that follow edits of an open source. */
  'source.details': call<SourceDetails>()(z.object({ id })),
  'source.updateMeta': call<SourceSummary>()(z.object({ id, meta: sourceMetaSchema.extend({ title: shortText }) }), { writes: ['source'] }),

  search: call<SearchResult>()(
    z.object({ query: z.string().trim().min(1).max(500), limit: z.number().int().min(1).max(1000).default(200) }),
  ),
  stats: call<StudyStats>()(z.object({})),

  'codings.forSource': call<Coding[]>()(z.object({ sourceId: id, coderId: id.optional() })),
  'coding.create': call<Coding>()(
    z.object({
      sourceId: id,
      codeId: id,
      start: offset,
      end: offset,
      valence: z.enum(VALENCES).default('neutraal'),
      note: noteText.default(''),
      quotable: z.boolean().default(false),
    }), { writes: ['coding'] },
  ),
  'coding.update': call<Coding>()(
    z.object({
      id,
      codeId: id.optional(),
      start: offset.optional(),
      end: offset.optional(),
      valence: z.enum(VALENCES).optional(),
      note: noteText.optional(),
      quotable: z.boolean().optional(),
    }), { writes: ['coding'] },
  ),
  'coding.delete': call<{ id: string }>()(z.object({ id }), { writes: ['coding'] }),
  /** Code the hits of a search (all, or the chosen ones) with one code, as one undoable action. */
  autocode: call<{ created: number; skipped: number }>()(
    z.object({
      query: z.string().trim().min(1).max(500),
      codeId: id,
      valence: z.enum(VALENCES).default('neutraal'),
      hits: z.array(z.object({ sourceId: id, start: offset, end: offset })).max(5000).optional(),
    }), { writes: ['coding'] },
  ),

  'undo.state': call<UndoState>()(z.object({})),
  undo: call<UndoResult>()(z.object({}), { writes: LOGGED_ENTITIES }),
  redo: call<UndoResult>()(z.object({}), { writes: LOGGED_ENTITIES }),

  /** Live codings per code in the study, with the evidence filters; not rolled up to norms (coding day). */
  'codings.countByCode': call<Record<string, number>>()(z.object({ filter: evidenceFilterSchema.default({}) })),
  /** Coding counts per source and every inspector's status per source (coding day). */
  'sources.progress': call<SourceProgress>()(z.object({})),
  /** Set the current inspector's status of a source. */
  'source.setStatus': call<SourceStatusEntry>()(z.object({ sourceId: id, status: z.enum(SOURCE_STATUSES) }), { writes: ['sourceStatus'] }),

  'memos.list': call<Memo[]>()(z.object({ targetType: z.enum(MEMO_TARGETS).optional(), targetId: id.optional() })),
  'memo.save': call<Memo>()(z.object({ targetType: z.enum(MEMO_TARGETS), targetId: id, text: longText }), { writes: ['memo'] }),
  /** Every memo, whole-subject and passage (coding day). */
  'memos.all': call<Memo[]>()(z.object({})),
  'memos.passages': call<Memo[]>()(z.object({ sourceId: id })),
  'memos.search': call<Memo[]>()(z.object({ query: z.string().max(500) })),
  'memo.addPassage': call<Memo>()(z.object({ sourceId: id, start: offset, end: offset, text: longText }), { writes: ['memo'] }),
  'memo.update': call<Memo>()(z.object({ id, text: longText }), { writes: ['memo'] }),
  'memo.delete': call<{ id: string }>()(z.object({ id }), { writes: ['memo'] }),

  'evidence.matrix': call<EvidenceMatrix>()(z.object({ filter: evidenceFilterSchema.default({}) })),
  /** Codings left out of the evidence because their code or source was deleted in a merge (retrieval). */
  'evidence.leftOut': call<LeftOutCodings>()(z.object({ filter: evidenceFilterSchema.default({}) })),
  /** A page of the retrieval list's segments and the list's length (retrieval). */
  'evidence.segmentPage': call<EvidenceSegmentPage>()(
    segmentScopeSchema.extend({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) }),
  ),
  'evidence.segments': call<EvidenceSegment[]>()(
    z.object({ codeId: id, institutionId: id.nullable().default(null), filter: evidenceFilterSchema.default({}) }),
  ),

  'review.questions': call<ReviewQuestion[]>()(z.object({})),
  'review.saveQuestion': call<ReviewQuestion>()(
    z.object({
      id: id.optional(),
      text: shortText,
      answerType: z.enum(['choice', 'number']),
      options: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
      codeId: id.nullable().default(null),
    }), { writes: ['reviewQuestion'] },
  ),
  'review.deleteQuestion': call<{ id: string }>()(z.object({ id }), { writes: ['reviewQuestion'] }),
  'review.get': call<FileReview>()(z.object({ sourceId: id })),
  'review.answer': call<FileReview>()(
    z.object({ sourceId: id, questionId: id, value: z.string().trim().min(1).max(60).nullable() }), { writes: ['reviewAnswer'] },
  ),
  'review.summary': call<ReviewSummary[]>()(z.object({})),

  'judgments.list': call<{ scale: string[]; judgments: Judgment[] }>()(z.object({})),
  'judgment.save': call<Judgment>()(
    z.object({ institutionId: id, codeId: id, rating: z.string().max(100).nullable(), rationale: longText.default('') }), { writes: ['judgment'] },
  ),
  'judgment.linkEvidence': call<Judgment>()(z.object({ institutionId: id, codeId: id, codingId: id, linked: z.boolean() }), { writes: ['judgment', 'judgmentEvidence'] }),
  'ratingScale.save': call<string[]>()(z.object({ ratings: z.array(z.string().max(100)).min(2).max(10) }), { writes: ['study'] }),

  'finding.list': call<Finding[]>()(z.object({})),
  'finding.save': call<Finding>()(
    z.object({
      id: id.optional(),
      institutionId: id.nullable(),
      codeId: id.nullable(),
      kind: z.enum(FINDING_KINDS),
      text: z.string().max(20_000),
      evidenceCodingIds: z.array(id).max(500).default([]),
      figures: z.array(z.object({ text: z.string().max(2_000), basis: z.string().max(2_000) })).max(50).default([]),
    }),
    { writes: ['finding'] },
  ),
  'finding.delete': call<null>()(z.object({ id }), { writes: ['finding'] }),
  'finding.move': call<Finding[]>()(z.object({ id, beforeId: id.nullable() }), { writes: ['finding'] }),
  'finding.suggest': call<SuggestedFinding[]>()(z.object({ institutionId: id.nullable(), codeId: id })),
  'theme.list': call<Theme[]>()(z.object({})),
  'theme.save': call<Theme>()(z.object({ id: id.optional(), title: z.string().max(300), codeIds: z.array(id).max(100) }), { writes: ['theme'] }),
  'theme.delete': call<Theme[]>()(z.object({ id }), { writes: ['theme'] }),
  'theme.move': call<Theme[]>()(z.object({ id, beforeId: id.nullable() }), { writes: ['theme'] }),

  /* ---- Team merge (issue 5) ---- */
  /**
   * Copy the open study for an inspector (own replica id, that inspector as user).
   * Desktop: without targetPath the host asks with a save dialog. Browser host:
   * without targetPath the copy goes next to the study as `<study>-<initials>.veldwerk`.
   */
  'study.copyForInspector': call<CopyForInspectorResult>()(
    z.object({ initials: z.string().trim().min(1).max(10), targetPath: z.string().min(1).max(4096).optional() }),
    { logged: true },
  ),
  /**
   * Export a bundle (.vwbundle) for the team, encrypted with the passphrase:
   * what is new since the last export, or everything (`all`). Desktop: the
   * host asks where with a save dialog. Browser host: returns a downloadId for
   * GET /api/download/bundle/<downloadId>.
   */
  'bundle.export': call<BundleExportResult>()(
    // toTeam: also (or, without a passphrase, only) to the age keys of the team's unrevoked copies.
    z.object({ passphrase: z.string().min(1).max(1000).nullable().default(null), toTeam: z.boolean().default(false), all: z.boolean().default(false), jobId }),
    { job: true, writes: ['exchange'] },
  ),
  /** What applying a staged bundle (files.stage) would do; changes nothing. */
  'bundle.preview': call<BundlePreview>()(
    // No passphrase: a bundle to the team's keys, opened with this copy's own.
    z.object({ stagedId: z.string().uuid(), passphrase: z.string().min(1).max(1000).nullable().default(null), jobId }),
    { job: true },
  ),
  /** Apply a staged bundle, all or nothing, after an automatic backup of the study file. */
  'bundle.apply': call<BundleApplyResult>()(
    z.object({ stagedId: z.string().uuid(), passphrase: z.string().min(1).max(1000).nullable().default(null), jobId }),
    { job: true, writes: [...LOGGED_ENTITIES, 'conflict', 'exchange'] },
  ),
  /** Apply several staged bundles in the given order, all or none, after one backup before all of them (merge capability). */
  'bundle.applySet': call<BundleSetApplyResult>()(
    z.object({ stagedIds: z.array(z.string().uuid()).min(1).max(100), passphrase: z.string().min(1).max(1000).nullable().default(null), jobId }),
    { job: true, writes: [...LOGGED_ENTITIES, 'conflict', 'exchange'] },
  ),
  'merge.status': call<MergeStatus>()(z.object({})),
  'merge.conflicts': call<MergeConflict[]>()(z.object({ status: z.enum(['open', 'all']).default('open') })),
  /** Resolve a conflict by choosing this copy's value ('local') or the incoming one ('remote'); returns the open conflicts. */
  'merge.resolve': call<MergeConflict[]>()(z.object({ conflictId: id, choose: z.enum(['local', 'remote']) }), { writes: [...LOGGED_ENTITIES, 'conflict'] }),
  /** Codes created twice under one parent with the same name (offered for merging). */
  'merge.duplicateCodes': call<DuplicateCodePair[]>()(z.object({})),
  /** Fold code `dropId` into `keepId` (codings, questions, sub-codes, memos, judgments move), as one undoable action. */
  'merge.mergeCodes': call<Code[]>()(z.object({ keepId: id, dropId: id }), { writes: LOGGED_ENTITIES }),
  /** "Samenvoegen ongedaan maken": restore the study file from before the last merge. */
  'merge.undo': call<{ restoredFrom: string; keptAs: string; state: SessionState }>()(z.object({}), switchesStudy),
  /** Intercoder agreement on double-coded sources; threshold = minimum overlap/union for matching segments (0-1). */
  agreement: call<AgreementReport>()(z.object({ threshold: z.number().gt(0).max(1).default(0.9) })),
  /** Resolve a disagreement by adopting one coder's solution; returns the report anew. */
  'agreement.adopt': call<AgreementReport>()(
    z.object({ disagreementId: z.string().min(1).max(100), coderId: id, threshold: z.number().gt(0).max(1).default(0.9) }), { writes: ['coding'] },
  ),

  /** Questionnaire (vragenlijst): import an export after the user confirmed the mapping, then tables and report placement. */
  'survey.list': call<SurveyList>()(z.object({})),
  /** Read a staged .xlsx/.csv and propose a mapping (nothing is stored). */
  'survey.analyse': call<SurveyAnalysis>()(z.object({ stagedId: z.string().uuid(), jobId, headerRows: z.number().int().min(1).max(5).optional() }), { job: true }),
  'survey.import': call<SurveyImportResult>()(
    z.object({ stagedId: z.string().uuid(), mapping: surveyMappingSchema, name: shortText.optional(), jobId }),
    { job: true, writes: ['survey', 'surveyQuestion', 'institution'] },
  ),
  'survey.table': call<SurveyTable>()(surveyTableSchema),
  /** The table as an .xlsx: saved through the host's save dialog where there is one, else returned as base64. */
  'survey.exportTable': call<SurveyTableExport>()(surveyTableSchema, { logged: true }),
  'survey.setQuestionNorm': call<SurveySummary>()(z.object({ surveyId: id, question: surveyHeader, codeId: id.nullable() }), { writes: ['surveyQuestion'] }),
  'survey.setMinGroup': call<number>()(z.object({ minGroup: z.number().int().min(1).max(1000) }), { writes: ['study'] }),
  'survey.delete': call<{ id: string }>()(z.object({ id }), { writes: ['survey'] }),

  /** The outline of a report draft with counts per chapter (chapters, quotes, figures), for the preview. */
  'report.outline': call<ReportOutline>()(z.object({ scope: reportScopeSchema, options: reportOptionsSchema.default({}) })),
  /** Draw up a report draft (.docx) and keep it in the session: then `report.save` (desktop) or its `downloadUrl` (browser). */
  'report.generate': call<ReportGenerated>()(
    z.object({ scope: reportScopeSchema, options: reportOptionsSchema.default({}), jobId }),
    { job: true, logged: true },
  ),
  /** Desktop: save a generated draft where the user chooses, and open it in the word processor when asked. */
  'report.save': call<ReportSaved>()(z.object({ reportId: z.string().uuid(), open: z.boolean().default(true) })),
  /** The house style of the study's drafts. */
  'report.template': call<ReportTemplateInfo>()(z.object({})),
  /**
   * Choose the house style for the whole study: a staged template (.docx or
   * .dotx, see files.stage), or null for Veldwerk's standard. A file that is
   * no usable template is refused and changes nothing.
   */
  'report.setTemplate': call<ReportTemplateInfo>()(z.object({ stagedId: z.string().uuid().nullable() }), { writes: ['study'] }),
  /** Veldwerk's standard template, to edit in Word and choose again: saved (desktop) or downloaded (browser). */
  'report.saveTemplate': call<TemplateSaved>()(z.object({ open: z.boolean().default(true) })),

  /** Exchange (issue 15): a REFI-QDA project or codebook, or a table as Excel, pseudonymised unless `full`; then `exchange.save` (desktop) or its `downloadUrl` (browser). */
  'exchange.export': call<ExchangeExported>()(
    z.object({ kind: z.enum(EXPORT_KINDS), full: z.boolean().default(false), codeIds: z.array(id).min(1).max(500).optional(), scope: segmentScopeSchema.optional(), jobId }),
    { job: true, logged: true },
  ),
  /** Desktop: save a kept export where the user chooses. */
  'exchange.save': call<ExchangeSaved>()(z.object({ exportId: z.string().uuid() })),
  /** The app's hand-off of any kept file (draft, appendix, export, template, bundle, survey table): its save dialog, then open it when asked (renderer/ui/hand-off.ts). */
  'file.save': call<ReportSaved>()(z.object({ fileId: z.string().uuid(), open: z.boolean().default(false) })),
  /** What importing a staged project or codebook would add and where its codes would go, storing nothing (the staged file is used up). */
  'exchange.preview': call<ImportPreview>()(z.object({ stagedId: z.string().uuid(), jobId }), { job: true }),
  /** Import a staged REFI-QDA project (.qdpx) or codebook (.qdc) as one undoable action; refused whole when anything is wrong. */
  'exchange.import': call<QdpxImportResult>()(z.object({ stagedId: z.string().uuid(), mapping: importMappingSchema.optional(), jobId }), {
    job: true,
    writes: ['source', 'code', 'coding', 'memo', 'inspector', 'institution', 'person'],
  }),
  /* privacy (issue 10): the persons register, the review's choices, and what drafts would carry */
  'privacy.persons': call<Person[]>()(z.object({})),
  'privacy.addPerson': call<Person>()(z.object({ name: shortText, role: z.enum(PERSON_ROLES).default('anders'), forms: z.array(shortText).max(50).default([]), pseudonym: z.string().trim().max(100).optional(), status: z.enum(PERSON_STATUSES).default('bevestigd') }), { writes: ['person'] }),
  'privacy.updatePerson': call<Person>()(z.object({ id, name: shortText.optional(), role: z.enum(PERSON_ROLES).optional(), forms: z.array(shortText).max(50).optional(), pseudonym: z.string().trim().max(100).optional(), status: z.enum(PERSON_STATUSES).optional() }), { writes: ['person'] }),
  'privacy.mergePersons': call<Person>()(z.object({ keepId: id, otherId: id }), { writes: ['person'] }),
  /** In how many sources each person of the register appears (by id; the Personen view). */
  'privacy.sourceCounts': call<Record<string, number>>()(z.object({})),
  /** Propose every name in the sources that the register does not know as a candidate. */
  'privacy.detectCandidates': call<{ added: Person[]; scanned: number }>()(z.object({}), { writes: ['person'] }),
  /** What the privacy pass finds in the draft(s) of a scope (null: every draft), appendix and notes included. */
  'privacy.scan': call<PrivacyScan>()(z.object({ scope: reportScopeSchema.nullable().default(null), options: reportOptionsSchema.default({}) })),
  /** A choice in the review: replace a detail, or keep it as not identifying; with personId a name becomes a form of that person. */
  'privacy.choose': call<PrivacyChoice>()(z.object({ kind: z.enum(DETAIL_KINDS), text: shortText, decision: z.enum(PRIVACY_DECISIONS), personId: id.nullable().default(null) }), { writes: ['privacyChoice', 'person'] }),

  /* ---- Study keys (issue 11): the passphrase dialog; the secret travels only as this input, never in a URL ---- */
  /** Open the study held by `keyPrompt` (kind 'unlock') with the passphrase or the recovery key the user typed. */
  'study.unlock': call<SessionState>()(z.object({ secret: z.string().min(1).max(1000), with: z.enum(['passphrase', 'recovery']) }), switchesStudy),
  /** The user agreed to encrypt the plaintext study just opened (kind 'encrypt'); the recovery key is shown once. */
  'study.encrypt': call<{ recoveryKey: string; state: SessionState }>()(z.object({ passphrase: z.string().min(1).max(1000).nullable() }), switchesStudy),
  /** Close the dialog: keep the study plaintext for now, or cancel opening the locked one. */
  'study.dismissKeyPrompt': call<SessionState>()(z.object({})),
  /* Instellingen → Beveiliging (issue 11): key file and backups are bookkeeping of this copy, pushed as `session`. */
  'security.info': call<SecurityInfo>()(z.object({})),
  /** Changing the study's secrets first checks the current passphrase (or the recovery key); a wrong one changes nothing and counts as a wrong try. */
  'security.changePassphrase': call<null>()(z.object({ passphrase: z.string().min(1).max(1000), ...currentSecret }), { writes: ['session'] }),
  /** Rotate the study key (a job): every record is rewritten under a new key and verified; a new recovery key is shown once. */
  'security.rekey': call<{ recoveryKey: string; state: SessionState }>()(z.object({ passphrase: z.string().min(1).max(1000), ...currentSecret, jobId }), { ...switchesStudy, job: true }),
  'security.newRecoveryKey': call<{ recoveryKey: string }>()(z.object({ ...currentSecret }), { writes: ['session'] }),
  'security.setBackupKeep': call<SecurityInfo>()(z.object({ keep: z.number().int().min(1).max(50) }), { writes: ['session'] }),
  /** Put a listed backup in the study's place, after backing up the study as it is. */
  'security.restoreBackup': call<{ restoredFrom: string; keptAs: string; state: SessionState }>()(z.object({ name: z.string().min(1).max(300) }), switchesStudy),
  /* Team → Sleutels (issue 12): the register of signing keys; revoking is the lead's, as in `veldwerk inspector revoke` */
  'team.keys': call<TeamKeys>()(z.object({})),
  'team.revokeKeys': call<TeamKeys>()(z.object({ inspectorId: id }), { writes: ['inspector', 'session'] }),
  /* logbook (issue 12): the lines, filtered and paged, and their export (Excel or CSV; then exchange.save or its downloadUrl) */
  'logbook.list': call<LogbookPage>()(
    z.object({ filter: logbookFilterSchema.default({}), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
  ),
  /** The logbook's retention (bewaartermijn) in days, or null to keep every line; older lines are removed at once, keeping verify working. */
  'logbook.setRetention': call<LogbookRetention>()(z.object({ days: z.number().int().min(30).max(36_500).nullable() }), { writes: ['study'] }),
  'logbook.export': call<ExchangeExported>()(z.object({ filter: logbookFilterSchema.default({}), format: z.enum(['xlsx', 'csv']) }), { logged: true }),
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<N extends CallName> = z.input<Contract[N]['input']>;
export type ParsedInput<N extends CallName> = z.output<Contract[N]['input']>;
export type CallOutput<N extends CallName> = NonNullable<Contract[N]['__output']>['value'];

export const CALL_NAMES = Object.keys(contract) as CallName[];

/** The typed API as the UI sees it: one async function per call. */
export type VeldwerkApi = {
  [N in CallName]: (input: CallInput<N>) => Promise<CallOutput<N>>;
};

/** An error the user should read: Dutch, without a stack. */
export interface ApiErrorShape {
  message: string;
  /** 'invalid-input' | 'no-study' | 'not-found' | 'rejected' | 'internal' */
  code: string;
}
