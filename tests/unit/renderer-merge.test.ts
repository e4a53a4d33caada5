// The Team view's pure helpers: Dutch notation of kappa, percentages and
// times, the threshold field, conflict labels and values in words, the
// passphrase check, the order of conflicts and the file names it shows.
import { describe, expect, it } from 'vitest';
import { MERGE_KINDS, type MergeConflict, type MergeKindCounts } from '../../shared/api/types';
import {
  conflictField,
  conflictKindLabel,
  conflictKindTag,
  conflictSubject,
  conflictValue,
  formatKappa,
  formatMoment,
  formatPercent,
  hlcMoment,
  isColor,
  kappaBand,
  passphraseProblem,
  previewRows,
  sortConflicts,
  thresholdFraction,
  type NameLookup,
} from '../../renderer/merge/format';
import { bundleDownloadPath, copyFileName } from '../../renderer/merge/paths';

const names: NameLookup = {
  code: (id) => ({ c1: 'Betekenisvol contact' })[id],
  institution: (id) => ({ i1: 'GI Noord' })[id],
  source: (id) => ({ s1: 'Gesprek met ouders' })[id],
  inspector: (id) => ({ p1: 'Anna Aarts (AA)' })[id],
};

function conflict(fields: Partial<MergeConflict>): MergeConflict {
  return {
    id: 'k1',
    entity: 'judgment',
    entityId: 'j1',
    field: 'rating',
    kind: 'field',
    label: 'Oordeel Participatie bij GI Noord: oordeel',
    mergeKind: 'judgments',
    local: { value: 'voldoet', authorId: 'p1', authorName: 'Anna Aarts (AA)', hlc: '000001780000000-000000-r1' },
    remote: { value: 'voldoet niet', authorId: 'p2', authorName: 'Bram Bos (BB)', hlc: '000001780000001-000000-r2' },
    current: 'voldoet niet',
    status: 'open',
    resolution: null,
    detectedAt: '2026-05-01T10:00:00.000Z',
    ...fields,
  };
}

describe('kappa and percentages in Dutch notation', () => {
  it('shows kappa with two decimals and a decimal comma', () => {
    expect(formatKappa(0.8667)).toBe('0,87');
    expect(formatKappa(1)).toBe('1,00');
    expect(formatKappa(0.005)).toBe('0,01');
    expect(formatKappa(-0.25)).toBe('-0,25');
  });

  it('never shows minus zero, and a dash when kappa is undefined', () => {
    expect(formatKappa(-0.004)).toBe('0,00');
    expect(formatKappa(-0)).toBe('0,00');
    expect(formatKappa(null)).toBe('—');
    expect(formatKappa(Number.NaN)).toBe('—');
  });

  it('reads kappa in plain words for the tooltip', () => {
    expect(kappaBand(-0.1)).toBe('minder dan toeval');
    expect(kappaBand(0.1)).toBe('gering');
    expect(kappaBand(0.45)).toBe('redelijk');
    expect(kappaBand(0.7)).toBe('substantieel');
    expect(kappaBand(0.95)).toBe('(bijna) volledig');
    expect(kappaBand(null)).toBeNull();
  });

  it('shows percentages with a comma and the chosen number of decimals', () => {
    expect(formatPercent(99.6321)).toBe('99,6%');
    expect(formatPercent(100)).toBe('100,0%');
    expect(formatPercent(77.77, 0)).toBe('78%');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('the threshold field', () => {
  it('turns a typed percentage into the fraction the API takes', () => {
    expect(thresholdFraction('90')).toBe(0.9);
    expect(thresholdFraction(' 75,5 ')).toBe(0.755);
    expect(thresholdFraction('100')).toBe(1);
    expect(thresholdFraction('50%')).toBe(0.5);
  });

  it('refuses what is not a percentage above 0 and up to 100', () => {
    for (const typed of ['', '0', '-5', '101', 'negentig']) expect(thresholdFraction(typed)).toBeNull();
  });
});

describe('times', () => {
  it('formats moments in local time, Dutch month names', () => {
    const moment = new Date(2026, 10, 3, 9, 5);
    expect(formatMoment(moment)).toBe('3 nov 2026 09:05');
    expect(formatMoment(moment.toISOString())).toBe('3 nov 2026 09:05');
    expect(formatMoment(null)).toBeNull();
    expect(formatMoment('gisteren')).toBeNull();
  });

  it('reads the wall time from a hybrid logical clock stamp', () => {
    const wall = new Date(2026, 4, 1, 14, 30).getTime();
    expect(hlcMoment(`${String(wall).padStart(15, '0')}-00000a-5b1c`)).toBe('1 mei 2026 14:30');
    expect(hlcMoment('kapot')).toBeNull();
  });
});

describe('conflicts in words', () => {
  it('splits the label into what it is about and the field', () => {
    const judgment = conflict({});
    expect(conflictSubject(judgment)).toBe('Oordeel Participatie bij GI Noord');
    expect(conflictField(judgment)).toBe('oordeel');
    // A subject that itself holds ": " keeps it; only the last part is the field.
    const memo = conflict({ label: 'Memo bij Gesprek: ouders: tekst', field: 'text' });
    expect(conflictSubject(memo)).toBe('Memo bij Gesprek: ouders');
    expect(conflictField(memo)).toBe('tekst');
    expect(conflictField(conflict({ label: 'zonder veld', field: 'note' }))).toBe('note');
  });

  it('names the kind of thing by its entity', () => {
    expect(conflictKindLabel({ entity: 'institution' })).toBe('Instelling');
    expect(conflictKindLabel({ entity: 'coding' })).toBe('Codering');
    expect(conflictKindLabel({ entity: 'iets-nieuws' })).toBe('Overig');
  });

  it('leaves the tag out where the subject already names the kind', () => {
    expect(conflictKindTag({ entity: 'institution', label: 'Instelling GI Noord: naam' })).toBeNull();
    expect(conflictKindTag({ entity: 'judgment', label: 'Oordeel Participatie bij GI Noord: oordeel' })).toBeNull();
    expect(conflictKindTag({ entity: 'reviewAnswer', label: 'Dossiervraag "Plan binnen 6 weken?" bij Dossier 12: antwoord' })).toBe('Dossieranalyse');
  });

  it('shows ids as names and flags as words', () => {
    expect(conflictValue('codeId', 'c1', names)).toBe('Betekenisvol contact');
    expect(conflictValue('parentId', 'c1', names)).toBe('Betekenisvol contact');
    expect(conflictValue('parentId', null, names)).toBe('bovenaan in het toetsingskader');
    expect(conflictValue('institutionId', 'i1', names)).toBe('GI Noord');
    expect(conflictValue('sourceId', 's1', names)).toBe('Gesprek met ouders');
    expect(conflictValue('inspectorId', 'p1', names)).toBe('Anna Aarts (AA)');
    expect(conflictValue('codeId', 'onbekend', names)).toBe('onbekend');
    expect(conflictValue('deleted', 1, names)).toBe('verwijderd');
    expect(conflictValue('deleted', 0, names)).toBe('niet verwijderd');
    expect(conflictValue('quotable', 1, names)).toBe('ja, citeerbaar');
    expect(conflictValue('quotable', 0, names)).toBe('nee, niet citeerbaar');
    expect(conflictValue('note', '', names)).toBe('(leeg)');
    expect(conflictValue('note', null, names)).toBe('(leeg)');
    // A house style is named by its template file, never shown as its styles XML.
    expect(conflictValue('reportTemplate', JSON.stringify({ fileName: 'Huisstijl IGJ.dotx', styles: '<w:styles/>' }), names)).toBe('sjabloon Huisstijl IGJ.dotx');
    expect(conflictValue('reportTemplate', null, names)).toBe('standaardhuisstijl van Veldwerk');
    expect(conflictValue('ratingScale', '["voldoet","voldoet niet"]', names)).toBe('voldoet / voldoet niet');
    expect(conflictValue('start', 1234, names)).toBe('1.234');
    expect(conflictValue('rating', 'voldoet grotendeels', names)).toBe('voldoet grotendeels');
  });

  it('recognises colours for a swatch', () => {
    expect(isColor('color', '#1f5f8b')).toBe(true);
    expect(isColor('color', 'rood')).toBe(false);
    expect(isColor('name', '#1f5f8b')).toBe(false);
  });

  it('lists open conflicts first, oldest first, then the resolved ones', () => {
    const sorted = sortConflicts([
      conflict({ id: 'r', status: 'resolved', detectedAt: '2026-01-01T00:00:00Z' }),
      conflict({ id: 'o2', detectedAt: '2026-03-02T00:00:00Z' }),
      conflict({ id: 'o1', detectedAt: '2026-03-01T00:00:00Z' }),
    ]);
    expect(sorted.map((item) => item.id)).toEqual(['o1', 'o2', 'r']);
  });
});

describe('the bundle preview', () => {
  it('has one row per kind, in the fixed order', () => {
    const zero: MergeKindCounts = { new: 0, changed: 0, deleted: 0, skipped: 0, conflicts: 0 };
    const perKind = Object.fromEntries(MERGE_KINDS.map((kind) => [kind, { ...zero }])) as Record<(typeof MERGE_KINDS)[number], MergeKindCounts>;
    perKind.codings.new = 49;
    const rows = previewRows(perKind);
    expect(rows.map((row) => row.kind)).toEqual(['sources', 'codings', 'memos', 'fileReviews', 'judgments', 'framework', 'other']);
    expect(rows[1]!.counts.new).toBe(49);
  });
});

describe('the passphrase for a bundle', () => {
  it('asks for at least 8 characters, typed the same twice', () => {
    expect(passphraseProblem('kort', 'kort')).toBe('Kies een wachtwoord van minstens 8 tekens.');
    expect(passphraseProblem('lang genoeg', 'lang genoeG')).toBe('De twee wachtwoorden zijn niet gelijk.');
    expect(passphraseProblem('lang genoeg', 'lang genoeg')).toBeNull();
  });
});

describe('file names and addresses', () => {
  it('names a copy as the backend does: next to the study, with the initials', () => {
    expect(copyFileName('/home/eva/Ronde 2026.veldwerk', 'MD')).toBe('Ronde 2026-MD.veldwerk');
    expect(copyFileName('C:\\Users\\eva\\ronde.VELDWERK', 'M/D')).toBe('ronde-M_D.veldwerk');
    expect(copyFileName('', 'RT')).toBe('onderzoek-RT.veldwerk');
  });

  it('never puts the access token in a bundle download address (a one-time link is fetched instead)', () => {
    expect(bundleDownloadPath('0b6a4f0e-1111-4222-8333-944455556666')).toBe('/api/download/bundle/0b6a4f0e-1111-4222-8333-944455556666');
  });
});
