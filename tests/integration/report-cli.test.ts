/** `veldwerk report` as a user runs it (the built CLI, in a child process), on the demo study. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { veldwerk } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-report-cli-');
const study = join(dir, 'demo.veldwerk');

beforeAll(() => {
  const init = veldwerk(['init', study, '--demo']);
  expect(init.code, init.stderr).toBe(0);
}, 120_000);

describe('veldwerk report', () => {
  it('writes the draft of one institution', () => {
    const out = join(dir, 'hunzedal.docx');
    const result = veldwerk(['report', study, '--institution', 'stichting jeugdbescherming hunzedal', '--out', out, '--fast', '--appendix']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Rapport geschreven: ${out}`);
    // 13: with the chapter on the demo's questionnaire and the closing 'Wat nodig is'.
    expect(result.stdout).toMatch(/13 hoofdstukken, \d+ citaten, \d+ figuren, \d+ tabellen/);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  }, 120_000);

  it('writes every institution and the overarching draft with --all', () => {
    const outDir = join(dir, 'alle');
    const names = join(dir, 'namen.txt');
    writeFileSync(names, '# namen die nooit in een rapport mogen\nRianne\n');
    const result = veldwerk(['report', study, '--all', '--out-dir', outDir, '--fast', '--no-memos', '--min-quotes', '2', '--names-file', names]);
    expect(result.code, result.stderr).toBe(0);
    const files = readdirSync(outDir).sort();
    expect(files).toHaveLength(4);
    expect(files.filter((file) => file.startsWith('Rapport overkoepelend'))).toHaveLength(1);
    expect(result.stdout).not.toContain('Rianne');
  }, 180_000);

  it('prints the outline as JSON without writing', () => {
    const result = veldwerk(['report', study, '--overall', '--outline', '--json', '--chapters', 'samenvatting,norm:contact']);
    expect(result.code, result.stderr).toBe(0);
    const outline = JSON.parse(result.stdout) as { kind: string; chapters: Array<{ key: string }> };
    expect(outline.kind).toBe('overkoepelend');
    expect(outline.chapters.map((chapter) => chapter.key)).toEqual(['samenvatting', 'norm:contact']);
  }, 60_000);

  it('says which quotable fragments the minimum hides, and keeps them with --keep-quotes', () => {
    type Outline = { totals: { quotes: number }; quotesBelowMinimum: Array<{ quotable: number; kept: boolean }> };
    const outline = (extra: string[]) => {
      const result = veldwerk(['report', study, '--overall', '--outline', '--json', '--chapters', 'norm:contact', '--min-quotes', '1000', ...extra]);
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as Outline;
    };
    const applied = outline([]);
    expect(applied.totals.quotes).toBe(0);
    expect(applied.quotesBelowMinimum.length).toBeGreaterThan(0);
    expect(applied.quotesBelowMinimum.every((entry) => !entry.kept && entry.quotable > 0)).toBe(true);
    const kept = outline(['--keep-quotes']);
    expect(kept.totals.quotes).toBeGreaterThan(0);
    expect(kept.quotesBelowMinimum.every((entry) => entry.kept)).toBe(true);
    const text = veldwerk(['report', study, '--overall', '--outline', '--chapters', 'norm:contact', '--min-quotes', '1000']);
    expect(text.stdout).toMatch(/Citeerbare fragmenten verborgen door het minimum aantal coderingen: \d+ \(gebruik ze met --keep-quotes\)/);
  }, 60_000);

  it('writes the default template to start a house style from', () => {
    const out = join(dir, 'sjabloon.docx');
    const result = veldwerk(['report', '--write-template', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
  }, 60_000);

  it('exits 2 on wrong usage and 1 on bad input, in Dutch', () => {
    const usage = veldwerk(['report', study, '--overall']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--out');
    const both = veldwerk(['report', study, '--overall', '--all', '--out-dir', dir]);
    expect(both.code).toBe(2);
    const unknown = veldwerk(['report', study, '--institution', 'GI Nergens', '--out', join(dir, 'x.docx')]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Er is geen instelling "GI Nergens"');
    const chapter = veldwerk(['report', study, '--overall', '--outline', '--chapters', 'colofon']);
    expect(chapter.code).toBe(2);
    expect(chapter.stderr).toContain('Onbekend hoofdstuk "colofon"');
  }, 60_000);
});
