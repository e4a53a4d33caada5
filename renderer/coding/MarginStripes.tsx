/**
 * The coloured bars beside a line, one lane per coding that touches it, as
 * QDA programs draw them. A coding keeps its lane on every line it covers, so
 * its bars join into one stripe. No text inside (offsets count text nodes).
 */
import type { LinePiece } from './coding-index';
import { codingColor, describeCoding, useCodingLookup } from './coding-lookup';

/** Lanes drawn side by side in the page margin; further lanes share the outermost. */
export const MAX_LANES = 6;
const LANE_WIDTH = 7;
const FIRST_LANE_OFFSET = 12;

export function MarginStripes({ pieces }: { pieces: readonly LinePiece[] }) {
  const lookup = useCodingLookup();
  return (
    <span className="margin-stripes" aria-hidden="true">
      {pieces.map((piece) => (
        <span
          key={piece.coding.id}
          className={`margin-stripe${piece.first ? ' first' : ''}${piece.last ? ' last' : ''}`}
          data-testid="margin-stripe"
          data-coding-id={piece.coding.id}
          title={describeCoding(lookup, piece.coding)}
          style={{
            right: `calc(100% + ${FIRST_LANE_OFFSET + Math.min(piece.lane, MAX_LANES - 1) * LANE_WIDTH}px)`,
            backgroundColor: codingColor(lookup, piece.coding),
          }}
        />
      ))}
    </span>
  );
}
