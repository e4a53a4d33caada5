/** The widths of the coding view's resizable panes: limits, fitting a narrow window, keyboard steps, drags, stored values. */
import { describe, expect, it } from 'vitest';
import {
  BIG_STEP,
  clampWidth,
  fitPanes,
  INITIAL_WIDTHS,
  KEY_STEP,
  maxWidth,
  MIN_DOCUMENT,
  PANE_LIMITS,
  parseWidths,
  widthAfterDrag,
  widthAfterKey,
} from '../../renderer/app/pane-widths';
import { charsPerLineAt, DEFAULT_CHARS_PER_LINE, estimateChunkHeight, type DocChunk } from '../../renderer/document/layout';

const { sources, side } = PANE_LIMITS;

describe('clampWidth', () => {
  it('keeps a width within the pane’s limits, in whole pixels', () => {
    expect(clampWidth('sources', 350.6)).toBe(351);
    expect(clampWidth('sources', 10)).toBe(sources.min);
    expect(clampWidth('sources', 5000)).toBe(sources.max);
    expect(clampWidth('side', 0)).toBe(side.min);
    expect(clampWidth('side', 10_000)).toBe(side.max);
  });

  it('falls back to the initial width for a width that is not a number', () => {
    expect(clampWidth('sources', Number.NaN)).toBe(sources.initial);
    expect(clampWidth('side', Number.POSITIVE_INFINITY)).toBe(side.initial);
  });
});

describe('maxWidth', () => {
  it('leaves the document its room', () => {
    expect(maxWidth('sources', 370, 1200)).toBe(1200 - 370 - MIN_DOCUMENT);
    expect(maxWidth('side', 300, 1200)).toBe(1200 - 300 - MIN_DOCUMENT);
  });

  it('never goes below the minimum, and a row not laid out limits nothing', () => {
    expect(maxWidth('sources', 600, 900)).toBe(sources.min);
    expect(maxWidth('side', 300, 0)).toBe(side.max);
    expect(maxWidth('sources', 300, 4000)).toBe(sources.max);
  });
});

describe('fitPanes', () => {
  it('draws the wanted widths where they fit', () => {
    expect(fitPanes({ sources: 320, side: 400 }, 1400)).toEqual({ sources: 320, side: 400 });
    expect(fitPanes({ sources: 320, side: 400 }, 0)).toEqual({ sources: 320, side: 400 });
  });

  it('shrinks both panes in proportion to their room above the minimum when the window is narrow', () => {
    const wanted = { sources: sources.min + 100, side: side.min + 300 };
    const container = wanted.sources + wanted.side + MIN_DOCUMENT - 200;
    const drawn = fitPanes(wanted, container);
    expect(drawn.sources + drawn.side + MIN_DOCUMENT).toBe(container);
    expect(wanted.sources - drawn.sources).toBe(50);
    expect(wanted.side - drawn.side).toBe(150);
  });

  it('stops at the minimums, even if the document then has less room', () => {
    expect(fitPanes({ sources: 400, side: 500 }, 600)).toEqual({ sources: sources.min, side: side.min });
  });

  it('clamps stored widths outside the limits', () => {
    expect(fitPanes({ sources: 20, side: 5000 }, 4000)).toEqual({ sources: sources.min, side: side.max });
  });
});

describe('widthAfterKey', () => {
  it('moves the handle with the arrow keys: → widens the source list, ← the side panel', () => {
    expect(widthAfterKey('sources', 300, 'ArrowRight', false, 500)).toBe(300 + KEY_STEP);
    expect(widthAfterKey('sources', 300, 'ArrowLeft', false, 500)).toBe(300 - KEY_STEP);
    expect(widthAfterKey('side', 370, 'ArrowLeft', false, 500)).toBe(370 + KEY_STEP);
    expect(widthAfterKey('side', 370, 'ArrowRight', false, 500)).toBe(370 - KEY_STEP);
  });

  it('takes bigger steps with Shift', () => {
    expect(widthAfterKey('sources', 300, 'ArrowRight', true, 500)).toBe(300 + BIG_STEP);
    expect(widthAfterKey('side', 370, 'ArrowRight', true, 500)).toBe(370 - BIG_STEP);
  });

  it('stops at the minimum and at the largest width allowed now', () => {
    expect(widthAfterKey('sources', sources.min + 3, 'ArrowLeft', false, 500)).toBe(sources.min);
    expect(widthAfterKey('sources', 495, 'ArrowRight', false, 500)).toBe(500);
    expect(widthAfterKey('side', 495, 'ArrowLeft', true, 500)).toBe(500);
  });

  it('goes to the smallest and largest width with Home and End', () => {
    expect(widthAfterKey('sources', 300, 'Home', false, 480)).toBe(sources.min);
    expect(widthAfterKey('sources', 300, 'End', false, 480)).toBe(480);
    expect(widthAfterKey('side', 370, 'Home', false, 480)).toBe(side.min);
    expect(widthAfterKey('side', 370, 'End', false, 480)).toBe(480);
  });

  it('ignores other keys', () => {
    expect(widthAfterKey('sources', 300, 'ArrowUp', false, 500)).toBeNull();
    expect(widthAfterKey('side', 370, 'a', false, 500)).toBeNull();
  });
});

describe('widthAfterDrag', () => {
  it('follows the pointer: right widens the source list and narrows the side panel', () => {
    expect(widthAfterDrag('sources', 300, 300, 420, 600)).toBe(420);
    expect(widthAfterDrag('side', 370, 1030, 900, 600)).toBe(500);
    expect(widthAfterDrag('side', 370, 1030, 1080, 600)).toBe(320);
  });

  it('stops at the limits however far the pointer goes', () => {
    expect(widthAfterDrag('sources', 300, 300, -500, 600)).toBe(sources.min);
    expect(widthAfterDrag('sources', 300, 300, 2000, 480)).toBe(480);
    expect(widthAfterDrag('side', 370, 1030, 3000, 600)).toBe(side.min);
  });
});

describe('parseWidths', () => {
  it('reads stored widths back, clamped', () => {
    expect(parseWidths('{"sources":420,"side":500}')).toEqual({ sources: 420, side: 500 });
    expect(parseWidths('{"sources":1,"side":99999}')).toEqual({ sources: sources.min, side: side.max });
  });

  it('uses the initial widths for what is missing or malformed', () => {
    expect(parseWidths(null)).toEqual(INITIAL_WIDTHS);
    expect(parseWidths('not json')).toEqual(INITIAL_WIDTHS);
    expect(parseWidths('[1,2]')).toEqual(INITIAL_WIDTHS);
    expect(parseWidths('{"sources":"wide","side":400}')).toEqual({ sources: sources.initial, side: 400 });
  });
});

describe('chunk height estimate at a column width', () => {
  const chunk: DocChunk = { start: 0, pageMarker: null, firstLine: 0, lines: [{ start: 0, text: 'x'.repeat(180), headingLevel: 0 }] };

  it('counts more rows for the same text in a narrower column', () => {
    expect(charsPerLineAt(708)).toBe(DEFAULT_CHARS_PER_LINE);
    expect(charsPerLineAt(0)).toBe(DEFAULT_CHARS_PER_LINE);
    expect(charsPerLineAt(5)).toBe(20);
    expect(estimateChunkHeight(chunk, charsPerLineAt(708))).toBeLessThan(estimateChunkHeight(chunk, charsPerLineAt(330)));
  });
});
