/**
 * The right pane: tabs "Zoeken", "Toetsingskader", "Memo’s" (the memos on the
 * open source) and, for a client file, "Dossieranalyse" (its file review).
 */
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useDocument } from '../document/document-store';
import { FrameworkEditor } from '../framework/FrameworkEditor';
import { MemosTab } from '../memos/MemosTab';
import { useMemos } from '../memos/memo-store';
import { RetrievalPanel } from '../coding/RetrievalPanel';
import { useRetrieval } from '../coding/retrieval-store';
import { FileReviewForm } from '../review/FileReviewForm';
import { SearchPanel } from '../search/SearchPanel';
import { nl } from '../text/nl';
import { useUi, type SideTab } from '../ui/ui-store';

/** The tabs about the open source are kept here; the window-wide ones in the UI store. */
type SourceTab = 'memos' | 'review' | 'retrieval';
type PanelTab = SideTab | SourceTab;

const TABS: Array<{ tab: PanelTab; label: string; testId: string }> = [
  { tab: 'search', label: nl.side.search, testId: 'search-tab' },
  { tab: 'framework', label: nl.side.framework, testId: 'framework-tab' },
  { tab: 'retrieval', label: nl.codingDay.retrievalTab, testId: 'retrieval-tab' },
  { tab: 'memos', label: nl.side.memos, testId: 'memos-tab' },
  { tab: 'review', label: nl.side.review, testId: 'review-tab' },
];

export const SIDE_PANE_ID = 'side-pane';

export function SidePanel() {
  const sideTab = useUi((store) => store.sideTab);
  const showSideTab = useUi((store) => store.showSideTab);
  const searchFocusRequest = useUi((store) => store.searchFocusRequest);
  const source = useDocument((store) => store.document);
  const [sourceTab, setSourceTab] = useState<SourceTab | null>(null);
  const baseId = useId();

  // Ctrl+F (or the menu) brings the search tab to the front.
  useEffect(() => setSourceTab(null), [searchFocusRequest]);
  // A passage memo to write or to show brings the Memo's tab to the front.
  const memoRequest = useMemos((store) => store.showRequest);
  useEffect(() => {
    if (memoRequest > 0) setSourceTab('memos');
  }, [memoRequest]);

  // A cell of the evidence matrix opened in the retrieval list brings "Fragmenten" to the front.
  const retrievalRequest = useRetrieval((store) => store.showRequest);
  useEffect(() => {
    if (retrievalRequest > 0) setSourceTab('retrieval');
  }, [retrievalRequest]);

  const isClientFile = source?.sourceType === 'clientdossier';
  const tabs = TABS.filter(({ tab }) => tab !== 'review' || isClientFile);
  const wanted: PanelTab = sourceTab ?? sideTab;
  const active: PanelTab = wanted === 'review' && !isClientFile ? 'memos' : wanted;

  const show = (tab: PanelTab) => {
    if (tab === 'memos' || tab === 'review' || tab === 'retrieval') setSourceTab(tab);
    else {
      setSourceTab(null);
      showSideTab(tab);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const position = tabs.findIndex(({ tab }) => tab === active);
    const step = event.key === 'ArrowRight' ? 1 : -1;
    const next = tabs[(position + step + tabs.length) % tabs.length]!.tab;
    show(next);
    document.getElementById(`${baseId}-${next}-tab`)?.focus();
  };

  return (
    <aside className="pane side-pane" id={SIDE_PANE_ID} aria-label={nl.side.tabsLabel}>
      <div className="tabs" role="tablist" aria-label={nl.side.tabsLabel} onKeyDown={onKeyDown}>
        {tabs.map(({ tab, label, testId }) => (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`${baseId}-${tab}-tab`}
            data-testid={testId}
            aria-selected={active === tab}
            aria-controls={`${baseId}-${tab}-panel`}
            tabIndex={active === tab ? 0 : -1}
            className="tab"
            title={label}
            onClick={() => show(tab)}
          >
            {label}
          </button>
        ))}
      </div>
      {tabs.map(({ tab }) => (
        <div
          key={tab}
          role="tabpanel"
          id={`${baseId}-${tab}-panel`}
          aria-labelledby={`${baseId}-${tab}-tab`}
          className="tab-panel"
          data-testid={`${tab}-panel`}
          hidden={active !== tab}
        >
          <TabContent tab={tab} active={active === tab} sourceId={source?.id ?? null} sourceTitle={source?.title ?? ''} />
        </div>
      ))}
    </aside>
  );
}

function TabContent({ tab, active, sourceId, sourceTitle }: { tab: PanelTab; active: boolean; sourceId: string | null; sourceTitle: string }) {
  switch (tab) {
    case 'search':
      return <SearchPanel />;
    case 'framework':
      return <FrameworkEditor />;
    case 'retrieval':
      return active ? <RetrievalPanel /> : null;
    case 'memos':
      return active ? <MemosTab sourceId={sourceId} sourceTitle={sourceTitle} /> : null;
    case 'review':
      // Mounted only while shown: it loads the open source's review.
      if (!active) return null;
      if (!sourceId) return <p className="pane-empty">{nl.side.needSource}</p>;
      return (
        <div className="side-scroll">
          <FileReviewForm key={sourceId} sourceId={sourceId} />
        </div>
      );
  }
}
