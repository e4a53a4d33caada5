/**
 * One line of source text, carrying its offset (`data-start`); a heading line
 * is drawn as a heading. Codings over the line are drawn as highlights and
 * margin stripes. Memoised on its own pieces: a new coding re-renders only the
 * lines it covers.
 */
import { memo } from 'react';
import type { LinePiece } from '../coding/coding-index';
import { CodedText } from '../coding/CodedText';
import { MarginStripes } from '../coding/MarginStripes';
import type { DocLine } from './layout';

/** The part of a line to highlight, in offsets within the line. */
export interface LineMark {
  from: number;
  to: number;
}

const HEADING_TAGS = { 1: 'h2', 2: 'h3', 3: 'h4' } as const;

interface DocumentLineProps {
  line: DocLine;
  mark: LineMark | null;
  pieces: readonly LinePiece[] | undefined;
}

export const DocumentLine = memo(function DocumentLine({ line, mark, pieces }: DocumentLineProps) {
  const coded = pieces !== undefined && pieces.length > 0;
  if (line.text.length === 0) {
    return (
      <div className={`doc-gap${coded ? ' coded' : ''}`} data-start={line.start}>
        {coded && <MarginStripes pieces={pieces} />}
      </div>
    );
  }
  const Tag = line.headingLevel ? HEADING_TAGS[line.headingLevel as 1 | 2 | 3] : 'p';
  return (
    <Tag className={`${line.headingLevel ? 'doc-heading' : 'doc-line'}${coded ? ' coded' : ''}`} data-start={line.start}>
      {coded ? <CodedText text={line.text} pieces={pieces} mark={mark} /> : mark ? <MarkedText text={line.text} mark={mark} /> : line.text}
      {coded && <MarginStripes pieces={pieces} />}
    </Tag>
  );
});

function MarkedText({ text, mark }: { text: string; mark: LineMark }) {
  return (
    <>
      {text.slice(0, mark.from)}
      <mark className="hit-mark" data-testid="hit-mark">
        {text.slice(mark.from, mark.to)}
      </mark>
      {text.slice(mark.to)}
    </>
  );
}
