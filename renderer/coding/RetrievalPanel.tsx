/**
 * Retrieval beside the text ("Fragmenten"): the code tree with, per code, its
 * codings in the open source and in the whole study; choose a code to see its
 * coded segments in context, filtered like the evidence view (the same
 * filters), jump to each in its source, and link it as evidence to the
 * judgment of its norm at its institution (or unlink it), or take a code's
 * segments to Word (the exchange's retrieval report, pseudonymised). Opened
 * from a cell of the evidence matrix, the list is narrowed to that cell's
 * institution and part (valence, source type or role) until widened. Follows
 * every coding change (pushed by the backend).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EvidenceSegment, EvidenceSegmentPage } from '../../shared/api/types';
import { api } from '../api/client';
import { reportError } from '../ui/toast-store';
import { useDocument } from '../document/document-store';
import { EvidenceFilters } from '../evidence/EvidenceFilters';
import { activeFilter, useEvidence } from '../evidence/evidence-store';
import { SegmentCard } from '../evidence/SegmentCard';
import { LeftOutNotice, useLeftOut } from '../evidence/LeftOutNotice';
import { useFramework } from '../framework/framework-store';
import { useJudgments } from '../judgments/judgments-store';
import { findJudgment } from '../judgments/scale';
import type { Code } from '../../shared/api/types';
import { nl } from '../text/nl';
import { useChangeVersion } from '../api/study-changes';
import { useCodings } from './coding-store';
import { paletteItems } from './palette-items';
import { countsInSource, rollUp } from './retrieval';
import { scopedFilter, useRetrieval } from './retrieval-store';
import { RetrievalScopeLine } from './RetrievalScopeLine';
import { RetrievalExport } from './RetrievalExport';

/** Segments per page of the list (and per "Meer tonen"). */
const PAGE_SIZE = 100;

export function RetrievalPanel() {
  const codes = useFramework((store) => store.codes);
  const items = useMemo(() => paletteItems(codes), [codes]);
  const filter = useEvidence((store) => store.filter);
  const codings = useCodings((store) => store.codings);
  const sourceId = useDocument((store) => store.document?.id ?? null);
  const version = useChangeVersion(['coding', 'code', 'source']);
  const [studyCounts, setStudyCounts] = useState<Record<string, number>>({});
  const codeId = useRetrieval((store) => store.codeId);
  const institutionId = useRetrieval((store) => store.institutionId);
  const split = useRetrieval((store) => store.split);
  const scopeKey = JSON.stringify([institutionId, split]);
  const [page, setPage] = useState<EvidenceSegmentPage | null>(null);
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [onlyThisSource, setOnlyThisSource] = useState(false);
  const listSourceId = onlyThisSource ? sourceId : null;
  const filterKey = JSON.stringify(activeFilter(filter));
  const leftOut = useLeftOut();
  const judgments = useJudgments((store) => store.judgments);
  const judgmentsLoaded = useJudgments((store) => store.loaded);

  useEffect(() => {
    if (!judgmentsLoaded) useJudgments.getState().load().catch(reportError);
  }, [judgmentsLoaded]);

  useEffect(() => {
    let current = true;
    api['codings.countByCode']({ filter: JSON.parse(filterKey) })
      .then((counts) => current && setStudyCounts(counts))
      .catch(reportError);
    return () => void (current = false);
  }, [filterKey, version]);

  useEffect(() => {
    setPage(null);
    setLimit(PAGE_SIZE);
  }, [codeId, scopeKey, listSourceId]);
  // A page at a time: a norm's list at national scale holds thousands of segments across most sources.
  useEffect(() => {
    if (!codeId) return;
    let current = true;
    // The scope by its key, so a new split object with the same parts asks nothing again.
    const [scopeInstitution, scopeSplit] = JSON.parse(scopeKey) as [typeof institutionId, typeof split];
    api['evidence.segmentPage']({ codeId, institutionId: scopeInstitution, sourceId: listSourceId, filter: scopedFilter(JSON.parse(filterKey), scopeSplit), offset: 0, limit })
      .then((found) => current && setPage(found))
      .catch(reportError);
    return () => void (current = false);
  }, [codeId, scopeKey, listSourceId, filterKey, version, limit]);

  const inSource = useMemo(() => countsInSource(codes, codings.values()), [codes, codings]);
  const inStudy = useMemo(() => rollUp(codes, Object.entries(studyCounts)), [codes, studyCounts]);
  // Opened from the evidence matrix: the segments, not the code tree above them, come into view.
  // Once its segments are there (before, the panel is too short to scroll that far); only the panel
  // scrolls (scrollIntoView would scroll the window too, taking the top bar away).
  const segmentsRef = useRef<HTMLElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const showRequest = useRetrieval((store) => store.showRequest);
  const scrolledFor = useRef(0);
  useEffect(() => {
    const panel = panelRef.current;
    const section = segmentsRef.current;
    if (showRequest === scrolledFor.current || page === null || !panel || !section) return;
    scrolledFor.current = showRequest;
    panel.scrollTop += section.getBoundingClientRect().top - panel.getBoundingClientRect().top;
  }, [showRequest, page]);

  const shown = page?.segments ?? null;
  const chosen = codes.find((code) => code.id === codeId);
  const normId = chosen ? rootNorm(codes, chosen) : null;
  const isLinked = (segment: EvidenceSegment) =>
    normId !== null && (findJudgment(judgments, segment.institutionId, normId)?.evidenceCodingIds.includes(segment.codingId) ?? false);
  const toggleLink = (segment: EvidenceSegment) => {
    if (!normId) return;
    useJudgments.getState().link({ institutionId: segment.institutionId, codeId: normId, codingId: segment.codingId, linked: !isLinked(segment) }).catch(reportError);
  };

  return (
    <div ref={panelRef} className="side-scroll retrieval" data-testid="retrieval">
      <EvidenceFilters />
      <p className="retrieval-legend muted">{nl.codingDay.retrievalLegend}</p>
      <LeftOutNotice leftOut={leftOut} codeId={codeId} />
      <ul className="retrieval-codes" aria-label={nl.codingDay.retrievalCodes}>
        {items.map((item) => (
          <li key={item.code.id}>
            <button
              type="button"
              className={`retrieval-code${item.code.id === codeId ? ' active' : ''}`}
              data-testid="retrieval-code"
              data-code-key={item.code.key}
              data-source-count={inSource.get(item.code.id) ?? 0}
              data-study-count={inStudy.get(item.code.id) ?? 0}
              aria-pressed={item.code.id === codeId}
              style={{ paddingLeft: 6 + item.depth * 14 }}
              onClick={() => useRetrieval.getState().chooseCode(item.code.id)}
            >
              <span className="palette-swatch" style={{ backgroundColor: item.code.color }} />
              <span className="truncate">{item.code.name}</span>
              <span className="retrieval-count" title={nl.codingDay.countsTitle}>
                {inSource.get(item.code.id) ?? 0} · {inStudy.get(item.code.id) ?? 0}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {chosen && (
        <section ref={segmentsRef} className="retrieval-segments" data-testid="retrieval-list" aria-label={nl.codingDay.segmentsOf(chosen.name)}>
          <header className="retrieval-head">
            <h3>{nl.codingDay.segmentsOf(chosen.name)}</h3>
            <label className="check-label">
              <input type="checkbox" data-testid="retrieval-this-source" checked={onlyThisSource} onChange={(event) => setOnlyThisSource(event.target.checked)} />
              {nl.codingDay.onlyThisSource}
            </label>
            <RetrievalExport
              scope={{ codeId: chosen.id, institutionId, sourceId: listSourceId, filter: scopedFilter(JSON.parse(filterKey), split) }}
            />
          </header>
          <RetrievalScopeLine />
          {shown === null ? (
            <p className="muted">{nl.codingDay.loadingSegments}</p>
          ) : shown.length === 0 ? (
            <p className="muted">{nl.evidence.noCodingsFiltered}</p>
          ) : (
            <>
              <p className="muted" data-testid="retrieval-total" data-total={page!.total}>
                {shown.length < page!.total ? nl.retrieval.shownOf(shown.length, page!.total) : nl.evidence.fragments(page!.total)}
              </p>
              {shown.map((segment) => (
                <SegmentCard key={segment.codingId} segment={segment} listCodeId={chosen.id} showInstitution testId="retrieval-segment">
                  {normId && (
                    <button
                      type="button"
                      className="small"
                      data-testid="retrieval-link"
                      aria-pressed={isLinked(segment)}
                      onClick={() => toggleLink(segment)}
                    >
                      {isLinked(segment) ? nl.codingDay.unlinkFromJudgment : nl.codingDay.linkToJudgment}
                    </button>
                  )}
                </SegmentCard>
              ))}
              {shown.length < page!.total && (
                <button type="button" className="small" data-testid="retrieval-more" onClick={() => setLimit(limit + PAGE_SIZE)}>
                  {nl.retrieval.showMore(Math.min(PAGE_SIZE, page!.total - shown.length))}
                </button>
              )}
            </>
          )}
        </section>
      )}
    </div>
  );
}

/** The norm at the root of a code's branch; null for context codes (they have no judgment). */
function rootNorm(codes: readonly Code[], code: Code): string | null {
  let current: Code | undefined = code;
  const seen = new Set<string>();
  while (current?.parentId && !seen.has(current.id)) {
    seen.add(current.id);
    current = codes.find((candidate) => candidate.id === current!.parentId);
  }
  return current && current.kind === 'norm' ? current.id : null;
}
