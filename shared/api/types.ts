/** The shapes that cross from the backend to its hosts (UI, CLI, browser host). */
import type { CodeKind, Measure, Role, SourceFormat, SourceType, Valence } from '../vocabulary';
import type { Distribution, GroupDistribution, GroupMean, SurveyColumnKind, SurveyRole } from '../survey';

export interface StudyInfo {
  id: string;
  name: string;
  periodStart: string | null;
  periodEnd: string | null;
  /** The date report drafts carry (JJJJ-MM-DD); null: the day the draft is made. */
  reportDate: string | null;
  replicaId: string;
}

export interface Institution {
  id: string;
  name: string;
}

export interface Inspector {
  id: string;
  name: string;
  initials: string;
}

export interface Code {
  id: string;
  key: string;
  parentId: string | null;
  kind: CodeKind;
  name: string;
  definition: string;
  color: string;
  sortOrder: number;
}

export interface SessionState {
  host: 'electron' | 'browser';
  /** Where the open study lives on disk; null when no study is open. */
  studyPath: string | null;
  study: StudyInfo | null;
  institutions: Institution[];
  inspectors: Inspector[];
  currentInspectorId: string | null;
  /** True when the host can show native file dialogs (desktop app). */
  canChooseFiles: boolean;
  /** A study being opened that needs the user: its passphrase (encrypted, key not in the keychain) or consent to encrypt it. */
  keyPrompt?: KeyPrompt | null;
}

/** The team's signing keys (Team → Sleutels; merge/team-keys.ts). */
export interface TeamKeys {
  /** True in the lead's study: only there can keys be revoked. */
  lead: boolean;
  keys: TeamKey[];
}

export interface TeamKey {
  keyId: string;
  /** The key id in groups of four, to compare aloud. */
  fingerprint: string;
  inspectorId: string | null;
  inspectorName: string | null;
  initials: string | null;
  role: 'lead' | 'member';
  registeredAt: string;
  /** The lead's name (every key is registered by the lead); null when the lead chose no inspector. */
  registeredBy: string | null;
  revokedAt: string | null;
}

/** Instellingen → Beveiliging (keys/security.ts). */
export interface SecurityInfo {
  encrypted: boolean;
  /** The fictional demo: never encrypted. */
  demo: boolean;
  /** What opens the study's key: its passphrase, this computer's keychain, the recovery key. */
  opensWith: { passphrase: boolean; keychain: boolean; recoveryKey: boolean };
  /** How many backups of each kind are kept (a study setting). */
  backupKeep: number;
  backups: BackupEntry[];
}

export interface BackupEntry {
  /** The file's name beside the study (what `security.restoreBackup` takes). */
  name: string;
  /** Made before a merge, or before a backup was restored. */
  kind: 'samenvoegen' | 'terugzetten';
  /** ISO time the backup was written. */
  time: string;
  size: number;
}

/** What the passphrase dialog asks (keys/key-prompt.ts); never the path's secret, only its file name. */
export interface KeyPrompt {
  kind: 'unlock' | 'encrypt';
  fileName: string;
  /** Seconds before the next passphrase try is checked (after wrong ones); 0: at once. */
  waitSeconds: number;
}

/**
 * How a study made in the app or browser host gets its key (issue 11):
 * 'keychain': kept by this computer's keychain, nothing asked; 'passphrase':
 * no keychain, the wizard asks for a study passphrase; 'prepared': the host
 * made the key already (`veldwerk serve` with a passphrase file); 'none':
 * this host makes plaintext studies (tests, scripts).
 */
export type NewStudyKeyPlan = 'keychain' | 'passphrase' | 'prepared' | 'none';

/** `study.create`'s answer: the new session state and, when the call made the study's key, its recovery key to show once. */
export type CreatedStudy = SessionState & { recoveryKey?: string };

export interface SourceSummary {
  id: string;
  title: string;
  institutionId: string;
  sourceType: SourceType;
  role: Role | null;
  measure: Measure | null;
  date: string | null;
  inspectorId: string | null;
  format: SourceFormat;
  fileName: string;
  pageCount: number | null;
  characterCount: number;
  importedAt: string;
}

export interface HeadingMark {
  start: number;
  level: number;
}

export interface SourceDocument extends SourceSummary {
  /** NFC-normalised text with `\n` line ends; never changes after import. */
  text: string;
  /** Offset (UTF-16 code units) where each PDF page starts; null for other formats. */
  pageStarts: number[] | null;
  headings: HeadingMark[];
  /** PDF pages (1-based) with little or no readable text: scanned, or fonts without letters (sources: realfiles). */
  sparsePages: number[];
  /** PDF pages (1-based) whose text was recognised by OCR at import (sources: realfiles). */
  ocrPages: number[];
  /** A court ruling's ECLI (type uitspraak), null when none is known (sources: sourcemeta). */
  ecli: string | null;
}

/** A source's details without its text: what the document header shows after an edit (sources: sourcemeta). */
export type SourceDetails = SourceSummary & Pick<SourceDocument, 'ecli'>;

export type ImportOutcome =
  | { fileName: string; status: 'imported'; sourceId: string; title: string }
  | { fileName: string; status: 'duplicate'; sourceId: string; title: string; message: string; reason: string }
  /** `message` names the file (where it stands alone, as in the CLI); `reason` does not (shown beside the name). */
  | { fileName: string; status: 'rejected'; message: string; reason: string };

export interface SearchHit {
  sourceId: string;
  title: string;
  /** The text around the hit on one line (line ends shown as spaces, same length). */
  snippet: string;
  /** Offset in the source text where the snippet starts. */
  snippetOffset: number;
  /** Offsets of the hit in the source text (UTF-16 code units). */
  start: number;
  end: number;
  /** 1-based PDF page of the hit, or null. */
  page: number | null;
}

export interface SearchResult {
  hits: SearchHit[];
  /** True when more hits exist than were returned. */
  truncated: boolean;
}

export interface StudyStats {
  institutions: string[];
  sources: {
    total: number;
    byType: Record<string, number>;
    byRole: Record<string, number>;
    byInstitution: Record<string, number>;
  };
  codings: {
    total: number;
    byNorm: Record<string, number>;
    byInstitution: Record<string, number>;
    byValence: Record<string, number>;
  };
  /** Per institution and file-review question: how the reviewed files answered. */
  fileReview: Array<{
    institution: string;
    question: string;
    text: string;
    norm: string | null;
    answered: number;
    filesReviewed: number;
    counts: Record<string, number>;
    mean: number | null;
  }>;
  /** Every recorded judgment: institution name, norm key, rating (null: not yet rated). */
  judgments: Array<{ institution: string; norm: string; rating: string | null }>;
}

export interface JobProgress {
  jobId: string;
  done: number;
  total: number;
  /** What is being worked on now, in Dutch. */
  message: string;
  /** While OCR reads a scanned file: the page it started on (1-based) of the pages it will read. */
  ocr?: { fileName: string; page: number; pages: number };
}

export interface StagedFile {
  stagedId: string;
  fileName: string;
  size: number;
}

export interface Coding {
  id: string;
  sourceId: string;
  codeId: string;
  /** Offsets into the source text, UTF-16 code units, end exclusive. */
  start: number;
  end: number;
  valence: Valence;
  note: string;
  /** Marked by the coder as a candidate quote for the report. */
  quotable: boolean;
  coderId: string | null;
  createdAt: string;
}

export interface UndoState {
  undoLabel: string | null;
  redoLabel: string | null;
}

export interface UndoResult extends UndoState {
  /** What was undone or redone, or null when there was nothing to do. */
  done: string | null;
}

export const MEMO_TARGETS = ['source', 'code', 'institution'] as const;
export type MemoTarget = (typeof MEMO_TARGETS)[number];

export interface Memo {
  id: string;
  targetType: MemoTarget;
  targetId: string;
  text: string;
  authorId: string | null;
  updatedAt: string;
  /** A memo on a passage of a source: its offsets in the source text (absent or null: about the whole subject). */
  start?: number | null;
  end?: number | null;
}

export interface ReviewQuestion {
  id: string;
  key: string;
  text: string;
  answerType: 'choice' | 'number';
  /** Answer options in their natural order (choice questions). */
  options: string[];
  /** The norm the question belongs to. */
  codeId: string | null;
  sortOrder: number;
}

/** The file review of one client file: question id -> answer. */
export interface FileReview {
  sourceId: string;
  answers: Record<string, string>;
}

/** One question's answers aggregated over an institution's reviewed files. */
export interface ReviewSummary {
  institutionId: string;
  institution: string;
  questionId: string;
  questionKey: string;
  question: string;
  normKey: string | null;
  /** Files with an answer to this question. */
  answered: number;
  /** Files of the institution with any review answer. */
  filesReviewed: number;
  /** Per option in the question's order (choice), or per distinct number ascending. */
  counts: Array<{ answer: string; n: number }>;
  /** For number questions: the mean of the answers; null otherwise. */
  mean: number | null;
}

export interface Judgment {
  id: string;
  institutionId: string;
  codeId: string;
  rating: string | null;
  rationale: string;
  evidenceCodingIds: string[];
}

export interface EvidenceFilter {
  sourceType?: SourceType | undefined;
  role?: Role | undefined;
  measure?: Measure | undefined;
  coderId?: string | undefined;
  valence?: Valence | undefined;
  quotableOnly?: boolean | undefined;
}

/** The codings of one code (with its sub-codes) at one institution. */
export interface EvidenceCell {
  codeId: string;
  institutionId: string;
  total: number;
  /** Distinct sources the codings come from. */
  sources: number;
  byValence: Record<string, number>;
  bySourceType: Record<string, number>;
  byRole: Record<string, number>;
}

export interface EvidenceMatrix {
  cells: EvidenceCell[];
}

/** A coding with the metadata of the source it lies in: what evidence and report drafts count and group by. */
export interface CodingInSource extends Coding {
  sourceTitle: string;
  sourceType: SourceType;
  role: Role | null;
  measure: Measure | null;
  institutionId: string;
}

/** Where a coding sits in its source's text. */
export interface CodedText {
  /** The coded text and a little context either side. */
  text: string;
  before: string;
  after: string;
  /** The page the coding starts on (PDF sources); null otherwise. */
  page: number | null;
  /** True when the coded text lies, wholly or partly, on a page read by OCR: it may hold recognition errors. */
  ocr?: boolean;
}

export interface EvidenceSegment extends Omit<CodingInSource, 'id' | 'createdAt'>, CodedText {
  codingId: string;
}

/* ---------- Team merge (issue 5) ---------- */

/** The groups a bundle's preview counts per. */
export const MERGE_KINDS = ['sources', 'codings', 'memos', 'fileReviews', 'judgments', 'framework', 'other'] as const;
export type MergeKind = (typeof MERGE_KINDS)[number];

/** The groups as a Dutch user reads them (the preview table in the app and the CLI). */
export const MERGE_KIND_LABELS: Record<MergeKind, string> = {
  sources: 'Bronnen',
  codings: 'Coderingen',
  memos: 'Memo’s',
  fileReviews: 'Dossieranalyse',
  judgments: 'Oordelen',
  framework: 'Toetsingskader',
  other: 'Overig',
};

export interface MergeKindCounts {
  /** Entities this copy did not have. */
  new: number;
  /** Entities this copy had of which at least one field takes a new value. */
  changed: number;
  /** Entities that become deleted (tombstoned) by the bundle. */
  deleted: number;
  /** Change records this copy already had (skipped). */
  skipped: number;
  /** Conflicts found (concurrent edits of one field to different values). */
  conflicts: number;
}

export interface MergeConflict {
  id: string;
  entity: string;
  entityId: string;
  field: string;
  /**
   * 'field': both changed the field; 'delete-edit': one deleted what the other edited;
   * 'structure': a merge broke the framework tree or left a coding on a deleted code or source
   * (field 'structure:<why>'; local and remote are the two ways out, in words).
   */
  kind: 'field' | 'delete-edit' | 'structure';
  /** What the conflict is about, in Dutch (e.g. 'Oordeel Participatie bij GI Noord: oordeel'). */
  label: string;
  mergeKind: MergeKind;
  local: { value: string | number | null; authorId: string | null; authorName: string | null; hlc: string };
  remote: { value: string | number | null; authorId: string | null; authorName: string | null; hlc: string };
  /** The value the study holds now (last writer wins until resolved). */
  current: string | number | null;
  status: 'open' | 'resolved';
  /**
   * 'local' | 'remote' (chosen here), 'replaced' (another conflict on the same field was resolved here),
   * 'elsewhere' (a resolution came in a bundle), 'converged' (both sides became equal),
   * 'sequential' (a late bundle showed that one edit had seen the other).
   */
  resolution: string | null;
  detectedAt: string;
}

export interface BundleSummary {
  bundleId: string;
  studyId: string;
  studyName: string;
  senderReplicaId: string;
  senderInspector: string | null;
  createdAt: string;
  programVersion: string;
  formatVersion: number;
  /** True for a bundle with everything the sender has; false for "since the last exchange". */
  all: boolean;
  changes: number;
  files: number;
}

export interface BundlePreview {
  bundle: BundleSummary;
  /** True when every change of the bundle is already here (re-imported bundle). */
  nothingNew: boolean;
  perKind: Record<MergeKind, MergeKindCounts>;
  totals: MergeKindCounts;
  /** Original files / texts this copy did not have yet. */
  newFiles: number;
  conflicts: MergeConflict[];
  /** Dutch notes: references to data still missing here, earlier bundles not read, ... */
  warnings: string[];
}

export interface BundleApplyResult extends BundlePreview {
  applied: number;
  /** The automatic copy of the study made before merging ("Samenvoegen ongedaan maken"). */
  backupPath: string;
}

/** Several bundles applied together (bundle.applySet): one backup before all of them. */
export interface BundleSetApplyResult {
  /** Per bundle, in the order applied. */
  results: BundleApplyResult[];
  backupPath: string;
  applied: number;
}

export interface BundleExportResult {
  fileName: string;
  changes: number;
  files: number;
  bytes: number;
  all: boolean;
  /** Desktop/CLI: where the bundle was written. */
  path: string | null;
  /** Browser host: fetch GET /api/download/bundle/<downloadId> (with the token). */
  downloadId: string | null;
}

export interface CopyForInspectorResult {
  path: string;
  replicaId: string;
  inspectorId: string;
  inspectorName: string;
}

export interface MergeStatus {
  /** The pre-merge backup that "Samenvoegen ongedaan maken" restores, if any. */
  backupPath: string | null;
  backupAt: string | null;
  /** How many bundles that backup is from before: several applied together share one (0 without a backup). */
  backupBundles: number;
  lastExportAt: string | null;
  /** Changes made or received here since the last bundle export. */
  changesSinceExport: number;
  openConflicts: number;
  peers: Array<{ replicaId: string; inspectorName: string | null; importedAt: string; lastBundleId: string }>;
}

export interface DuplicateCodePair {
  parentId: string | null;
  name: string;
  /** The code to keep (the older one) and the duplicate to fold into it. */
  keep: Code;
  drop: Code;
  keepCodings: number;
  dropCodings: number;
}

/* ---------- Intercoder agreement (issue 5) ---------- */

export interface CharacterAgreement {
  /** Characters compared (the length of the source text(s)). */
  characters: number;
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
  /** Observed agreement po as a percentage (0-100). */
  percentAgreement: number;
  /** Cohen's kappa; null when undefined (expected agreement 1: both coders agree by necessity). */
  kappa: number | null;
}

export interface SegmentAgreement {
  a: { matched: number; total: number };
  b: { matched: number; total: number };
  /** (matched A + matched B) / (total A + total B) as a percentage; null without segments. */
  percentMatched: number | null;
}

export interface CodeAgreement {
  codeId: string;
  codeKey: string;
  codeName: string;
  kind: string;
  /** True when the figures include the code's sub-codes (a norm with sub-codes). */
  rolledUp: boolean;
  pooled: { characters: CharacterAgreement; segments: SegmentAgreement };
  perSource: Array<{ sourceId: string; characters: CharacterAgreement; segments: SegmentAgreement }>;
}

export interface CoderPairAgreement {
  coderA: string;
  coderB: string;
  /** Sources both coders coded (at least one coding each). */
  sourceIds: string[];
  codes: CodeAgreement[];
}

export interface DisagreementSide {
  codingId: string;
  start: number;
  end: number;
  text: string;
}

export interface Disagreement {
  /** Stable for the same codings: pass it to `agreement.adopt`. */
  id: string;
  sourceId: string;
  sourceTitle: string;
  codeId: string;
  codeName: string;
  coderA: string;
  coderB: string;
  /** A's segment (null: only B coded here), B's segment (null: only A coded here). */
  a: DisagreementSide | null;
  b: DisagreementSide | null;
  /** Overlap / union of the two segments (0 when one side is missing). */
  overlap: number;
}

export interface AgreementReport {
  /** Segment match threshold (overlap / union), 0-1. */
  threshold: number;
  coders: Inspector[];
  sources: Array<{ sourceId: string; title: string; characters: number; coderIds: string[] }>;
  pairs: CoderPairAgreement[];
  disagreements: Disagreement[];
}

// ---------------------------------------------------------------------------
// Questionnaire (vragenlijst): see shared/survey.ts for the statistics.

interface SurveyTableBase {
  surveyId: string;
  surveyName: string;
  /** The study's privacy threshold the table was computed with. */
  minGroup: number;
  /** The institution whose respondents were counted, or null for all. */
  institutionId: string | null;
}

/** A distribution, a distribution per group, or a mean per group; pct and mean unrounded. */
export type SurveyTable =
  | (SurveyTableBase & Distribution & { kind: 'distribution'; question: string })
  | (SurveyTableBase & { kind: 'split'; question: string; by: string; total: Distribution; groups: GroupDistribution[] })
  | (SurveyTableBase & { kind: 'mean'; mean: string; by: string | null; groups: GroupMean[] });

export interface SurveyColumnInfo {
  header: string;
  kind: Exclude<SurveyColumnKind, 'ignore'>;
  /** The norm chapter the question is placed under in the reports (null: the survey chapter only). */
  normCodeId: string | null;
  normKey: string | null;
  /** Answers in their natural order (institution columns: institution names). */
  answers: string[];
  /** Respondents with an answer. */
  answered: number;
}

export interface SurveySummary {
  id: string;
  name: string;
  fileName: string;
  importedAt: string;
  respondents: number;
  jeugdigen: number;
  ouders: number;
  columns: SurveyColumnInfo[];
  defaultRole: SurveyRole | null;
  defaultInstitutionId: string | null;
}

export interface SurveyList {
  /** Groups with fewer respondents show "n < minGroup". */
  minGroup: number;
  surveys: SurveySummary[];
}

/** The mapping the user confirms before a survey is stored (also the CLI's --mapping file). */
export interface SurveyMapping {
  columns: Array<{ header: string; kind: SurveyColumnKind; normKey?: string | null | undefined }>;
  /** For the institution column: each value in the file → an existing institution, a new one, or neither (ignored). */
  institutions: Array<{ value: string; institutionId?: string | null | undefined; createName?: string | null | undefined }>;
  defaultRole: SurveyRole | null;
  defaultInstitutionId: string | null;
}

export interface SurveyColumnPreview {
  header: string;
  proposedKind: SurveyColumnKind;
  distinct: number;
  blanks: number;
  /** Distinct values with their counts in natural order; all of them when `valuesComplete`. */
  values: Array<{ value: string; n: number }>;
  valuesComplete: boolean;
}

export interface SurveyAnalysis {
  /** Pass back to `survey.import`. */
  stagedId: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  respondents: number;
  suggestedName: string;
  /** The survey that importing under `suggestedName` (or this same file) replaces. */
  replaces: { surveyId: string; name: string } | null;
  columns: SurveyColumnPreview[];
  /** The proposal, ready to be confirmed or corrected. */
  mapping: SurveyMapping;
  notes: string[];
  /** The top rows of the file and which of them are header rows (survey: realfiles). */
  header: SurveyHeaderRows;
}

/** The first non-blank rows of a survey export, shown so that the user can choose how many are header rows. */
export interface SurveyHeaderRows {
  /** Up to five rows, cells shortened for display ('' for a blank cell). */
  rows: string[][];
  headerRows: number;
  detectedHeaderRows: number;
  /** The survey tool or layout recognised, in Dutch, or null. */
  recognised: string | null;
}

export interface SurveyImportResult {
  surveyId: string;
  name: string;
  respondents: number;
  /** True when an earlier import of this survey was replaced. */
  replaced: boolean;
  createdInstitutions: string[];
  notes: string[];
}

/** A table as an Excel workbook: saved by the host (`savedTo`) or handed over as base64 for a download. */
export interface SurveyTableExport {
  fileName: string;
  /** The workbook itself, for API callers (CLI, scripts); the UI hands it off by `fileId`. */
  base64: string | null;
  savedTo: string | null;
  /** The kept file, handed to the user like every produced file (renderer/ui/hand-off.ts). */
  fileId: string;
}

/** A report draft drawn up and kept in the session (`report.generate`). */
export interface ReportGenerated {
  reportId: string;
  fileName: string;
  size: number;
  outline: import('../report-model').ReportOutline;
  /** Browser host: where to download it (add the access token as `?token=`); null where the host saves it (`report.save`). */
  downloadUrl: string | null;
  /** The internal appendix, a file of its own (saved or downloaded like the draft), when asked for. */
  appendix?: { reportId: string; fileName: string; downloadUrl: string | null } | null;
  /** What the privacy pass replaced, for the review. */
  privacy?: import('../privacy').PrivacyScan;
}

/** Where a draft was saved (`report.save`); path null when the user cancelled. */
export interface ReportSaved {
  path: string | null;
  opened: boolean;
}

/** The house style of the study's report drafts: the chosen template's file name, or null for Veldwerk's standard. */
export interface ReportTemplateInfo {
  fileName: string | null;
}

/**
 * The standard template, to edit in Word (`report.saveTemplate`). Desktop: saved
 * where the user chose (path null when cancelled) and opened when asked.
 * Browser host: to download from `downloadUrl` (add the access token as `?token=`).
 */
export interface TemplateSaved {
  fileName: string;
  path: string | null;
  opened: boolean;
  downloadUrl: string | null;
  /** Browser host: the kept file, for the renderer's hand-off (renderer/ui/hand-off.ts). */
  fileId?: string;
}

/** How far an inspector is with a source (coding day). */
export const SOURCE_STATUSES = ['nieuw', 'bezig', 'klaar'] as const;
export type SourceStatus = (typeof SOURCE_STATUSES)[number];

export interface SourceStatusEntry {
  sourceId: string;
  inspectorId: string;
  status: SourceStatus;
  updatedAt: string;
}

/** Per source: how many live codings it has; and every inspector's status of every source. */
export interface SourceProgress {
  codingCounts: Record<string, number>;
  statuses: SourceStatusEntry[];
}

/* ---------- Exchange with other QDA programs and Excel (issue 15) ---------- */

/** What a REFI-QDA project (or codebook) import added and found already present. */
export interface QdpxImportResult {
  project: string;
  sources: { added: number; existing: number; skipped: string[] };
  codes: { mapped: number; added: number };
  /** empty: nothing left of the span after normalising; unplaced: on pictures, sound, video, PDF coordinates or a whole source. */
  codings: { added: number; existing: number; empty: number; unplaced: number };
  memos: { added: number; skipped: number };
  inspectorsAdded: number;
  institutionsAdded: number;
}

/** An import tried without storing: what it would add, and per code of the project the framework code it goes to (null: added as a new code). */
export interface ImportPreview {
  result: QdpxImportResult;
  codes: Array<{ guid: string; path: string; codeKey: string | null }>;
  /** The project's users who coded or wrote notes, each with the inspector they would become (null: a new inspector). */
  users: Array<{ guid: string; name: string; codings: number; inspectorId: string | null }>;
}

/** An export kept in the session: then `exchange.save` (desktop) or its `downloadUrl` (browser). */
export interface ExchangeExported {
  exportId: string;
  fileName: string;
  size: number;
  /** Browser host: where to download it (add the access token as `?token=`); null where the host saves it. */
  downloadUrl: string | null;
  /** Set for a full export: it carries names and other identifying details. */
  warning: string | null;
}

export interface ExchangeSaved {
  path: string | null;
}

/** Batch import (a folder or a dossier export zip): one row per file that can be imported, with its guessed details. */
export interface BatchRow {
  rowId: string;
  /** Where the file sits in the folder or zip, forward slashes. */
  relativePath: string;
  fileName: string;
  format: SourceFormat;
  /** From the document's properties or first heading; the file name only when it gives neither (titleFromDocument false). */
  title: string;
  titleFromDocument: boolean;
  /** Guessed from folder names where they clearly say so; null: not guessed. */
  institutionId: string | null;
  sourceType: SourceType | null;
  role: Role | null;
  measure: Measure | null;
  date: string | null;
  pages: number | null;
  /** PDF pages whose text was recognised by OCR. */
  ocrPages: number;
}

/** A file of the batch that will not be imported, with the Dutch reason. */
export interface BatchRefusal {
  relativePath: string;
  status: 'rejected' | 'duplicate';
  reason: string;
}

/** What a batch would import, before anything is stored; `batch.import` stores the confirmed rows. */
export interface BatchPreview {
  batchId: string;
  /** The folder's or zip's name. */
  name: string;
  rows: BatchRow[];
  refused: BatchRefusal[];
}

/** A list of coded segments as the retrieval list shows it: a code with its sub-codes, optionally one institution and one source, under the evidence filter (retrieval). */
export interface SegmentScope {
  codeId: string;
  institutionId: string | null;
  sourceId?: string | null | undefined;
  filter: EvidenceFilter;
}

/** Live codings the evidence cannot show because their code or source was deleted (in a merge), under the evidence filter (retrieval). */
export interface LeftOutCodings {
  codeDeleted: number;
  sourceDeleted: number;
  /** Per code id: those coded on it or on a code stored under it. */
  byCode: Record<string, number>;
}

/** One page of a segment list and the list's length (the retrieval list shows it page by page; retrieval). */
export interface EvidenceSegmentPage {
  total: number;
  segments: EvidenceSegment[];
}

/* ---- Logbook view (issue 12) ---- */
export interface LogbookFilter {
  inspectorId?: string | undefined;
  /** The kind of line: the call that made it (e.g. `exchange.export`). */
  call?: string | undefined;
  institutionId?: string | undefined;
  /** JJJJ-MM-DD, local days, both inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  /** Words in the label, the reason or the call. */
  query?: string | undefined;
}

export interface LogbookLine {
  id: string;
  /** ISO time of the action. */
  at: string;
  /** Initials (null: no inspector chosen). */
  inspector: string | null;
  inspectorName: string | null;
  call: string;
  /** The kind of line in Dutch (the label without its details). */
  kind: string;
  label: string;
  result: 'done' | 'refused';
  reason: string | null;
  /** The copy (laptop) that recorded it, short. */
  replica: string;
  own: boolean;
  /** The objects it concerned, named ("Bron "…"; Code "…""). */
  objects: string;
}

export interface LogbookPage {
  total: number;
  offset: number;
  lines: LogbookLine[];
  /** The kinds of lines in the study, for the filter. */
  kinds: Array<{ call: string; name: string }>;
  retention: LogbookRetention;
}

export interface LogbookRetention {
  /** The retention (bewaartermijn) in days; null: every line is kept. */
  days: number | null;
  /** Lines removed by retention so far, over every copy's chain. */
  removed: number;
}
