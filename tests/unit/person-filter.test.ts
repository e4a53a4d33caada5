/** The Personen view's filter and the forms an inspector types (issue 10). */
import { describe, expect, it } from 'vitest';
import { filterPersons, formsProblem, parseForms } from '../../renderer/privacy/person-filter';
import type { Person } from '../../shared/privacy';

const person = (name: string, extra: Partial<Person> = {}): Person => ({ id: name, name, role: 'anders', forms: [name], pseudonym: '[naam]', status: 'kandidaat', ...extra });
const register = [
  person('Sandra de Vries', { role: 'ouder', forms: ['Sandra de Vries', 'Sandra', 'S. de Vries'], pseudonym: 'de ouder', status: 'bevestigd' }),
  person('Chloë', { role: 'jeugdige', pseudonym: 'Noa' }),
  person('Groen', { status: 'geen-persoon' }),
];
const names = (persons: Person[]) => persons.map((entry) => entry.name);

describe('filtering the persons register', () => {
  it('searches any form and the pseudonym, ignoring case and diacritics', () => {
    expect(names(filterPersons(register, { query: 's. DE', status: 'alle', role: 'alle' }))).toEqual(['Sandra de Vries']);
    expect(names(filterPersons(register, { query: 'chloe', status: 'alle', role: 'alle' }))).toEqual(['Chloë']);
    expect(names(filterPersons(register, { query: 'noa', status: 'alle', role: 'alle' }))).toEqual(['Chloë']);
    expect(names(filterPersons(register, { query: '  ', status: 'alle', role: 'alle' }))).toHaveLength(3);
  });

  it('filters by status and role together', () => {
    expect(names(filterPersons(register, { query: '', status: 'geen-persoon', role: 'alle' }))).toEqual(['Groen']);
    expect(names(filterPersons(register, { query: '', status: 'kandidaat', role: 'jeugdige' }))).toEqual(['Chloë']);
    expect(filterPersons(register, { query: '', status: 'bevestigd', role: 'jeugdige' })).toEqual([]);
  });
});

describe('forms typed by an inspector', () => {
  it('splits on commas, semicolons and lines; trims, folds spaces and drops repeats and empties', () => {
    expect(parseForms(' Sandra ,S.  de Vries;\nSandra,, ')).toEqual(['Sandra', 'S. de Vries']);
    expect(parseForms(Array.from({ length: 60 }, (_, index) => `Naam${index}`).join(','))).toHaveLength(50);
  });

  it('says in Dutch why forms cannot be stored', () => {
    expect(formsProblem([])).toBe('Geef ten minste één vorm van de naam.');
    expect(formsProblem(['Sandra', 'x'.repeat(301)])).toContain('hoogstens 300 tekens');
    expect(formsProblem(['Sandra'])).toBeNull();
  });
});
