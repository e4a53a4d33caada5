import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../shared/normalize-text';

describe('normalizeText', () => {
  it('turns \\r\\n and lone \\r into \\n', () => {
    expect(normalizeText('een\r\ntwee\rdrie\n')).toBe('een\ntwee\ndrie\n');
  });

  it('strips a leading byte-order mark and keeps one inside the text', () => {
    expect(normalizeText('\uFEFFbegin \uFEFFmidden')).toBe('begin \uFEFFmidden');
  });

  it('removes NUL and other C0 controls but keeps tab and line feed', () => {
    expect(normalizeText('a\u0000b\u0007c\td\u001Be\u000Bf\u000Cg\nh')).toBe('abc\tdefg\nh');
  });

  it('composes to NFC, also when a control separated letter and accent', () => {
    expect(normalizeText('Noe\u0308lle')).toBe('Noëlle');
    expect(normalizeText('nai\u0000\u0308ef')).toBe('naïef');
  });

  it('trims trailing whitespace of every line and keeps leading indentation', () => {
    expect(normalizeText('  inspring  \nregel\t \u00A0\nslot   ')).toBe('  inspring\nregel\nslot');
  });

  it('handles a long run of spaces inside a line in linear time', () => {
    const line = `${' '.repeat(1_000_000)}x`;
    const started = Date.now();
    expect(normalizeText(line)).toBe(line);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
