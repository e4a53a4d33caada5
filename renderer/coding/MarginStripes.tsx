/**
 * The coloured bars beside a line, one lane per coding that touches it, as
 * QDA programs draw them. A coding keeps its lane on every line it covers, so
 * its bars join into one stripe; a negative coding's stripe is hatched and a
 * neutral one dotted, so valence does not hang on colour alone. Where a
 * coding begins, its label sits in the right margin: valence symbol, code
 * name, a quote mark when citeerbaar, a pencil when it has a note.
 * No text nodes inside (offsets count text nodes): the label's words are
 * drawn by CSS from its data attributes.
 */
import type { LinePiece } from './coding-index';
import { codingColor, describeCoding, useCodingLookup } from './coding-lookup';
import { VALENCE_SYMBOLS } from './valence-style';
import { nl } from '../text/nl';

/** Lanes drawn side by side in the page margin; further lanes share the outermost. */
export const MAX_LANES = 6;
const LANE_WIDTH = 7;
const FIRST_LANE_OFFSET = 12;
/** Height of one label; labels of codings beginning on the same line stack. */
const LABEL_HEIGHT = 19;

export function MarginStripes({ pieces }: { pieces: readonly LinePiece[] }) {
  const lookup = useCodingLookup();
  const starting = pieces.filter((piece) => piece.first);
  return (
    <span className="margin-stripes" aria-hidden="true">
      {pieces.map((piece) => (
        <span
          key={piece.coding.id}
          className={`margin-stripe${piece.first ? ' first' : ''}${piece.last ? ' last' : ''}`}
          data-testid="margin-stripe"
          data-coding-id={piece.coding.id}
          data-valence={piece.coding.valence}
          title={describeCoding(lookup, piece.coding)}
          style={{
            right: `calc(100% + ${FIRST_LANE_OFFSET + Math.min(piece.lane, MAX_LANES - 1) * LANE_WIDTH}px)`,
            color: codingColor(lookup, piece.coding),
          }}
        />
      ))}
      {starting.map((piece, index) => {
        const { coding } = piece;
        const code = lookup.codes.get(coding.codeId);
        const marks = `${coding.quotable ? ' ❝' : ''}${coding.note.trim() ? ' ✎' : ''}`;
        return (
          <span
            key={`label-${coding.id}`}
            className="margin-label"
            data-testid="margin-label"
            data-coding-id={coding.id}
            data-valence={coding.valence}
            data-symbol={VALENCE_SYMBOLS[coding.valence]}
            data-label={code?.name ?? nl.coding.unknownCode}
            data-marks={marks}
            data-quotable={coding.quotable ? 'true' : undefined}
            title={describeCoding(lookup, coding)}
            style={{ top: index * LABEL_HEIGHT, borderLeftColor: codingColor(lookup, coding) }}
          />
        );
      })}
    </span>
  );
}
