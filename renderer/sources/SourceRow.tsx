/**
 * One source in the list: title (and what tells it apart from sources with
 * the same title), then type, role, institution and format, its coding count
 * and the current inspector's status.
 */
import { memo } from 'react';
import type { SourceStatus, SourceSummary } from '../../shared/api/types';
import { ROLE_LABELS, SOURCE_TYPE_LABELS } from '../../shared/vocabulary';
import { nl } from '../text/nl';

interface SourceRowProps {
  source: SourceSummary;
  institutionName: string;
  selected: boolean;
  focusable: boolean;
  onOpen: (id: string) => void;
  distinguisher: string | null;
  /** Null until the counts are loaded. */
  codingCount: number | null;
  /** The current inspector's status; null without a current inspector. */
  status: SourceStatus | null;
  statusTitle: string;
}

export const SourceRow = memo(function SourceRow({
  source,
  institutionName,
  selected,
  focusable,
  onOpen,
  distinguisher,
  codingCount,
  status,
  statusTitle,
}: SourceRowProps) {
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
      {distinguisher && (
        <span className="source-distinguisher" data-testid="source-distinguisher">
          {distinguisher}
        </span>
      )}
      <span className="source-details">
        <span className="truncate">{details.join(' · ')}</span>
        {codingCount !== null && (
          <span className="source-codings" data-testid="source-coding-count" title={nl.codingDay.codingCountTitle(codingCount)}>
            {nl.codingDay.codingCount(codingCount)}
          </span>
        )}
        {status && (
          <span className={`source-status status-${status}`} data-testid="source-status" data-status={status} title={statusTitle}>
            {nl.codingDay.status[status]}
          </span>
        )}
      </span>
      <span className="source-details">
        <span className="truncate">{institutionName}</span>
        <span className="source-format">{nl.sources.format(source.format, source.pageCount)}</span>
      </span>
    </li>
  );
});
