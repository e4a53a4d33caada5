/**
 * The Memo's tab: the inspector's memo on the open source, the memos on its
 * passages, and (folded open on request) every memo of the study.
 */
import { MemoEditor } from './MemoEditor';
import { MemoList } from './MemoList';
import { PassageMemos } from './PassageMemos';
import { nl } from '../text/nl';

export function MemosTab({ sourceId, sourceTitle }: { sourceId: string | null; sourceTitle: string }) {
  return (
    <div className="side-scroll memos-tab">
      {sourceId ? (
        <>
          <MemoEditor key={sourceId} targetType="source" targetId={sourceId} subject={sourceTitle} />
          <PassageMemos sourceId={sourceId} />
        </>
      ) : (
        <p className="pane-empty">{nl.side.needSource}</p>
      )}
      <details className="all-memos" data-testid="all-memos">
        <summary>{nl.codingDay.allMemos}</summary>
        <MemoList />
      </details>
    </div>
  );
}
