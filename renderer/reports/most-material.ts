import type { Institution, StudyStats } from '../../shared/api/types';

/** The institution with the most codings (then sources); null when none has material. */
export function institutionWithMostMaterial(institutions: Institution[], stats: StudyStats): string | null {
  const material = (institution: Institution) => [stats.codings.byInstitution[institution.name] ?? 0, stats.sources.byInstitution[institution.name] ?? 0] as const;
  let best: Institution | null = null;
  for (const institution of institutions) {
    const [codings, sources] = material(institution);
    if (codings + sources === 0) continue;
    const [bestCodings, bestSources] = best ? material(best) : [-1, -1];
    if (codings > bestCodings || (codings === bestCodings && sources > bestSources)) best = institution;
  }
  return best?.id ?? null;
}
