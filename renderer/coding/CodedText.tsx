/**
 * The text of one line with its codings drawn over it. The line is cut into
 * runs at every coding boundary; a run covered by several codings gets one
 * span per coding, nested (outermost: the earliest, longest), each with a
 * translucent fill in its code's colour, so overlaps show as deeper, mixed
 * colour, and each with an underline at its own depth (its lane), so every
 * layer stays visible. The search-hit mark, if any, wraps its runs.
 *
 * Only text nodes carry text here: offsets are counted over them (offsets.ts).
 */
import { Fragment, type ReactNode } from 'react';
import { segmentLine, type LinePiece, type LineSegment } from './coding-index';
import { codingColor, describeCoding, useCodingLookup, type CodingLookup } from './coding-lookup';
import { translucent } from './colors';

/** Underlines step down per lane; beyond this they share the lowest position. */
const MAX_UNDERLINE_LANE = 3;

export interface TextMark {
  from: number;
  to: number;
}

export function CodedText({ text, pieces, mark }: { text: string; pieces: readonly LinePiece[]; mark: TextMark | null }) {
  const lookup = useCodingLookup();
  const segments = segmentLine(text.length, pieces, mark ? [mark.from, mark.to] : []);
  if (!mark) return <>{segments.map((segment) => renderSegment(text, segment, lookup))}</>;
  const inMark = (segment: LineSegment) => segment.from >= mark.from && segment.to <= mark.to && mark.to > mark.from;
  return (
    <>
      {segments.filter((segment) => segment.to <= mark.from && !inMark(segment)).map((segment) => renderSegment(text, segment, lookup))}
      <mark className="hit-mark" data-testid="hit-mark">
        {segments.filter(inMark).map((segment) => renderSegment(text, segment, lookup))}
      </mark>
      {segments.filter((segment) => segment.from >= mark.to && !inMark(segment)).map((segment) => renderSegment(text, segment, lookup))}
    </>
  );
}

function renderSegment(text: string, segment: LineSegment, lookup: CodingLookup): ReactNode {
  let content: ReactNode = text.slice(segment.from, segment.to);
  // Innermost first, so the first piece ends up outermost.
  for (let index = segment.pieces.length - 1; index >= 0; index--) {
    const piece = segment.pieces[index]!;
    const color = codingColor(lookup, piece.coding);
    content = (
      <span
        className="coding-hl"
        data-testid="coding-highlight"
        data-coding-id={piece.coding.id}
        data-pending={piece.coding.id.startsWith('pending-') ? 'true' : undefined}
        title={describeCoding(lookup, piece.coding)}
        style={{
          backgroundColor: translucent(color, 0.24),
          borderBottomColor: color,
          paddingBottom: `${Math.min(piece.lane, MAX_UNDERLINE_LANE) * 3}px`,
        }}
      >
        {content}
      </span>
    );
  }
  return <Fragment key={segment.from}>{content}</Fragment>;
}
