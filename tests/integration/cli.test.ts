import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { veldwerk } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';

const dir = tempDir();
const study = join(dir, 'ronde.veldwerk');

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('veldwerk CLI', () => {
  it('creates a study, imports files (creating the institution), searches and counts', () => {
    const init = veldwerk(['init', study, '--name', 'Ronde 2026', '--inspector', 'Ina Smit', '--initials', 'INS']);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);

    const first = write('gesprek-ouders.txt', 'Inspecteur: Hoe gaat het?\nOuder: De Ouders zijn goed geïnformeerd over het plan van aanpak.\n');
    const second = write('dossier.txt', 'Journaal\n12-03-2026 Huisbezoek. Veiligheid besproken met moeder.\n');
    const imported = veldwerk(['import', study, first, second, '--institution', 'GI Oost', '--type', 'interview', '--role', 'ouder']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Nieuwe instelling toegevoegd: GI Oost');
    expect(imported.stdout).toContain('2 van 2 bestanden geïmporteerd');

    const again = veldwerk(['import', study, first, '--institution', 'gi oost', '--type', 'interview']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/al geïmporteerd/);
    expect(again.stdout).toContain('0 van 1 bestanden geïmporteerd');

    const hits = JSON.parse(veldwerk(['search', study, 'geinformeerd', '--json']).stdout) as Array<Record<string, unknown>>;
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ title: 'gesprek-ouders', page: null });
    expect(Object.keys(hits[0]!).sort()).toEqual(['end', 'page', 'snippet', 'sourceId', 'start', 'title']);
    const ouders = JSON.parse(veldwerk(['search', study, 'ouders', '--json']).stdout) as Array<{ snippet: string }>;
    expect(ouders[0]!.snippet).toContain('Ouders');

    const stats = JSON.parse(veldwerk(['stats', study, '--json']).stdout);
    expect(stats.institutions).toEqual(['GI Oost']);
    expect(stats.sources).toEqual({ total: 2, byType: { interview: 2 }, byRole: { ouder: 2 }, byInstitution: { 'GI Oost': 2 } });
    expect(stats.codings).toEqual({ total: 0, byNorm: {}, byInstitution: {}, byValence: {} });
    expect(stats.judgments).toEqual([]);
    expect(stats.fileReview.every((row: { answered: number }) => row.answered === 0)).toBe(true);
  });

  it('auto-codes the hits of a search with a norm, valence and coder, and stats count them', () => {
    const made = veldwerk(['autocode', study, 'geinformeerd', '--norm', 'participatie', '--valence', 'negatief', '--coder', 'INS']);
    expect(made.stderr).toBe('');
    expect(made.stdout).toContain('1 codering gemaakt');
    const again = veldwerk(['autocode', study, 'geinformeerd', '--norm', 'participatie']);
    expect(again.stdout).toContain('0 coderingen gemaakt');
    const stats = JSON.parse(veldwerk(['stats', study, '--json']).stdout);
    expect(stats.codings).toEqual({ total: 1, byNorm: { participatie: 1 }, byInstitution: { 'GI Oost': 1 }, byValence: { negatief: 1 } });
    expect(veldwerk(['autocode', study, 'x', '--norm', 'bestaat-niet']).code).toBe(1);
    expect(veldwerk(['autocode', study, 'x']).code).toBe(2);
  });

  it('exits 2 with usage on wrong usage and 1 with a Dutch message on bad input', () => {
    expect(veldwerk([]).code).toBe(2);
    expect(veldwerk(['vliegen']).code).toBe(2);
    const missingFlag = veldwerk(['import', study, 'x.txt']);
    expect(missingFlag.code).toBe(2);
    expect(missingFlag.stderr).toContain('--institution en --type zijn verplicht');

    const badType = veldwerk(['import', study, write('a.txt', 'tekst'), '--institution', 'GI Oost', '--type', 'roman']);
    expect(badType.code).toBe(1);
    expect(badType.stderr).toMatch(/Ongeldige invoer/);

    const noStudy = veldwerk(['stats', join(dir, 'bestaat-niet.veldwerk'), '--json']);
    expect(noStudy.code).toBe(1);
    expect(noStudy.stderr).toContain('bestaat niet');

    const notAStudy = veldwerk(['stats', write('nep.veldwerk', 'dit is geen database'), '--json']);
    expect(notAStudy.code).toBe(1);
    expect(notAStudy.stderr).toMatch(/geen Veldwerk-onderzoeksbestand/);
  });

  it('rejects a broken file with its name and reason while the rest of the batch imports', () => {
    const good = write('goed.txt', 'Een gewoon verslag over betekenisvol contact.');
    const empty = write('leeg.txt', '');
    const fake = write('nep.docx', 'Ik ben geen Word-document.');
    const result = veldwerk(['import', study, good, empty, fake, '--institution', 'GI Oost', '--type', 'overig']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('leeg.txt: ');
    expect(result.stderr).toContain('nep.docx: ');
    expect(result.stdout).toContain('1 van 3 bestanden geïmporteerd');
    const stats = JSON.parse(veldwerk(['stats', study, '--json']).stdout);
    expect(stats.sources.byType.overig).toBe(1);
  });
});
