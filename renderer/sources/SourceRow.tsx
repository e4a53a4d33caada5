/** One source in the list: title, then type, role, institution and format. */
import { memo } from 'react';
import type { SourceSummary } from '../../shared/api/types';
import { ROLE_LABELS, SOURCE_TYPE_LABELS } from '../../shared/vocabulary';
import { nl } from '../text/nl';

interface SourceRowProps {
  source: SourceSummary;
  institutionName: string;
  selected: boolean;
  focusable: boolean;
  onOpen: (id: string) => void;
}

export const SourceRow = memo(function SourceRow({ source, institutionName, selected, focusable, onOpen }: SourceRowProps) {
  const details = [SOURCE_TYPE_LABELS[source.sourceType], source.role ? ROLE_LABELS[source.role] : null].filter(Boolean);
  return (
    <li
      role="option"
      id={`source-${source.id}`}
      data-testid="source-row"
      data-source-id={source.id}
      aria-selected={selected}
      tabIndex={focusable ? 0 : -1}
      className={`source-row ${selected ? 'selected' : ''}`}
      onClick={() => onOpen(source.id)}
    >
      <span className="source-title">{source.title}</span>
      <span className="source-details">{details.join(' · ')}</span>
      <span className="source-details">
        <span className="truncate">{institutionName}</span>
        <span className="source-format">{nl.sources.format(source.format, source.pageCount)}</span>
      </span>
    </li>
  );
});
