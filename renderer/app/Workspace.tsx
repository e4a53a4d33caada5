/**
 * An open study under the top bar: the chosen view (the three coding panes,
 * the evidence matrix, the judgment table, the questionnaire, the team view or the persons register), plus import
 * panel and drop overlay.
 * The coding panes stay mounted while another view shows, so the open source,
 * its scroll position and the side panel are as they were on return. The
 * source list and the side panel can be made wider or narrower by the handles
 * between them and the document.
 */
import { useEffect, useRef } from 'react';
import { DocumentView } from '../document/DocumentView';
import { EvidenceView } from '../evidence/EvidenceView';
import { useEvidence } from '../evidence/evidence-store';
import { useRetrieval } from '../coding/retrieval-store';
import { JudgmentsView } from '../judgments/JudgmentsView';
import { TeamView } from '../merge/TeamView';
import { PersonsView } from '../privacy/PersonsView';
import { useTeam } from '../merge/team-store';
import { useJudgments } from '../judgments/judgments-store';
import { useFindings } from '../findings/findings-store';
import { useReview } from '../review/review-store';
import { DropOverlay } from '../sources/DropOverlay';
import { ImportPanel } from '../sources/ImportPanel';
import { BatchPanel } from '../sources/BatchImport';
import { SOURCE_PANE_ID, SourceList } from '../sources/SourceList';
import { useSession } from '../study/session-store';
import { SurveyView } from '../survey/SurveyView';
import { PaneHandle, usePaneLayout } from './PaneHandle';
import { SIDE_PANE_ID, SidePanel } from './SidePanel';
import './side-panel.css';
import { TopBar } from './TopBar';
import { useUi } from '../ui/ui-store';

export function Workspace() {
  const view = useUi((store) => store.view);
  const panesRef = useRef<HTMLDivElement>(null);
  useAnalysisData();
  usePaneLayout(panesRef);

  // A text selection left in the hidden document must not be coded by a number key in another view.
  useEffect(() => {
    if (view === 'coding') return;
    const selection = window.getSelection();
    if (selection && selection.rangeCount > 0 && panesRef.current?.contains(selection.anchorNode)) selection.removeAllRanges();
  }, [view]);

  return (
    <div className="workspace">
      <TopBar />
      <div className="panes" ref={panesRef} hidden={view !== 'coding'}>
        <SourceList />
        <PaneHandle pane="sources" controls={SOURCE_PANE_ID} />
        <DocumentView />
        <PaneHandle pane="side" controls={SIDE_PANE_ID} />
        <SidePanel />
      </div>
      {view === 'evidence' && <EvidenceView />}
      {view === 'judgments' && <JudgmentsView />}
      {view === 'survey' && <SurveyView />}
      {view === 'team' && <TeamView />}
      {view === 'persons' && <PersonsView />}
      <ImportPanel />
      <BatchPanel />
      <DropOverlay />
    </div>
  );
}

/** When another study opens, forget the evidence, judgments and file-review data of the previous one. */
function useAnalysisData(): void {
  const studyId = useSession((store) => store.session?.study?.id ?? null);
  useEffect(() => {
    useEvidence.getState().reset();
    useRetrieval.getState().reset();
    useJudgments.getState().reset();
    useFindings.getState().reset();
    useReview.getState().reset();
    useTeam.getState().reset();
  }, [studyId]);
}
