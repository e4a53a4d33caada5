/**
 * Exporting a bundle: the change records the team may lack (see exchange.ts
 * for the rule), the original files and texts those changes point to, and
 * this copy's version vector, sealed with the team passphrase.
 */
import { randomUUID } from 'node:crypto';
import { UserError } from '../errors';
import { readChanges, type ChangeRecord } from '../store/changes';
import { SCHEMA_VERSION } from '../store/schema';
import type { Study } from '../study/study';
import { BUNDLE_EXTENSION, BUNDLE_FORMAT_VERSION, BUNDLE_LIMITS, type BundleHeader } from './bundle-format';
import { sealBundle, type BundleBodyLine } from './bundle-file';
import { exportBaseline, maxSeq, programVersion, recordExport, versionVector } from './exchange';
import { actionsToExport, recordActionsExported } from './bundle-actions';
import { readRecords, signaturesOf, signOwnChanges } from './signing';
import { ensureOwnRecipient, readRecipients, RECIPIENT_MESSAGES, teamRecipients } from './team-recipients';

export interface ExportOptions {
  /** The team passphrase; null for a bundle only to the team's keys (`toTeam`). */
  passphrase: string | null;
  /** Also (or, without a passphrase, only) encrypt to the age recipients of the team's unrevoked keys (team-recipients.ts). */
  toTeam?: boolean;
  /** Everything this copy has, instead of what is new since the last export. */
  all?: boolean;
  scryptWorkFactor?: number;
  /** Tests only: overwrite header fields (e.g. a newer format version). */
  headerOverrides?: Partial<BundleHeader>;
}

export interface ExportedBundle {
  bytes: Uint8Array;
  fileName: string;
  changes: number;
  files: number;
  all: boolean;
  /** Record the export as done (call once the bundle is saved); moves "since the last exchange". */
  commit(): void;
}

export const MIN_PASSPHRASE_LENGTH = 8;

export async function exportBundle(study: Study, options: ExportOptions): Promise<ExportedBundle> {
  if (options.passphrase === null && !options.toTeam) throw new UserError('Geef een wachtwoord voor de bundel, of versleutel hem voor de sleutels van het team.', 'invalid-input');
  if (options.passphrase !== null && options.passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new UserError(`Kies een wachtwoord van minstens ${MIN_PASSPHRASE_LENGTH} tekens.`, 'invalid-input');
  }
  // This copy's own recipient goes along (and so does it into the team's list), so the team can answer with a team bundle.
  await ensureOwnRecipient(study);
  const recipients = options.toTeam ? teamRecipients(study.db) : [];
  if (options.toTeam && recipients.length === 0) throw new UserError(RECIPIENT_MESSAGES.noRecipients, 'rejected');
  const all = options.all ?? false;
  const db = study.db;
  // Every change this copy made leaves signed by its key (signing.ts).
  signOwnChanges(study);
  const snapshot = db.transaction(() => {
    const seq = maxSeq(db);
    const since = all ? 0 : exportBaseline(db);
    const changes = readChanges(db, 'SELECT * FROM change_log WHERE seq > ? AND seq <= ? ORDER BY seq', String(since), String(seq));
    const { files, contents, surveyData } = referencedBlobs(study, changes);
    return { seq, vector: versionVector(db), changes, files, contents, surveyData, actions: actionsToExport(db, all), signatures: signaturesOf(db, changes), keys: readRecords(db), recipients: readRecipients(db) };
  })();
  if (snapshot.changes.length > BUNDLE_LIMITS.maxChanges) throw new UserError('Er zijn te veel wijzigingen voor één bundel.', 'rejected');

  const createdAt = new Date().toISOString();
  const inspectorId = study.currentInspectorId;
  const inspector = inspectorId ? study.inspectors().find((candidate) => candidate.id === inspectorId) : undefined;
  const header: Omit<BundleHeader, 'payloadSha256'> = {
    format: 'veldwerk-bundle',
    formatVersion: BUNDLE_FORMAT_VERSION,
    schemaVersion: SCHEMA_VERSION,
    programVersion: programVersion(),
    bundleId: randomUUID(),
    studyId: study.id,
    studyName: study.info().name,
    senderReplicaId: study.replicaId,
    senderInspectorId: inspector?.id ?? null,
    senderInspector: inspector ? `${inspector.name} (${inspector.initials})` : null,
    createdAt,
    all,
    vector: snapshot.vector,
    counts: {
      changes: snapshot.changes.length,
      files: snapshot.files.length,
      contents: snapshot.contents.length,
      surveyData: snapshot.surveyData.length,
      keys: snapshot.keys.length,
    },
    ...options.headerOverrides,
  };
  const body = function* (): Generator<BundleBodyLine> {
    for (const file of snapshot.files) yield { t: 'file', sha256: file.sha256, size: file.size, data: file.data.toString('base64') };
    for (const content of snapshot.contents) {
      yield {
        t: 'content',
        id: content.id,
        text: content.text,
        pageStarts: content.page_starts ? (JSON.parse(content.page_starts) as number[]) : null,
        headings: JSON.parse(content.headings) as unknown[],
        ...(content.ocr_pages ? { ocrPages: JSON.parse(content.ocr_pages) as number[] } : {}),
      };
    }
    for (const data of snapshot.surveyData) yield { t: 'surveyData', sha256: data.sha256, size: data.size, data: data.data.toString('base64') };
    for (const record of snapshot.keys) yield { t: 'key', ...record };
    for (const record of snapshot.recipients) yield { t: 'recipient', ...record };
    for (const change of snapshot.changes) yield { t: 'change', ...change, signature: snapshot.signatures.get(change.changeId) };
    for (const action of snapshot.actions.actions) yield { t: 'action', ...action };
  };
  const bytes = await sealBundle(header, body(), { passphrase: options.passphrase, recipients }, options.scryptWorkFactor);
  let committed = false;
  return {
    bytes,
    fileName: bundleFileName(study, createdAt),
    changes: snapshot.changes.length,
    files: snapshot.files.length + snapshot.contents.length + snapshot.surveyData.length,
    all,
    commit: () => {
      if (committed) return;
      committed = true;
      recordExport(db, snapshot.seq, snapshot.vector, createdAt);
      recordActionsExported(db, snapshot.actions.seq);
    },
  };
}

/** Suggested file name: study, inspector initials, date and time. */
export function bundleFileName(study: Study, at = new Date().toISOString()): string {
  const inspectorId = study.currentInspectorId;
  const initials = study.inspectors().find((inspector) => inspector.id === inspectorId)?.initials ?? 'kopie';
  const stamp = at.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `${safeName(study.info().name)}-${safeName(initials)}-${stamp}${BUNDLE_EXTENSION}`;
}

export function safeName(name: string): string {
  return name.replace(/[^\p{L}\p{N}._ -]/gu, '_').trim().slice(0, 80) || 'onderzoek';
}

interface FileRow {
  sha256: string;
  size: number;
  data: Buffer;
}
interface ContentRow {
  id: string;
  text: string;
  page_starts: string | null;
  headings: string;
  ocr_pages: string | null;
}

/**
 * The content-addressed rows that `changes` point to (those present here): the
 * original files and texts of sources, the respondent tables of surveys.
 */
function referencedBlobs(study: Study, changes: ChangeRecord[]): { files: FileRow[]; contents: ContentRow[]; surveyData: FileRow[] } {
  const shas = new Set<string>();
  const contentIds = new Set<string>();
  const surveyShas = new Set<string>();
  for (const change of changes) {
    const fields = change.fields as Record<string, unknown>;
    if (change.entity === 'source') {
      if (typeof fields.fileSha256 === 'string') shas.add(fields.fileSha256);
      if (typeof fields.contentId === 'string') contentIds.add(fields.contentId);
    } else if ((change.entity as string) === 'survey' && typeof fields.dataSha256 === 'string') {
      surveyShas.add(fields.dataSha256);
    }
  }
  const hasSurveyData = study.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'survey_data'").get() !== undefined;
  const surveyStatement = hasSurveyData ? study.db.prepare('SELECT sha256, size, data FROM survey_data WHERE sha256 = ?') : null;
  const fileStatement = study.db.prepare('SELECT sha256, size, data FROM original_file WHERE sha256 = ?');
  const contentStatement = study.db.prepare('SELECT id, text, page_starts, headings, ocr_pages FROM content WHERE id = ?');
  return {
    files: [...shas].map((sha) => fileStatement.get(sha) as FileRow | undefined).filter((row): row is FileRow => Boolean(row)),
    contents: [...contentIds]
      .map((id) => contentStatement.get(id) as ContentRow | undefined)
      .filter((row): row is ContentRow => Boolean(row)),
    surveyData: surveyStatement
      ? [...surveyShas].map((sha) => surveyStatement.get(sha) as FileRow | undefined).filter((row): row is FileRow => Boolean(row))
      : [],
  };
}
