/**
 * After a merge (or undoing one) much of the study may have changed under the
 * open views: institutions and inspectors (session), sources, the framework,
 * codings, judgments, file reviews and the questionnaire. These bring every
 * store up to date, without closing the study.
 */
import { reportError } from '../app/toast-store';
import { bumpCodingVersion } from '../coding/coding-events';
import { useDocument } from '../document/document-store';
import { useEvidence } from '../evidence/evidence-store';
import { undoStackChanged } from '../evidence/undo-refresh';
import { useFramework } from '../framework/framework-store';
import { useJudgments } from '../judgments/judgments-store';
import { useFindings } from '../findings/findings-store';
import { useReview } from '../review/review-store';
import { useSearch } from '../search/search-store';
import { useSources } from '../sources/sources-store';
import { useSession } from '../study/session-store';
import { useSurvey } from '../survey/survey-store';
import type { SessionState } from '../../shared/api/types';

/** The views whose figures derive from the whole study start afresh when next shown. */
function resetDerivedViews(): void {
  useEvidence.getState().reset();
  useJudgments.getState().reset();
  useFindings.getState().reset();
  useReview.getState().reset();
  useSurvey.getState().reset();
}

/** Tell the open views (through the coding version) and the undo buttons that the study changed. */
function studyChanged(): void {
  bumpCodingVersion({ reloadOpenSource: true });
  undoStackChanged();
}

/** After a bundle was applied: reload what a bundle can bring, keep the open document open. */
export async function reloadAfterMerge(): Promise<void> {
  resetDerivedViews();
  await Promise.all([
    useSession.getState().load(),
    useSources.getState().load().catch(reportError),
    useFramework.getState().load().catch(reportError),
  ]);
  studyChanged();
}

/** After an undoable change made here (a conflict resolved, codes merged, a solution adopted). */
export function afterTeamChange(options: { framework?: boolean; study?: boolean } = {}): void {
  if (options.framework || options.study) useFramework.getState().load().catch(reportError);
  if (options.study) {
    void useSession.getState().load();
    useSources.getState().load().catch(reportError);
    useJudgments.getState().reset();
  }
  studyChanged();
}

/** After "Samenvoegen ongedaan maken": the study file was swapped, so start every view afresh. */
export async function reloadAfterUndo(state: SessionState): Promise<void> {
  useSession.getState().apply(state);
  useDocument.getState().reset();
  useSearch.getState().reset();
  useSources.getState().reset();
  useFramework.getState().reset();
  resetDerivedViews();
  await Promise.all([useSources.getState().load().catch(reportError), useFramework.getState().load().catch(reportError)]);
  studyChanged();
}
