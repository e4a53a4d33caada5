/**
 * The segment lists' stores against a stand-in backend: a matrix cell's part
 * narrows the evidence panel's list (on top of the filters, page by page), and
 * opening it beside the text hands the same scope to the retrieval list.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../renderer/api/client', async () => (await import('../helpers/fake-api')).fakeClient());

const { backend, called, resetBackend } = await import('../helpers/fake-api');
const { useEvidence, SEGMENT_PAGE } = await import('../../renderer/evidence/evidence-store');
const { useRetrieval, scopedFilter } = await import('../../renderer/coding/retrieval-store');
const { useUi } = await import('../../renderer/ui/ui-store');

const CODE = '11111111-1111-4111-8111-111111111111';
const INSTITUTION = '22222222-2222-4222-8222-222222222222';

beforeEach(() => {
  resetBackend();
  useEvidence.getState().reset();
  useRetrieval.getState().reset();
  backend.handlers['evidence.segmentPage'] = async (input) => ({
    total: 250,
    segments: Array.from({ length: Math.min(Number(input.limit), 250) }, (_, index) => ({ codingId: `k${index}` })),
  });
});

describe('segmentlijsten', () => {
  it('vraagt het deel van een cel bovenop de filters op, honderd tegelijk', async () => {
    await useEvidence.getState().setFilter('coderId', '33333333-3333-4333-8333-333333333333');
    await useEvidence.getState().select({ codeId: CODE, institutionId: INSTITUTION, split: { valence: 'negatief' } });
    const [first] = called('evidence.segmentPage').slice(-1);
    expect(first!.input).toMatchObject({
      codeId: CODE,
      institutionId: INSTITUTION,
      offset: 0,
      limit: SEGMENT_PAGE,
      filter: { coderId: '33333333-3333-4333-8333-333333333333', valence: 'negatief' },
    });
    expect(useEvidence.getState().segmentsTotal).toBe(250);
    expect(useEvidence.getState().segments).toHaveLength(SEGMENT_PAGE);

    await useEvidence.getState().showMoreSegments();
    expect(called('evidence.segmentPage').slice(-1)[0]!.input.limit).toBe(2 * SEGMENT_PAGE);
    expect(useEvidence.getState().segments).toHaveLength(2 * SEGMENT_PAGE);
    // Another cell starts at the first page again.
    await useEvidence.getState().select({ codeId: CODE, institutionId: null });
    expect(called('evidence.segmentPage').slice(-1)[0]!.input).toMatchObject({ institutionId: null, limit: SEGMENT_PAGE, filter: { coderId: '33333333-3333-4333-8333-333333333333' } });
  });

  it('opent een cel naast de tekst: de lijst krijgt code, instelling en deel, de codeerweergave komt voor', () => {
    useUi.getState().showView('evidence');
    const before = useRetrieval.getState().showRequest;
    useRetrieval.getState().openCell({ codeId: CODE, institutionId: INSTITUTION, split: { role: 'ouder' } });
    expect(useUi.getState().view).toBe('coding');
    expect(useRetrieval.getState()).toMatchObject({ codeId: CODE, institutionId: INSTITUTION, split: { role: 'ouder' }, showRequest: before + 1 });
    useRetrieval.getState().widen();
    expect(useRetrieval.getState()).toMatchObject({ codeId: CODE, institutionId: null, split: {} });
  });

  it('laat het deel van de cel voorgaan op het filter van dezelfde soort', () => {
    expect(scopedFilter({ valence: 'positief', role: 'ouder' }, { valence: 'negatief' })).toEqual({ valence: 'negatief', role: 'ouder' });
    expect(scopedFilter({ role: 'ouder' }, { valence: undefined })).toEqual({ role: 'ouder' });
  });
});
