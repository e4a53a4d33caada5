/**
 * A run of lines (a PDF page, or up to a hundred lines). Off-screen chunks are
 * skipped by the browser (`content-visibility: auto`) with an estimated size, so
 * a 300-page source scrolls smoothly; chunks far from view are not even built
 * until the reader comes near (`rendered` false: an empty block of the
 * estimated height). Only the chunk holding the highlight gets a `mark`, and a
 * chunk re-renders only when the coding pieces of one of its own lines
 * changed; inside it, only those lines re-render. The estimate follows the
 * width of the text column (`charsPerLine`), which the panes' handles change.
 */
import { memo } from 'react';
import type { LinePiece } from '../coding/coding-index';
import { nl } from '../text/nl';
import { DocumentLine, type LineMark } from './DocumentLine';
import { estimateChunkHeight, type DocChunk } from './layout';

export interface ChunkMark extends LineMark {
  lineStart: number;
}

interface DocumentChunkProps {
  chunk: DocChunk;
  mark: ChunkMark | null;
  /** Coding pieces of every line of the document, by line index. */
  byLine: ReadonlyArray<readonly LinePiece[] | undefined>;
  /** False while the chunk is far from view: its lines are not built yet. */
  rendered: boolean;
  /** About how many characters fit on a line now, for the estimated height. */
  charsPerLine: number;
}

function sameChunk(previous: DocumentChunkProps, next: DocumentChunkProps): boolean {
  if (previous.chunk !== next.chunk || previous.mark !== next.mark || previous.rendered !== next.rendered) return false;
  if (previous.charsPerLine !== next.charsPerLine) return false;
  if (previous.byLine === next.byLine || !next.rendered) return true;
  const end = next.chunk.firstLine + next.chunk.lines.length;
  for (let index = next.chunk.firstLine; index < end; index++) {
    if (previous.byLine[index] !== next.byLine[index]) return false;
  }
  return true;
}

export const DocumentChunk = memo(function DocumentChunk({ chunk, mark, byLine, rendered, charsPerLine }: DocumentChunkProps) {
  const estimate = estimateChunkHeight(chunk, charsPerLine);
  if (!rendered) {
    return <section className="doc-chunk pending" data-chunk-start={chunk.start} style={{ height: estimate }} aria-hidden="true" />;
  }
  return (
    <section className="doc-chunk" data-chunk-start={chunk.start} style={{ containIntrinsicSize: `auto ${estimate}px` }}>
      {chunk.pageMarker !== null && (
        <div className="page-marker" role="separator" aria-label={nl.document.page(chunk.pageMarker)}>
          <span>{nl.document.page(chunk.pageMarker)}</span>
        </div>
      )}
      {chunk.lines.map((line, offset) => (
        <DocumentLine
          key={line.start}
          line={line}
          mark={mark && mark.lineStart === line.start ? mark : null}
          pieces={byLine[chunk.firstLine + offset]}
        />
      ))}
    </section>
  );
}, sameChunk);
