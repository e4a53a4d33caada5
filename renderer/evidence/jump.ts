import type { EvidenceSegment } from '../../shared/api/types';
import { useUi } from '../ui/ui-store';
import { openSource } from '../document/open-source';

/** Switch to the coding view and show the segment in its source. */
export function jumpToSegment(segment: Pick<EvidenceSegment, 'sourceId' | 'start' | 'end'>): void {
  useUi.getState().showView('coding');
  openSource(segment.sourceId, { start: segment.start, end: segment.end });
}
