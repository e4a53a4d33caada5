/**
 * The source list as an inspector works through it: searched, sorted,
 * titles told apart, and how far everyone is. Pure: no DOM, no React.
 */
import type { Inspector, Institution, SourceStatus, SourceStatusEntry, SourceSummary } from '../../shared/api/types';
import { fold } from '../coding/palette-items';

export const SOURCE_SORTS = ['titel', 'instelling', 'datum', 'coderingen', 'status'] as const;
export type SourceSort = (typeof SOURCE_SORTS)[number];

const STATUS_ORDER: Record<SourceStatus, number> = { nieuw: 0, bezig: 1, klaar: 2 };

export interface ArrangeContext {
  query: string;
  sort: SourceSort;
  codingCounts: Readonly<Record<string, number>>;
  /** The current inspector's status per source; missing means nieuw. */
  myStatus: ReadonlyMap<string, SourceStatus>;
  institutionNames: ReadonlyMap<string, string>;
}

const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

/** Sources matching every word of the query (title, institution, file name), in the chosen order. */
export function arrangeSources(sources: readonly SourceSummary[], context: ArrangeContext): SourceSummary[] {
  const words = fold(context.query).split(/\s+/).filter(Boolean);
  const institution = (source: SourceSummary) => context.institutionNames.get(source.institutionId) ?? '';
  const matching = words.length
    ? sources.filter((source) => {
        const haystack = fold(`${source.title} ${institution(source)} ${source.fileName}`);
        return words.every((word) => haystack.includes(word));
      })
    : [...sources];
  const byTitle = (a: SourceSummary, b: SourceSummary) => collator.compare(a.title, b.title) || collator.compare(institution(a), institution(b));
  const compare: Record<SourceSort, (a: SourceSummary, b: SourceSummary) => number> = {
    titel: byTitle,
    instelling: (a, b) => collator.compare(institution(a), institution(b)) || byTitle(a, b),
    // Newest first; undated last.
    datum: (a, b) => (b.date ?? '').localeCompare(a.date ?? '') || byTitle(a, b),
    coderingen: (a, b) => (context.codingCounts[b.id] ?? 0) - (context.codingCounts[a.id] ?? 0) || byTitle(a, b),
    // What still needs doing first.
    status: (a, b) => STATUS_ORDER[statusOf(context.myStatus, a.id)] - STATUS_ORDER[statusOf(context.myStatus, b.id)] || byTitle(a, b),
  };
  return matching.sort(compare[context.sort]);
}

export function statusOf(statuses: ReadonlyMap<string, SourceStatus>, sourceId: string): SourceStatus {
  return statuses.get(sourceId) ?? 'nieuw';
}

/**
 * What tells sources with the same title apart: for every source whose title
 * another source shares, its institution; where that is shared too, also its
 * date; where that is shared too, its file name. Sources with a unique title get none.
 */
export function distinguishers(
  sources: readonly SourceSummary[],
  institutionNames: ReadonlyMap<string, string>,
  formatDate: (iso: string) => string,
): Map<string, string> {
  const groups = new Map<string, SourceSummary[]>();
  for (const source of sources) {
    const key = fold(source.title.trim());
    groups.set(key, [...(groups.get(key) ?? []), source]);
  }
  const result = new Map<string, string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const parts = group.map((source) => [institutionNames.get(source.institutionId) ?? '', source.date ? formatDate(source.date) : '', source.fileName]);
    for (const [index, source] of group.entries()) {
      const own = parts[index]!;
      const shared = (depth: number) => parts.filter((other) => other.slice(0, depth).join('\u0000') === own.slice(0, depth).join('\u0000')).length > 1;
      const depth = !shared(1) ? 1 : !shared(2) ? 2 : 3;
      result.set(source.id, own.slice(0, depth).filter(Boolean).join(' · '));
    }
  }
  return result;
}

export interface ProgressLine {
  id: string;
  klaar: number;
  bezig: number;
  total: number;
}

/**
 * Progress per inspector (their own statuses over all sources) and per
 * institution (a source counts as klaar when an inspector marked it klaar,
 * as bezig when someone is busy with it and no one finished it).
 */
export function progressLines(
  sources: readonly SourceSummary[],
  statuses: readonly SourceStatusEntry[],
  inspectors: readonly Inspector[],
  institutions: readonly Institution[],
): { byInspector: ProgressLine[]; byInstitution: ProgressLine[] } {
  const live = new Set(sources.map((source) => source.id));
  const byInspector = inspectors.map((inspector) => {
    const own = statuses.filter((entry) => entry.inspectorId === inspector.id && live.has(entry.sourceId));
    return {
      id: inspector.id,
      klaar: own.filter((entry) => entry.status === 'klaar').length,
      bezig: own.filter((entry) => entry.status === 'bezig').length,
      total: sources.length,
    };
  });
  const best = new Map<string, SourceStatus>();
  for (const entry of statuses) {
    if (STATUS_ORDER[entry.status] > STATUS_ORDER[best.get(entry.sourceId) ?? 'nieuw']) best.set(entry.sourceId, entry.status);
  }
  const byInstitution = institutions.map((institution) => {
    const own = sources.filter((source) => source.institutionId === institution.id);
    return {
      id: institution.id,
      klaar: own.filter((source) => best.get(source.id) === 'klaar').length,
      bezig: own.filter((source) => best.get(source.id) === 'bezig').length,
      total: own.length,
    };
  });
  return { byInspector, byInstitution };
}
