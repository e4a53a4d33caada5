/** Dutch dates (dd-mm-jjjj) in and ISO out, including what users really type and what they must not. */
import { describe, expect, it } from 'vitest';
import { addDays, formatDutchDate, monthGrid, parseDutchDate } from '../../renderer/ui/dutch-date';

describe('Nederlandse datums', () => {
  it('lezen wat mensen typen', () => {
    expect(parseDutchDate('01-03-2026')).toBe('2026-03-01');
    expect(parseDutchDate('1-3-2026')).toBe('2026-03-01');
    expect(parseDutchDate(' 1/3/2026 ')).toBe('2026-03-01');
    expect(parseDutchDate('1.3.2026')).toBe('2026-03-01');
    expect(parseDutchDate('2026-03-01')).toBe('2026-03-01');
    expect(parseDutchDate('29-02-2028')).toBe('2028-02-29');
  });

  it('weigeren wat geen datum is', () => {
    for (const text of ['31-02-2026', '29-02-2026', '00-01-2026', '12-13-2026', '03/01/26', 'morgen', '', '1-3-0001', '2026-3-1x']) {
      expect(parseDutchDate(text), text).toBeNull();
    }
  });

  it('schrijven ISO als dd-mm-jjjj', () => {
    expect(formatDutchDate('2026-03-01')).toBe('01-03-2026');
    expect(formatDutchDate('')).toBe('');
    expect(formatDutchDate(null)).toBe('');
  });

  it('leggen een maand in weken vanaf maandag', () => {
    const march = monthGrid(2026, 3); // 1 March 2026 is a Sunday
    expect(march[0]).toEqual([null, null, null, null, null, null, 1]);
    expect(march.flat().filter((day) => day !== null)).toHaveLength(31);
    expect(march.every((week) => week.length === 7)).toBe(true);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});

describe('elk datumveld', () => {
  it('is het Nederlandse datumveld: geen eigen datumveld van de browser (dat toont mm/dd/yyyy)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files = readdirSync('renderer', { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.tsx'));
    expect(files.length).toBeGreaterThan(20);
    const native = files.filter((file) => /type=["']date["']/.test(readFileSync(join('renderer', file), 'utf8')));
    expect(native).toEqual([]);
  });
});
