/** The privacy review's grouping: persons of the register first, then names outside it, then the other details by kind. */
import { describe, expect, it } from 'vitest';
import { groupFindings, splitContext } from '../../renderer/privacy/review-groups';
import type { Person, PrivacyFinding } from '../../shared/privacy';

const finding = (kind: PrivacyFinding['kind'], text: string, extra: Partial<PrivacyFinding> = {}): PrivacyFinding => ({
  kind,
  text,
  replacement: `[${kind}]`,
  certain: true,
  why: 'test',
  personId: null,
  count: 1,
  context: `voor ⟦${text}⟧ na`,
  decision: null,
  ...extra,
});

const sandra: Person = { id: 'p1', name: 'Sandra de Vries', role: 'ouder', forms: ['Sandra', 'De Vries'], pseudonym: 'moeder', status: 'bevestigd' };

describe('privacy review groups', () => {
  it('groups by person, then names outside the register, then kinds in a fixed order; uncertain first', () => {
    const groups = groupFindings(
      [
        finding('telefoonnummer', '06-12345678'),
        finding('naam', 'Sandra', { personId: 'p1', replacement: 'moeder', count: 3 }),
        finding('naam', 'Xandrijn', { certain: false }),
        finding('bsn', '111222333'),
        finding('naam', 'De Vries', { personId: 'p1' }),
        finding('naam', 'Jaylinn'),
      ],
      [sandra],
      'Namen buiten het personenregister',
    );
    expect(groups.map((group) => [group.title, group.findings.map((item) => item.text)])).toEqual([
      ['Sandra de Vries', ['Sandra', 'De Vries']],
      ['Namen buiten het personenregister', ['Xandrijn', 'Jaylinn']],
      ['BSN', ['111222333']],
      ['Telefoonnummers', ['06-12345678']],
    ]);
    expect(groups[0]!.person).toBe(sandra);
  });

  it('splits a context around the detail, also when the marks are missing', () => {
    expect(splitContext('moeder ⟦Sandra⟧ belde')).toEqual({ before: 'moeder ', detail: 'Sandra', after: ' belde' });
    expect(splitContext('geen markering')).toEqual({ before: 'geen markering', detail: '', after: '' });
  });
});
