/**
 * `veldwerk survey …` as a user runs it (the built CLI in a child process):
 * import with the proposed mapping and with a mapping file, the JSON shapes of
 * the issue (unrounded, small groups with "suppressed": true and nulls), and
 * the readable Dutch tables.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { H, writeKnownSurvey } from '../fixtures/make-survey';
import { veldwerk } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-survey-cli-');
const study = join(dir, 'ronde.veldwerk');
let files: Awaited<ReturnType<typeof writeKnownSurvey>>;

beforeAll(async () => {
  files = await writeKnownSurvey(dir);
  const init = veldwerk(['init', study, '--name', 'Ronde CLI']);
  expect(init.code, init.stderr).toBe(0);
});

const json = (args: string[]) => {
  const result = veldwerk(['survey', 'table', study, ...args, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
};

describe('veldwerk survey', () => {
  it('imports with the proposed mapping and prints it', () => {
    const result = veldwerk(['survey', 'import', study, files.csvSemicolonBom, '--name', 'Vragenlijst ronde 2026']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Voorgestelde koppeling');
    expect(result.stdout).toContain('Rapportcijfer (1-10)');
    // `init` makes a study without institutions: the names in the export become new institutions.
    expect(result.stdout).toContain('Nieuwe instelling toegevoegd: Jeugdbescherming West');
    expect(result.stdout).toContain('Nieuwe instelling toegevoegd: gi zuid');
    expect(result.stdout).toContain('Vragenlijst "Vragenlijst ronde 2026" geïmporteerd: 40 respondenten.');
  });

  it('prints a distribution in the issue\'s JSON shape, unrounded', () => {
    expect(json(['--question', H.explained])).toEqual({
      question: H.explained,
      n: 38,
      answers: [
        { answer: 'Ja', n: 18, pct: (18 / 38) * 100 },
        { answer: 'Een beetje', n: 9, pct: (9 / 38) * 100 },
        { answer: 'Nee', n: 7, pct: (7 / 38) * 100 },
        { answer: 'Weet ik niet', n: 4, pct: (4 / 38) * 100 },
      ],
    });
  });

  it('prints groups with --by, small groups suppressed', () => {
    const split = json(['--question', H.opinion, '--by', H.institution]);
    expect(split).toEqual({
      groups: [
        {
          group: 'GI Noord',
          n: 20,
          answers: [
            { answer: 'Ja, altijd', n: 8, pct: 40 },
            { answer: 'Ja, vaak', n: 12, pct: 60 },
            { answer: 'Ja, soms', n: 0, pct: 0 },
            { answer: 'Nee', n: 0, pct: 0 },
          ],
        },
        {
          group: 'gi zuid',
          n: 9,
          answers: [
            { answer: 'Ja, altijd', n: null, pct: null },
            { answer: 'Ja, vaak', n: null, pct: null },
            { answer: 'Ja, soms', n: null, pct: null },
            { answer: 'Nee', n: null, pct: null },
          ],
          suppressed: true,
        },
        {
          group: 'Jeugdbescherming West',
          n: 11,
          answers: [
            { answer: 'Ja, altijd', n: 0, pct: 0 },
            { answer: 'Ja, vaak', n: 0, pct: 0 },
            { answer: 'Ja, soms', n: 1, pct: (1 / 11) * 100 },
            { answer: 'Nee', n: 10, pct: (10 / 11) * 100 },
          ],
        },
      ],
    });
  });

  it('prints means per group with --mean (and one group without --by)', () => {
    expect(json(['--mean', H.mark, '--by', H.workers])).toEqual({
      groups: [
        { group: '1', n: 12, mean: 8 },
        { group: '2', n: 12, mean: 6.5 },
        { group: '3', n: 9, mean: null, suppressed: true },
        { group: '4', n: 3, mean: null, suppressed: true },
        { group: 'Meer dan 5', n: 3, mean: null, suppressed: true },
      ],
    });
    expect(json(['--question', H.mark, '--mean', H.mark])).toEqual({ groups: [{ group: 'Alle respondenten', n: 39, mean: 233 / 39 }] });
  });

  it('prints readable Dutch tables with decimal commas and "n < 10"', () => {
    const distribution = veldwerk(['survey', 'table', study, '--question', H.explained]);
    expect(distribution.code, distribution.stderr).toBe(0);
    expect(distribution.stdout).toMatch(/Ja\s+18\s+47,4%/);
    expect(distribution.stdout).toMatch(/Weet ik niet\s+4\s+10,5%/);
    expect(distribution.stdout).toContain('n = 38');
    expect(distribution.stdout).toContain('Geen antwoord: 2');
    const means = veldwerk(['survey', 'table', study, '--mean', H.mark, '--by', H.role]);
    expect(means.stdout).toMatch(/Jeugdige\s+25\s+7,2/);
    expect(means.stdout).toMatch(/Ouder\s+14\s+3,9/);
    const split = veldwerk(['survey', 'table', study, '--question', H.explained, '--by', H.institution]);
    expect(split.stdout).toContain('gi zuid: n < 10');
    expect(split.stdout).toMatch(/GI Noord \(n = 20\)\n\s+Ja\s+18\s+90,0%/);
  });

  it('re-imports with a mapping file, replacing the survey, and places a question under a norm', () => {
    const analysed = veldwerk(['survey', 'analyse', study, files.xlsx]);
    expect(analysed.code, analysed.stderr).toBe(0);
    const mapping = JSON.parse(analysed.stdout);
    expect(analysed.stderr).toContain('Alleen het eerste werkblad');
    // Leave out the opinion question and put the explained question under "participatie".
    mapping.columns = mapping.columns.map((column: { header: string; kind: string }) =>
      column.header === H.opinion ? { ...column, kind: 'ignore' } : column.header === H.explained ? { ...column, normKey: 'participatie' } : column,
    );
    const mapPath = join(dir, 'koppeling.json');
    writeFileSync(mapPath, JSON.stringify(mapping, null, 2));
    const result = veldwerk(['survey', 'import', study, files.xlsx, '--mapping', mapPath]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Vragenlijst "Vragenlijst ronde 2026" vervangen: 40 respondenten.');
    const list = veldwerk(['survey', 'list', study, '--json']);
    const parsed = JSON.parse(list.stdout);
    expect(parsed.surveys).toHaveLength(1);
    expect(parsed.surveys[0].columns.map((column: { header: string }) => column.header)).not.toContain(H.opinion);
    expect(parsed.surveys[0].columns.find((column: { header: string }) => column.header === H.explained).normKey).toBe('participatie');
    const norm = veldwerk(['survey', 'norm', study, '--question', H.mark, '--norm', 'contact']);
    expect(norm.code, norm.stderr).toBe(0);
    expect(norm.stdout).toContain('staat nu onder norm contact');
    expect(readFileSync(mapPath, 'utf8')).toContain('participatie');
  });

  it('gives clear errors: unknown question, hostile file, usage', () => {
    const unknown = veldwerk(['survey', 'table', study, '--question', 'Bestaat niet', '--json']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('heeft geen kolom "Bestaat niet"');
    const garbage = join(dir, 'rommel.csv');
    writeFileSync(garbage, Buffer.from([0, 1, 2, 3, 255, 254, 0, 7]));
    const refused = veldwerk(['survey', 'import', study, garbage]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('rommel.csv: Dit is geen CSV-bestand');
    const usage = veldwerk(['survey', 'table', study]);
    expect(usage.code).toBe(2);
    const threshold = veldwerk(['survey', 'min-group', study, '9']);
    expect(threshold.code, threshold.stderr).toBe(0);
    expect(json(['--mean', H.mark, '--by', H.workers]).groups[2]).toEqual({ group: '3', n: 9, mean: 41 / 9 });
  });
});
