/**
 * The pure parts of the keyboard paths: which code a digit sequence reaches
 * (and whether it must wait for another digit), and which coding J/K go to.
 */
import { describe, expect, it } from 'vitest';
import type { Code, Coding } from '../../shared/api/types';
import { paletteItems, resolveDigits } from '../../renderer/coding/palette-items';
import { neighbour } from '../../renderer/coding/coding-order';

function code(key: string, kind: Code['kind'], sortOrder: number, parentId: string | null = null): Code {
  return { id: `id-${key}`, key, parentId, kind, name: key, definition: '', color: '#883136', sortOrder };
}

describe('cijferreeksen in het codepalet', () => {
  const items = paletteItems([
    code('contact', 'norm', 0),
    code('contact.start', 'subcode', 0, 'id-contact'),
    code('contact.alleen', 'subcode', 1, 'id-contact'),
    code('hulp', 'norm', 1),
    code('gevolgen', 'context', 0),
  ]);

  it('geeft norm en subcodes hun cijfers', () => {
    expect(items.map((item) => [item.code.key, item.digits])).toEqual([
      ['contact', '1'],
      ['contact.start', '11'],
      ['contact.alleen', '12'],
      ['hulp', '2'],
      ['gevolgen', '3'],
    ]);
  });

  it('wacht na een norm met subcodes en kiest direct waar niets meer kan volgen', () => {
    expect(resolveDigits(items, '1')).toMatchObject({ item: { code: { key: 'contact' } }, complete: false });
    expect(resolveDigits(items, '12')).toMatchObject({ item: { code: { key: 'contact.alleen' } }, complete: true });
    expect(resolveDigits(items, '2')).toMatchObject({ item: { code: { key: 'hulp' } }, complete: true });
    expect(resolveDigits(items, '13').item).toBeUndefined();
    expect(resolveDigits(items, '9').item).toBeUndefined();
  });
});

describe('volgende en vorige codering', () => {
  const at = (id: string, start: number) => ({ id, start, end: start + 5 }) as Coding;
  const ordered = [at('a', 0), at('b', 10), at('c', 20)];

  it('begint bij de eerste of de laatste en blijft aan de randen staan', () => {
    expect(neighbour(ordered, null, 1)?.id).toBe('a');
    expect(neighbour(ordered, null, -1)?.id).toBe('c');
    expect(neighbour(ordered, 'a', 1)?.id).toBe('b');
    expect(neighbour(ordered, 'b', -1)?.id).toBe('a');
    expect(neighbour(ordered, 'c', 1)?.id).toBe('c');
    expect(neighbour(ordered, 'a', -1)?.id).toBe('a');
    expect(neighbour([], null, 1)).toBeUndefined();
  });
});
