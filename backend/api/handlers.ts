/**
 * The backend: one handler per call of the API contract. Every host (Electron
 * IPC, the HTTP browser host, the CLI) dispatches through `dispatch`, which
 * validates the input against the contract's schema first.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { contract, type CallName, type CallOutput, type ParsedInput } from '../../shared/api/contract';
import type { ApiErrorShape } from '../../shared/api/contract';
import { UserError, toApiError } from '../errors';
import { createCode, deleteCode, listCodes, moveCode, updateCode } from '../framework/framework';
import { search } from '../search/search';
import { updateSourceMeta } from '../sources/edit-sources';
import { importFiles } from '../sources/import-sources';
import { discardBatch, importBatch, previewBatch } from '../sources/batch/api';
import { getSource, getSourceDetails, listSources } from '../sources/queries';
import { studyStats } from '../stats/stats';
import { createInspector, createInstitution, createStudy, renameInstitution, updateStudy } from '../study/setup';
import { ensureDemoStudy } from '../demo/demo-study';
import { autocode } from '../coding/autocode';
import { codingsForSource, createCodings, deleteCoding, updateCoding } from '../coding/codings';
import { evidenceMatrixInSlices, evidenceSegmentPage, evidenceSegments } from '../evidence/evidence';
import { leftOutCodings } from '../evidence/left-out';
import { linkEvidence, listJudgments, ratingScale, saveJudgment, saveRatingScale } from '../judgments/judgments';
import { listMemos, saveMemo } from '../memos/memos';
import { deleteFinding, listFindings, moveFinding, saveFinding } from '../findings/findings';
import { suggestFindings } from '../findings/suggest';
import { deleteTheme, listThemes, moveTheme, saveTheme } from '../findings/themes';
import { addPassageMemo, allMemos, deleteMemo, passageMemos, searchMemos, updateMemo } from '../memos/passage-memos';
import { setSourceStatus, sourceProgress } from '../sources/source-progress';
import { codingCountsByCode } from '../coding/code-counts';
import {
  answerReviewQuestion,
  deleteReviewQuestion,
  fileReviewOf,
  listReviewQuestions,
  reviewSummaries,
  saveReviewQuestion,
} from '../review/file-review';
import { redo, undo, undoState } from '../undo/undo';
import type { Session } from './session';
import { runWritingCall } from './writing-call';
import { runLoggedRead } from './logged-call';
import { logbookPage } from '../logbook/query';
import { exportLogbook } from '../logbook/export';
import { setRetention } from '../logbook/retention';
import { describeAction } from '../store/action-context';
import { analyseStaged, exportTable as exportSurveyTable, importStaged } from '../survey/api';
import { deleteSurvey, listSurveys, setMinGroup, setQuestionNorm } from '../survey/surveys';
import { surveyTable } from '../survey/tables';
import { adoptSolution, computeAgreement } from '../agreement/agreement';
import { restorePreMergeBackup } from '../merge/backup';
import { listConflicts, resolveConflict } from '../merge/conflicts';
import { copyStudyForInspector } from '../merge/copy';
import { duplicateCodes, mergeCodes } from '../merge/duplicate-codes';
import { bundleFileName, exportBundle, safeName } from '../merge/export';
import { applyBundleInWorker, applyBundleSetInWorker, previewBundleInWorker } from '../merge/merge-thread';
import { releaseStagedBundle, stagedBundleSource } from '../merge/session-files';
import { mergeStatus } from '../merge/status';
import { generateDraft, saveStandardTemplate, setStudyTemplate } from '../reports/api';
import { outlineInWorker } from '../reports/outline-thread';
import { keepProducedFile, saveProducedFile, writeProducedFile } from './produced-files';
import { reportTemplateInfo } from '../reports/study-template';
import { exportForSession, importForSession, previewForSession, saveExport } from '../exchange/api';
import { addPerson, choose, listPersons, mergePersons, updatePerson } from '../privacy/persons';
import { detectCandidatesOffThread } from '../privacy/detect-off-thread';
import { personSourceCounts } from '../privacy/person-sources';
import { scanDraftsInWorker } from '../reports/report-thread';
import { dismissPrompt, encryptHeld, openOrAsk, unlockHeld } from '../keys/key-prompt';
import { makeNewStudyKey, newStudyKeyPlan } from '../keys/new-study-key';
import { revokeKeysOf, teamKeys } from '../merge/team-keys';
import { ensureOwnRecipient, provisionCopyRecipient } from '../merge/team-recipients';
import { changeStudyPassphrase, makeRecoveryKey, rekeyOpenStudy, restoreBackup, securityInfo, setBackupKeep } from '../keys/security';

type Handler<N extends CallName> = (session: Session, input: ParsedInput<N>) => CallOutput<N> | Promise<CallOutput<N>>;
type Handlers = { [N in CallName]: Handler<N> };

const handlers: Handlers = {
  'session.state': (session) => session.state(),
  'session.setInspector': (session, input) => {
    session.requireStudy().setCurrentInspector(input.inspectorId);
    return session.state();
  },

  'study.create': async (session, input) => {
    const path = session.host.fixedStudyPath ?? (await session.host.chooseNewStudyPath?.(input.name));
    if (!path) throw new UserError('Er is geen plaats voor het nieuwe onderzoek gekozen.', 'invalid-input');
    if (session.host.fixedStudyPath && session.openStudy) {
      throw new UserError('Er is al een onderzoek geopend.', 'conflict');
    }
    const { passphrase, ...setup } = input;
    const made = await makeNewStudyKey(session, path, passphrase);
    try {
      session.setStudy(createStudy(path, setup));
    } catch (error) {
      made.undo();
      throw error;
    }
    return made.recoveryKey ? { ...session.state(), recoveryKey: made.recoveryKey } : session.state();
  },
  'study.newKeyPlan': (session) => newStudyKeyPlan(session),
  'study.openDialog': async (session) => {
    const path = await session.host.chooseStudyToOpen?.();
    if (!path) return null;
    await openOrAsk(session, path);
    return session.state();
  },
  'study.openDemo': async (session) => {
    const path = session.host.demoStudyPath();
    if (!existsSync(path)) await ensureDemoStudy(path);
    session.openPath(path);
    return session.state();
  },
  'study.update': (session, input) => {
    updateStudy(session.requireStudy(), input);
    return session.state();
  },

  'institution.create': (session, input) => createInstitution(session.requireStudy(), input.name),
  'institution.rename': (session, input) => renameInstitution(session.requireStudy(), input.id, input.name),
  'inspector.create': (session, input) => createInspector(session.requireStudy(), input.name, input.initials),

  'framework.list': (session) => listCodes(session.requireStudy()),
  'code.create': (session, input) => createCode(session.requireStudy(), input),
  'code.update': (session, { id: codeId, ...fields }) => updateCode(session.requireStudy(), codeId, fields),
  'code.move': (session, input) => moveCode(session.requireStudy(), input.id, input.parentId, input.index),
  'code.delete': (session, input) => deleteCode(session.requireStudy(), input.id),

  'files.stage': (session, input) => session.stage(input.fileName, input.bytes, input.relativePath),
  'sources.import': async (session, input) => {
    const study = session.requireStudy();
    const staged = session.takeStaged(input.stagedIds);
    const jobId = input.jobId ?? randomUUID();
    try {
      return await session.cancellableJob(jobId, (signal) =>
        importFiles(study, staged, input.meta, (progress) => session.reportProgress({ jobId, ...progress }), {
          institutionName: input.institutionName,
          signal,
        }),
      );
    } finally {
      session.discard(staged);
    }
  },
  'batch.preview': (session, input) => {
    const jobId = input.jobId ?? randomUUID();
    return session.cancellableJob(jobId, (signal) => previewBatch(session, input, (progress) => session.reportProgress({ jobId, ...progress }), signal));
  },
  'job.cancel': (session, input) => session.cancelJob(input.jobId),
  'batch.import': (session, input) => {
    const jobId = input.jobId ?? randomUUID();
    return importBatch(session, input, (progress) => session.reportProgress({ jobId, ...progress }));
  },
  'batch.discard': (session, input) => discardBatch(session, input.batchId),
  'sources.list': (session, input) => listSources(session.requireStudy(), input),
  'source.get': (session, input) => getSource(session.requireStudy(), input.id),
  'source.details': (session, input) => getSourceDetails(session.requireStudy(), input.id),
  'source.updateMeta': (session, input) => updateSourceMeta(session.requireStudy(), input.id, input.meta),

  search: (session, input) => search(session.requireStudy(), input.query, input.limit),
  stats: (session) => studyStats(session.requireStudy()),

  'codings.forSource': (session, input) => codingsForSource(session.requireStudy(), input.sourceId, input.coderId),
  'coding.create': (session, input) => createCodings(session.requireStudy(), [input], 'Coderen')[0]!,
  'coding.update': (session, { id: codingId, ...edit }) => updateCoding(session.requireStudy(), codingId, edit),
  'coding.delete': (session, input) => {
    deleteCoding(session.requireStudy(), input.id);
    return { id: input.id };
  },
  autocode: (session, input) => autocode(session.requireStudy(), input),

  'undo.state': (session) => undoState(session.requireStudy()),
  undo: (session) => {
    const study = session.requireStudy();
    describeAction({ label: undoState(study).undoLabel ?? '' });
    return { done: undo(study), ...undoState(study) };
  },
  redo: (session) => {
    const study = session.requireStudy();
    describeAction({ label: undoState(study).redoLabel ?? '' });
    return { done: redo(study), ...undoState(study) };
  },

  'codings.countByCode': (session, input) => codingCountsByCode(session.requireStudy(), input.filter),
  'sources.progress': (session) => sourceProgress(session.requireStudy()),
  'source.setStatus': (session, input) => setSourceStatus(session.requireStudy(), input.sourceId, input.status),

  'memos.list': (session, input) =>
    listMemos(session.requireStudy(), input.targetType ? { targetType: input.targetType, targetId: input.targetId } : undefined),
  'memo.save': (session, input) => saveMemo(session.requireStudy(), input.targetType, input.targetId, input.text),
  'memos.all': (session) => allMemos(session.requireStudy()),
  'memos.passages': (session, input) => passageMemos(session.requireStudy(), input.sourceId),
  'memos.search': (session, input) => searchMemos(session.requireStudy(), input.query),
  'memo.addPassage': (session, input) => addPassageMemo(session.requireStudy(), input),
  'memo.update': (session, input) => updateMemo(session.requireStudy(), input.id, input.text),
  'memo.delete': (session, input) => {
    deleteMemo(session.requireStudy(), input.id);
    return { id: input.id };
  },

  // In slices (evidence.ts): other calls are answered meanwhile.
  'evidence.matrix': (session, input) => evidenceMatrixInSlices(session.requireStudy(), input.filter),
  'evidence.leftOut': (session, input) => leftOutCodings(session.requireStudy(), input.filter),
  'evidence.segmentPage': (session, { offset, limit, ...scope }) => evidenceSegmentPage(session.requireStudy(), scope, offset, limit),
  'evidence.segments': (session, input) => evidenceSegments(session.requireStudy(), input.codeId, input.institutionId, input.filter),

  'review.questions': (session) => listReviewQuestions(session.requireStudy()),
  'review.saveQuestion': (session, input) => saveReviewQuestion(session.requireStudy(), input),
  'review.deleteQuestion': (session, input) => {
    deleteReviewQuestion(session.requireStudy(), input.id);
    return { id: input.id };
  },
  'review.get': (session, input) => fileReviewOf(session.requireStudy(), input.sourceId),
  'review.answer': (session, input) => answerReviewQuestion(session.requireStudy(), input.sourceId, input.questionId, input.value),
  'review.summary': (session) => reviewSummaries(session.requireStudy()),

  'judgments.list': (session) => {
    const study = session.requireStudy();
    return { scale: ratingScale(study), judgments: listJudgments(study) };
  },
  'judgment.save': (session, input) => saveJudgment(session.requireStudy(), input),
  'judgment.linkEvidence': (session, input) => linkEvidence(session.requireStudy(), input),

  'finding.list': (session) => listFindings(session.requireStudy()),
  'finding.save': (session, input) => saveFinding(session.requireStudy(), input),
  'finding.delete': (session, input) => {
    deleteFinding(session.requireStudy(), input.id);
    return null;
  },
  'finding.move': (session, input) => moveFinding(session.requireStudy(), input.id, input.beforeId),
  'finding.suggest': (session, input) => suggestFindings(session.requireStudy(), input),
  'theme.list': (session) => listThemes(session.requireStudy()),
  'theme.save': (session, input) => saveTheme(session.requireStudy(), input),
  'theme.delete': (session, input) => deleteTheme(session.requireStudy(), input.id),
  'theme.move': (session, input) => moveTheme(session.requireStudy(), input.id, input.beforeId),
  'ratingScale.save': (session, input) => saveRatingScale(session.requireStudy(), input.ratings),

  /* ---- Team merge (issue 5) ---- */
  'study.copyForInspector': async (session, input) => {
    const study = session.requireStudy();
    const suggested = `${safeName(basename(study.path).replace(/\.veldwerk$/i, ''))}-${safeName(input.initials)}.veldwerk`;
    // A path sent by the client is taken only from the command line (typed by the user there); the app asks
    // with its save dialog, and the browser host puts the copy next to the study: never a path a page chose.
    if (input.targetPath && session.host.kind !== 'cli') {
      throw new UserError('Een kopie komt waar je die in het opslagvenster kiest; een pad meesturen kan hier niet.', 'invalid-input');
    }
    let target = input.targetPath ?? (await session.host.chooseSavePath?.(suggested, 'study')) ?? null;
    if (!target && !input.targetPath && session.host.kind === 'browser') target = join(dirname(study.path), suggested);
    if (!target) throw new UserError('Er is geen plaats voor de kopie gekozen.', 'invalid-input');
    // The lead's age identity first, so the copy carries its recipient; then the copy's own (team-recipients.ts).
    await ensureOwnRecipient(study);
    const copy = copyStudyForInspector(study, target, input.initials);
    await provisionCopyRecipient(study, copy.path);
    return copy;
  },
  'bundle.export': async (session, input) => {
    const study = session.requireStudy();
    const jobId = input.jobId ?? randomUUID();
    const browser = session.host.kind === 'browser';
    const path = browser ? null : await session.host.chooseSavePath?.(bundleFileName(study), 'bundle');
    if (!browser && !path) throw new UserError('Er is geen plaats voor de bundel gekozen.', 'invalid-input');
    session.reportProgress({ jobId, done: 0, total: 2, message: 'Bundel versleutelen…' });
    const made = await exportBundle(study, { passphrase: input.passphrase, toTeam: input.toTeam, all: input.all });
    let downloadId: string | null = null;
    if (path) writeProducedFile(path, made.bytes);
    else downloadId = keepProducedFile(session, { fileName: made.fileName, data: made.bytes, kind: 'bundle' });
    made.commit();
    session.reportProgress({ jobId, done: 2, total: 2, message: 'Bundel klaar' });
    return { fileName: made.fileName, changes: made.changes, files: made.files, bytes: made.bytes.byteLength, all: made.all, path: path ?? null, downloadId };
  },
  'bundle.preview': async (session, input) => {
    const study = session.requireStudy();
    const jobId = input.jobId ?? randomUUID();
    session.reportProgress({ jobId, done: 0, total: 1, message: 'Bundel ontsleutelen en controleren…' });
    // In the merge worker, in the write queue's turn (merge/merge-thread.ts): reads keep being answered meanwhile.
    const source = stagedBundleSource(session, input.stagedId);
    const preview = await session.calls.run('write', () => previewBundleInWorker(study, source, input.passphrase));
    session.reportProgress({ jobId, done: 1, total: 1, message: 'Voorbeeld klaar' });
    return preview;
  },
  'bundle.apply': async (session, input) => {
    const study = session.requireStudy();
    const jobId = input.jobId ?? randomUUID();
    session.reportProgress({ jobId, done: 0, total: 1, message: 'Bundel samenvoegen…' });
    // In a worker on its own connection: reads keep being answered meanwhile (merge/merge-thread.ts).
    const result = await applyBundleInWorker(study, stagedBundleSource(session, input.stagedId), input.passphrase);
    releaseStagedBundle(session, input.stagedId);
    session.reportProgress({ jobId, done: 1, total: 1, message: 'Samengevoegd' });
    return result;
  },
  'bundle.applySet': async (session, input) => {
    const study = session.requireStudy();
    const jobId = input.jobId ?? randomUUID();
    session.reportProgress({ jobId, done: 0, total: 1, message: `${input.stagedIds.length} bundels samenvoegen…` });
    const sources = input.stagedIds.map((stagedId) => stagedBundleSource(session, stagedId));
    const result = await applyBundleSetInWorker(study, sources, input.passphrase);
    for (const stagedId of input.stagedIds) releaseStagedBundle(session, stagedId);
    session.reportProgress({ jobId, done: 1, total: 1, message: 'Samengevoegd' });
    return result;
  },
  'merge.status': (session) => mergeStatus(session.requireStudy()),
  'merge.conflicts': (session, input) => listConflicts(session.requireStudy(), input.status),
  'merge.resolve': (session, input) => resolveConflict(session.requireStudy(), input.conflictId, input.choose),
  'merge.duplicateCodes': (session) => duplicateCodes(session.requireStudy()),
  'merge.mergeCodes': (session, input) => mergeCodes(session.requireStudy(), input.keepId, input.dropId),
  'merge.undo': (session) => {
    const restored = restorePreMergeBackup(session);
    return { ...restored, state: session.state() };
  },
  agreement: (session, input) => computeAgreement(session.requireStudy(), input.threshold),
  'agreement.adopt': (session, input) => {
    const study = session.requireStudy();
    const disagreement = computeAgreement(study, input.threshold).disagreements.find((candidate) => candidate.id === input.disagreementId);
    if (!disagreement) throw new UserError('Deze onenigheid bestaat niet meer; vernieuw de lijst.', 'not-found');
    adoptSolution(study, disagreement, input.coderId);
    return computeAgreement(study, input.threshold);
  },

  'survey.list': (session) => listSurveys(session.requireStudy()),
  'survey.analyse': (session, input) => analyseStaged(session, input.stagedId, input.jobId, input.headerRows),
  'survey.import': (session, input) => importStaged(session, input),
  'survey.table': (session, input) => surveyTable(session.requireStudy(), input),
  'survey.exportTable': (session, input) => exportSurveyTable(session, input),
  'survey.setQuestionNorm': (session, input) => setQuestionNorm(session.requireStudy(), input.surveyId, input.question, input.codeId),
  'survey.setMinGroup': (session, input) => setMinGroup(session.requireStudy(), input.minGroup),
  'survey.delete': (session, input) => {
    deleteSurvey(session.requireStudy(), input.id);
    return { id: input.id };
  },

  /* ---- Report drafts (issue 4) ---- */
  // In the study's outline worker: a draft's model holds the thread too long to build it here.
  'report.outline': (session, input) => outlineInWorker(session.requireStudy().path, input.scope, input.options),
  'report.generate': (session, input) => generateDraft(session, { ...input, jobId: input.jobId ?? randomUUID() }),
  'report.save': (session, input) => saveProducedFile(session, input.reportId, input.open),
  'report.template': (session) => reportTemplateInfo(session.requireStudy()),
  'report.setTemplate': (session, input) => setStudyTemplate(session, input.stagedId),
  'report.saveTemplate': (session, input) => saveStandardTemplate(session, input.open),

  /* ---- Exchange with other QDA programs and Excel (issue 15) ---- */
  'exchange.export': (session, input) => exportForSession(session, { ...input, jobId: input.jobId ?? randomUUID() }),
  'exchange.save': (session, input) => saveExport(session, input.exportId),
  'file.save': (session, input) => saveProducedFile(session, input.fileId, input.open),
  'exchange.preview': (session, input) => previewForSession(session, { ...input, jobId: input.jobId ?? randomUUID() }),
  'exchange.import': (session, input) => importForSession(session, { ...input, jobId: input.jobId ?? randomUUID() }),
  'privacy.persons': (session) => listPersons(session.requireStudy()),
  'privacy.addPerson': (session, input) => addPerson(session.requireStudy(), input),
  'privacy.updatePerson': (session, { id: personId, ...update }) => updatePerson(session.requireStudy(), personId, update),
  'privacy.mergePersons': (session, input) => mergePersons(session.requireStudy(), input.keepId, input.otherId),
  'privacy.detectCandidates': (session) => detectCandidatesOffThread(session.requireStudy()),
  'privacy.sourceCounts': (session) => personSourceCounts(session.requireStudy()),
  // Built in the report worker: a scan builds whole draft models, too long for the thread that answers.
  'privacy.scan': (session, input) => scanDraftsInWorker(session.requireStudy().path, input.scope ? [input.scope] : null, input.options),
  'privacy.choose': (session, input) => choose(session.requireStudy(), input),

  /* ---- Study keys (issue 11) ---- */
  'study.unlock': (session, input) => unlockHeld(session, input.secret, input.with),
  'study.encrypt': (session, input) => encryptHeld(session, input.passphrase),
  'study.dismissKeyPrompt': (session) => dismissPrompt(session),
  'security.info': (session) => securityInfo(session),
  'security.changePassphrase': async (session, input) => {
    await changeStudyPassphrase(session, input, input.passphrase);
    return null;
  },
  'security.rekey': (session, input) => rekeyOpenStudy(session, input, input.passphrase, input.jobId ?? randomUUID()),
  'security.newRecoveryKey': (session, input) => makeRecoveryKey(session, input),
  'security.setBackupKeep': (session, input) => setBackupKeep(session, input.keep),
  'security.restoreBackup': (session, input) => restoreBackup(session, input.name),
  'team.keys': (session) => teamKeys(session.requireStudy()),
  'team.revokeKeys': (session, input) => revokeKeysOf(session.requireStudy(), input.inspectorId),
  'logbook.list': (session, input) => logbookPage(session.requireStudy(), input.filter, input.offset, input.limit),
  'logbook.export': (session, input) => exportLogbook(session, input.filter, input.format),
  'logbook.setRetention': (session, input) => setRetention(session.requireStudy(), input.days),
};

export type DispatchResult = { ok: true; value: unknown } | { ok: false; error: ApiErrorShape };

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(contract, name);
}

/**
 * Validate and run one call. Never throws: errors come back as Dutch messages.
 * Reads run at once; writing calls run one at a time through the session's
 * queue, each recording one action (see writing-call.ts); calls that switch
 * the study wait for every running call.
 */
export async function dispatch(session: Session, name: string, rawInput: unknown): Promise<DispatchResult> {
  if (!isCallName(name)) return { ok: false, error: { code: 'invalid-input', message: `Onbekende opdracht "${name}".` } };
  const def = contract[name];
  const run = () => runCall(session, name, rawInput);
  if (def.writes.length === 0) return session.calls.run('read', def.logged ? () => runLoggedRead(session, name, rawInput, run) : run);
  return session.calls.run(def.switchesStudy ? 'switch' : 'write', () => runWritingCall(session, name, run));
}

async function runCall(session: Session, name: CallName, rawInput: unknown): Promise<DispatchResult> {
  const parsed = contract[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid-input', message: describeInvalidInput(parsed.error) } };
  }
  try {
    const handler = handlers[name] as Handler<CallName>;
    return { ok: true, value: await handler(session, parsed.data as never) };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}

export { toApiError };

function describeInvalidInput(error: z.ZodError): string {
  const first = error.issues[0];
  const where = first?.path.length ? ` (veld ${first.path.join('.')})` : '';
  return `Ongeldige invoer${where}: ${first?.message ?? 'onbekende fout'}.`;
}
