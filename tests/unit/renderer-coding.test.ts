// The pure helpers of the coding workbench: from DOM boundary points to
// source offsets (over a fake node tree), the per-line index of codings with
// its incremental updates, margin-stripe lanes, line segmentation, and the
// code palette's order, numbers and filter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Code, Coding } from '../../shared/api/types';
import {
  assignLanes,
  buildIndex,
  lineRange,
  putCoding,
  removeCoding,
  segmentLine,
  type CodingIndex,
  type IndexLine,
} from '../../renderer/coding/coding-index';
import { ELEMENT_NODE, TEXT_NODE, textOffsetWithin, trimSpan, type NodeLike } from '../../renderer/coding/offsets';
import { filterItems, fold, itemForDigit, paletteItems } from '../../renderer/coding/palette-items';
import { layoutDocument } from '../../renderer/document/layout';

// ---------------------------------------------------------------- fake DOM

interface FakeNode extends NodeLike {
  childNodes: FakeNode[];
  parentNode: FakeNode | null;
}

function text(value: string): FakeNode {
  return { nodeType: TEXT_NODE, nodeValue: value, childNodes: [], parentNode: null };
}

function element(...children: FakeNode[]): FakeNode {
  const node: FakeNode = { nodeType: ELEMENT_NODE, nodeValue: null, childNodes: children, parentNode: null };
  for (const child of children) child.parentNode = node;
  return node;
}

describe('textOffsetWithin', () => {
  // <p>Moeder <span>zegt <span>dat</span></span> het goed gaat<span class="stripes"><span/></span></p>
  const before = text('Moeder ');
  const zegt = text('zegt ');
  const dat = text('dat');
  const inner = element(dat);
  const outer = element(zegt, inner);
  const after = text(' het goed gaat');
  const stripe = element();
  const stripes = element(stripe);
  const line = element(before, outer, after, stripes);
  const full = 'Moeder zegt dat het goed gaat';

  it('counts characters in earlier text nodes, through nested highlights', () => {
    expect(textOffsetWithin(line, before, 3)).toBe(3);
    expect(textOffsetWithin(line, zegt, 0)).toBe(7);
    expect(textOffsetWithin(line, dat, 2)).toBe(14);
    expect(textOffsetWithin(line, after, 4)).toBe(19);
    expect(full.slice(textOffsetWithin(line, zegt, 0)!, textOffsetWithin(line, after, 0)!)).toBe('zegt dat');
  });

  it('reads element boundary points as child counts', () => {
    expect(textOffsetWithin(line, line, 0)).toBe(0);
    expect(textOffsetWithin(line, line, 1)).toBe(7);
    expect(textOffsetWithin(line, line, 2)).toBe(15);
    expect(textOffsetWithin(line, outer, 1)).toBe(12);
    // Decorations without text add nothing: after the stripes is the end of the line.
    expect(textOffsetWithin(line, line, 4)).toBe(full.length);
    expect(textOffsetWithin(line, stripes, 1)).toBe(full.length);
  });

  it('clamps offsets and refuses points outside the root', () => {
    expect(textOffsetWithin(line, dat, 99)).toBe(15);
    expect(textOffsetWithin(line, line, 99)).toBe(full.length);
    expect(textOffsetWithin(line, text('elders'), 0)).toBeNull();
  });

  it('gives the same offset however the line is split into highlight pieces (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60 }), fc.array(fc.nat(), { maxLength: 6 }), fc.nat(), (value, rawCuts, rawPoint) => {
        const cuts = [...new Set(rawCuts.map((cut) => cut % (value.length + 1)))].sort((a, b) => a - b);
        const bounds = [0, ...cuts.filter((cut) => cut > 0 && cut < value.length), value.length];
        const pieces: FakeNode[] = [];
        for (let index = 0; index + 1 < bounds.length; index++) {
          const node = text(value.slice(bounds[index], bounds[index + 1]));
          pieces.push(index % 2 === 0 ? node : element(element(node)));
        }
        const root = element(...pieces);
        const point = rawPoint % (value.length + 1);
        // Find the text node holding `point` and the offset within it.
        let seen = 0;
        const texts: FakeNode[] = [];
        const collect = (node: FakeNode) => (node.nodeType === TEXT_NODE ? texts.push(node) : node.childNodes.forEach(collect));
        collect(root);
        for (const node of texts) {
          const length = node.nodeValue!.length;
          if (point <= seen + length) {
            expect(textOffsetWithin(root, node, point - seen)).toBe(point);
            return;
          }
          seen += length;
        }
      }),
    );
  });
});

describe('trimSpan', () => {
  const source = 'Vader zegt:  "het gaat goed".\n\nDaarna 😀 stilte.';
  it('drops white space and line ends at both ends', () => {
    expect(trimSpan(source, 5, 12)).toEqual({ start: 6, end: 11 });
    expect(trimSpan(source, 13, 31)).toEqual({ start: 13, end: 29 });
  });
  it('returns null for white space only and orders reversed offsets', () => {
    expect(trimSpan(source, 29, 31)).toBeNull();
    expect(trimSpan(source, 11, 6)).toEqual({ start: 6, end: 11 });
  });
  it('never splits a surrogate pair', () => {
    const emoji = source.indexOf('😀');
    expect(trimSpan(source, emoji + 1, emoji + 8)).toEqual({ start: emoji, end: emoji + 8 });
    expect(trimSpan(source, emoji - 7, emoji + 1)).toEqual({ start: emoji - 7, end: emoji + 2 });
  });
});

// ---------------------------------------------------------------- index

const SOURCE = ['Eerste regel over contact.', '', 'Tweede regel over veiligheid en hulp.', 'Derde regel.', 'Vierde regel, de laatste.'].join('\n');
const LINES: IndexLine[] = layoutDocument({ text: SOURCE, pageStarts: null, headings: [] }).lines;

let idCounter = 0;
function coding(start: number, end: number, id = `c${++idCounter}`): Coding {
  return {
    id,
    sourceId: 's',
    codeId: 'code',
    start,
    end,
    valence: 'neutraal',
    note: '',
    quotable: false,
    coderId: 'me',
    createdAt: '2026-03-01T10:00:00.000Z',
  };
}

const at = (phrase: string) => {
  const start = SOURCE.indexOf(phrase);
  if (start < 0) throw new Error(phrase);
  return [start, start + phrase.length] as const;
};

/** The ids per line, for readable expectations. */
const idsPerLine = (index: CodingIndex) => LINES.map((_, line) => (index.byLine[line] ?? []).map((piece) => piece.coding.id));

describe('the per-line index', () => {
  it('splits a coding over the lines it covers, empty lines included', () => {
    const across = coding(...at('contact.\n\nTweede'), 'across');
    const index = buildIndex(LINES, [across]);
    expect(idsPerLine(index)).toEqual([['across'], ['across'], ['across'], [], []]);
    const [first, gap, last] = [0, 1, 2].map((line) => index.byLine[line]![0]!);
    expect(LINES[0]!.text.slice(first!.from, first!.to)).toBe('contact.');
    expect([first!.first, first!.last]).toEqual([true, false]);
    expect([gap!.from, gap!.to, gap!.first, gap!.last]).toEqual([0, 0, false, false]);
    expect(LINES[2]!.text.slice(last!.from, last!.to)).toBe('Tweede');
    expect([last!.first, last!.last]).toEqual([false, true]);
  });

  it('keeps a span that ends at a line end off the next line', () => {
    const [start] = at('Derde regel.');
    expect(lineRange(LINES, { start, end: start + 'Derde regel.'.length })).toEqual([3, 3]);
    expect(lineRange(LINES, { start, end: start + 'Derde regel.'.length + 1 })).toEqual([3, 3]);
    expect(lineRange(LINES, { start, end: start + 'Derde regel.'.length + 2 })).toEqual([3, 4]);
  });

  it('adds, changes and removes a coding touching only the lines involved', () => {
    const base = buildIndex(LINES, [coding(...at('Eerste'), 'a'), coding(...at('Vierde'), 'b')]);
    const added = putCoding(LINES, base, coding(...at('veiligheid'), 'n'));
    expect(idsPerLine(added)).toEqual([['a'], [], ['n'], [], ['b']]);
    // Untouched lines keep their very arrays: memoised lines do not re-render.
    expect(added.byLine[0]).toBe(base.byLine[0]);
    expect(added.byLine[4]).toBe(base.byLine[4]);
    expect(added.byLine[2]).not.toBe(base.byLine[2]);

    const moved = putCoding(LINES, added, coding(...at('Derde'), 'n'), coding(...at('veiligheid'), 'n'));
    expect(idsPerLine(moved)).toEqual([['a'], [], [], ['n'], ['b']]);
    expect(moved.byLine[2]).toBeUndefined();
    expect(moved.byLine[0]).toBe(base.byLine[0]);

    const removed = removeCoding(LINES, moved, coding(...at('Derde'), 'n'));
    expect(idsPerLine(removed)).toEqual([['a'], [], [], [], ['b']]);
    expect(removed.lanes.has('n')).toBe(false);
    expect(removeCoding(LINES, removed, coding(0, 1, 'unknown'))).toBe(removed);
  });

  it('orders pieces on a line outer first: earlier start, then longer', () => {
    const index = buildIndex(LINES, [
      coding(...at('regel over veiligheid'), 'inner'),
      coding(...at('Tweede regel over veiligheid en hulp.'), 'outer'),
      coding(...at('veiligheid en hulp'), 'late'),
    ]);
    expect(index.byLine[2]!.map((piece) => piece.coding.id)).toEqual(['outer', 'inner', 'late']);
  });

  it('matches a fresh build after any sequence of incremental changes (property)', () => {
    const span = fc
      .tuple(fc.nat({ max: SOURCE.length - 1 }), fc.integer({ min: 1, max: 40 }))
      .map(([start, length]) => [start, Math.min(SOURCE.length, start + length)] as const);
    const action = fc.oneof(
      fc.record({ kind: fc.constant('put' as const), id: fc.integer({ min: 0, max: 5 }), span }),
      fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 0, max: 5 }) }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 25 }), (actions) => {
        let index = buildIndex(LINES, []);
        const live = new Map<string, Coding>();
        for (const step of actions) {
          const id = `x${step.id}`;
          if (step.kind === 'put') {
            const next = coding(step.span[0], step.span[1], id);
            index = putCoding(LINES, index, next, live.get(id));
            live.set(id, next);
          } else if (live.has(id)) {
            index = removeCoding(LINES, index, live.get(id)!);
            live.delete(id);
          }
        }
        const fresh = buildIndex(LINES, [...live.values()]);
        const sorted = (ids: string[][]) => ids.map((line) => [...line].sort());
        expect(sorted(idsPerLine(index))).toEqual(sorted(idsPerLine(fresh)));
        // Lanes stay apart wherever two codings share a line.
        for (const pieces of index.byLine) {
          const lanes = (pieces ?? []).map((piece) => piece.lane);
          expect(new Set(lanes).size).toBe(lanes.length);
        }
      }),
    );
  });
});

describe('margin-stripe lanes', () => {
  it('reuses a lane once the coding in it has ended, and stacks overlapping ones', () => {
    const lanes = assignLanes(LINES, [
      coding(...at('Eerste regel'), 'one'),
      coding(...at('contact.\n\nTweede'), 'two'),
      coding(...at('Derde'), 'three'),
      coding(...at('hulp.\nDerde regel.\nVierde'), 'four'),
    ]);
    // In text order: "four" starts (line 2) before "three" (line 3) and takes lane 0, freed by "one".
    expect(Object.fromEntries(lanes)).toEqual({ one: 0, two: 1, four: 0, three: 1 });
  });

  it('keeps existing lanes when a coding is added in between', () => {
    const base = buildIndex(LINES, [coding(...at('Eerste'), 'a'), coding(...at('regel over contact'), 'b')]);
    expect([base.lanes.get('a'), base.lanes.get('b')]).toEqual([0, 1]);
    const added = putCoding(LINES, base, coding(...at('Eerste regel over contact.'), 'c'));
    expect([added.lanes.get('a'), added.lanes.get('b'), added.lanes.get('c')]).toEqual([0, 1, 2]);
    expect(added.laneCount).toBe(3);
    // A moved coding keeps its lane while that lane is free on its new lines.
    const moved = putCoding(LINES, added, coding(...at('Vierde'), 'b'), coding(...at('regel over contact'), 'b'));
    expect(moved.lanes.get('b')).toBe(1);
  });
});

describe('segmentLine', () => {
  it('cuts a line into runs with the codings over each, covering the whole line', () => {
    const line = LINES[2]!;
    const index = buildIndex(LINES, [coding(...at('Tweede regel over'), 'p'), coding(...at('over veiligheid'), 'q')]);
    const segments = segmentLine(line.text.length, index.byLine[2]!, [line.text.indexOf('hulp')]);
    expect(segments.map((segment) => [line.text.slice(segment.from, segment.to), segment.pieces.map((piece) => piece.coding.id)])).toEqual([
      ['Tweede regel ', ['p']],
      ['over', ['p', 'q']],
      [' veiligheid', ['q']],
      [' en ', []],
      ['hulp.', []],
    ]);
    expect(segments.map((segment) => line.text.slice(segment.from, segment.to)).join('')).toBe(line.text);
  });

  it('draws no text runs for a line the coding only passes', () => {
    const index = buildIndex(LINES, [coding(...at('contact.\n\nTweede'), 'x')]);
    expect(segmentLine(0, index.byLine[1]!)).toEqual([]);
  });
});

// ---------------------------------------------------------------- palette

function code(key: string, name: string, kind: Code['kind'], sortOrder: number, parentId: string | null = null): Code {
  return { id: `id-${key}`, key, parentId, kind, name, definition: '', color: '#336699', sortOrder };
}

describe('the code palette items', () => {
  const codes = [
    code('gevolgen', 'Gevolgen voor jeugdigen', 'context', 0),
    code('contact', 'Betekenisvol contact', 'norm', 1),
    code('contact.start', 'Eerste contact binnen 5 dagen', 'subcode', 1, 'id-contact'),
    code('contact.alleen', 'Eén-op-één met de jeugdige', 'subcode', 0, 'id-contact'),
    code('hulp', 'Tijdige inzet van passende hulp', 'norm', 2),
    ...Array.from({ length: 8 }, (_, index) => code(`extra${index}`, `Extra norm ${index}`, 'norm', 10 + index)),
  ];
  const items = paletteItems(codes);

  it('lists norms with their sub-codes, then context codes, numbering the first nine top-level codes', () => {
    expect(items.slice(0, 5).map((item) => [item.code.key, item.depth, item.number])).toEqual([
      ['contact', 0, 1],
      ['contact.alleen', 1, null],
      ['contact.start', 1, null],
      ['hulp', 0, 2],
      ['extra0', 0, 3],
    ]);
    expect(items.at(-1)!.code.key).toBe('gevolgen');
    expect(items.filter((item) => item.number !== null).map((item) => item.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(itemForDigit(items, 2)?.code.key).toBe('hulp');
    expect(itemForDigit(items, 0)).toBeUndefined();
  });

  it('filters on every typed word, ignoring case and diacritics', () => {
    expect(fold('Eén-op-één')).toBe('een-op-een');
    expect(filterItems(items, 'een op').map((item) => item.code.key)).toEqual(['contact.alleen']);
    expect(filterItems(items, 'CONTACT').map((item) => item.code.key)).toEqual(['contact', 'contact.alleen', 'contact.start']);
    expect(filterItems(items, '  ')).toHaveLength(items.length);
    expect(filterItems(items, 'bestaat niet')).toEqual([]);
  });
});
