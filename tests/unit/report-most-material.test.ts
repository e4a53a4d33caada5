import { describe, expect, it } from 'vitest';
import { institutionWithMostMaterial } from '../../renderer/reports/most-material';
import type { StudyStats } from '../../shared/api/types';

const stats = (codings: Record<string, number>, sources: Record<string, number>): StudyStats => ({
  institutions: [],
  sources: { total: 0, byType: {}, byRole: {}, byInstitution: sources },
  codings: { total: 0, byNorm: {}, byInstitution: codings, byValence: {} },
  fileReview: [],
  judgments: [],
});
const institutions = [
  { id: 'a', name: 'GI Leeg' },
  { id: 'b', name: 'GI Bronnen' },
  { id: 'c', name: 'GI Gecodeerd' },
];

describe('the report dialog starts with the institution that has the most material', () => {
  it('prefers codings, then sources, and never an institution without material', () => {
    expect(institutionWithMostMaterial(institutions, stats({ 'GI Gecodeerd': 4 }, { 'GI Bronnen': 9, 'GI Gecodeerd': 1 }))).toBe('c');
    expect(institutionWithMostMaterial(institutions, stats({}, { 'GI Bronnen': 2 }))).toBe('b');
    expect(institutionWithMostMaterial(institutions, stats({}, {}))).toBeNull();
  });
});
