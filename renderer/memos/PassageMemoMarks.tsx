/**
 * Memos on passages in the margin of the document: a mark beside the line
 * where each passage begins, outside the lines themselves (offsets count
 * their text nodes). A click (or Enter) shows the memo in the Memo's tab and
 * the passage in the text.
 */
import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';
import { useChangeVersion } from '../api/study-changes';
import { useDocument } from '../document/document-store';
import { lineIndexAt } from '../document/layout';
import { reportError } from '../ui/toast-store';
import { nl } from '../text/nl';
import { useMemos } from './memo-store';

interface Mark {
  id: string;
  top: number;
  title: string;
}

export function PassageMemoMarks({ pageRef, textRef }: { pageRef: RefObject<HTMLElement | null>; textRef: RefObject<HTMLElement | null> }) {
  const passages = useMemos((store) => store.passages);
  const layout = useDocument((store) => store.layout);
  const document = useDocument((store) => store.document);
  const [marks, setMarks] = useState<Mark[]>([]);
  const [tick, setTick] = useState(0);

  // The open source's passage memos; again when memos change (a write, undo, redo or a merge).
  const sourceId = document?.id ?? null;
  const version = useChangeVersion(['memo']);
  useEffect(() => {
    useMemos.getState().load(sourceId).catch(reportError);
  }, [sourceId, version]);

  // Lines move when chunks are drawn or the column changes width: measure again then.
  useEffect(() => {
    const text = textRef.current;
    if (!text) return;
    const observer = new ResizeObserver(() => setTick((count) => count + 1));
    observer.observe(text);
    return () => observer.disconnect();
  }, [textRef, layout]);

  useLayoutEffect(() => {
    const page = pageRef.current;
    const text = textRef.current;
    if (!page || !text || !layout || layout.lines.length === 0) return setMarks([]);
    const origin = page.getBoundingClientRect().top;
    const found: Mark[] = [];
    for (const memo of passages) {
      if (memo.start === null || memo.start === undefined) continue;
      const line = layout.lines[lineIndexAt(layout.lines, memo.start)]!;
      const element = text.querySelector<HTMLElement>(`[data-start="${line.start}"]`);
      if (!element) continue; // its chunk is not drawn yet
      found.push({ id: memo.id, top: element.getBoundingClientRect().top - origin, title: memo.text });
    }
    setMarks(found);
  }, [passages, layout, tick, pageRef, textRef]);

  return (
    <>
      {marks.map((mark, index) => (
        <button
          key={mark.id}
          type="button"
          className="passage-memo-mark"
          data-testid="passage-memo-mark"
          data-memo-id={mark.id}
          style={{ top: mark.top + (index > 0 && marks[index - 1]!.top === mark.top ? 14 : 0) }}
          title={mark.title}
          aria-label={nl.codingDay.passageMemoMark(mark.title)}
          onClick={() => {
            const memo = useMemos.getState().passages.find((candidate) => candidate.id === mark.id);
            useMemos.getState().show(mark.id);
            if (memo && memo.start != null && memo.end != null && sourceId) void useDocument.getState().open(sourceId, { start: memo.start, end: memo.end });
          }}
        >
          ✎
        </button>
      ))}
    </>
  );
}
