/** The source list's search, sort, title disambiguation and progress lines. */
import { describe, expect, it } from 'vitest';
import type { Inspector, Institution, SourceStatusEntry, SourceSummary } from '../../shared/api/types';
import { arrangeSources, distinguishers, progressLines, type ArrangeContext } from '../../renderer/sources/source-arrange';

function source(id: string, title: string, institutionId: string, date: string | null, fileName = `${id}.txt`): SourceSummary {
  return {
    id, title, institutionId, date, fileName,
    sourceType: 'interview', role: 'bestuurder', measure: null, inspectorId: null, format: 'txt', pageCount: null, characterCount: 100, importedAt: '2026-03-01T10:00:00Z',
  };
}

const institutionNames = new Map([
  ['noord', 'Stichting Jeugdbescherming Noord-Holland Kennemerland'],
  ['zuid', 'Stichting Jeugdbescherming Noord-Holland Kust'],
]);
const sources = [
  source('a', 'Gesprek met de bestuurder', 'noord', '2026-03-02'),
  source('b', 'Gesprek met de bestuurder', 'zuid', '2026-04-10'),
  source('c', 'Gesprek met de bestuurder', 'zuid', '2026-05-01'),
  source('d', 'Cliëntdossier OTS – Noor', 'noord', null),
  source('e', 'Beleidsnotitie wachtlijst', 'zuid', '2026-04-10'),
];
const base: ArrangeContext = { query: '', sort: 'titel', codingCounts: {}, myStatus: new Map(), institutionNames };
const ids = (list: SourceSummary[]) => list.map((item) => item.id);

describe('bronnenlijst', () => {
  it('zoekt op elk woord in titel, instelling en bestandsnaam, zonder op accenten te letten', () => {
    expect(ids(arrangeSources(sources, { ...base, query: 'clientdossier' }))).toEqual(['d']);
    expect(ids(arrangeSources(sources, { ...base, query: 'bestuurder kust' }))).toEqual(['b', 'c']);
    expect(ids(arrangeSources(sources, { ...base, query: 'e.txt' }))).toEqual(['e']);
    expect(arrangeSources(sources, { ...base, query: 'bestaat niet' })).toEqual([]);
  });

  it('sorteert op titel, datum, coderingen en status', () => {
    expect(ids(arrangeSources(sources, base))).toEqual(['e', 'd', 'a', 'b', 'c']);
    expect(ids(arrangeSources(sources, { ...base, sort: 'datum' }))).toEqual(['c', 'e', 'b', 'a', 'd']);
    expect(ids(arrangeSources(sources, { ...base, sort: 'coderingen', codingCounts: { c: 7, a: 2 } })).slice(0, 2)).toEqual(['c', 'a']);
    const myStatus = new Map([['e', 'klaar' as const], ['d', 'bezig' as const]]);
    expect(ids(arrangeSources(sources, { ...base, sort: 'status', myStatus }))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('onderscheidt gelijke titels met de volledige instelling, en waar die ook gelijk is met de datum', () => {
    const apart = distinguishers(sources, institutionNames, (iso) => iso.split('-').reverse().join('-'));
    expect(apart.get('a')).toBe('Stichting Jeugdbescherming Noord-Holland Kennemerland');
    expect(apart.get('b')).toBe('Stichting Jeugdbescherming Noord-Holland Kust · 10-04-2026');
    expect(apart.get('c')).toBe('Stichting Jeugdbescherming Noord-Holland Kust · 01-05-2026');
    expect(apart.has('d')).toBe(false);
  });

  it('telt de voortgang per inspecteur en per instelling', () => {
    const inspectors: Inspector[] = [{ id: 'i1', name: 'Een', initials: 'IE' } as Inspector, { id: 'i2', name: 'Twee', initials: 'IT' } as Inspector];
    const institutions: Institution[] = [{ id: 'noord', name: 'Noord' } as Institution, { id: 'zuid', name: 'Zuid' } as Institution];
    const statuses: SourceStatusEntry[] = [
      { sourceId: 'a', inspectorId: 'i1', status: 'klaar', updatedAt: '' },
      { sourceId: 'a', inspectorId: 'i2', status: 'bezig', updatedAt: '' },
      { sourceId: 'b', inspectorId: 'i2', status: 'bezig', updatedAt: '' },
      { sourceId: 'weg', inspectorId: 'i1', status: 'klaar', updatedAt: '' },
    ];
    const { byInspector, byInstitution } = progressLines(sources, statuses, inspectors, institutions);
    expect(byInspector).toEqual([
      { id: 'i1', klaar: 1, bezig: 0, total: 5 },
      { id: 'i2', klaar: 0, bezig: 2, total: 5 },
    ]);
    expect(byInstitution).toEqual([
      { id: 'noord', klaar: 1, bezig: 0, total: 2 },
      { id: 'zuid', klaar: 0, bezig: 1, total: 3 },
    ]);
  });
});
