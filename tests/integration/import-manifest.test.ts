/**
 * `veldwerk import <studie> --manifest bestanden.csv`: many files, each with
 * its own institution, type, role, measure, date and title, as a CSV that
 * Excel saves (semicolons, Windows-1252); a manifest with one bad row is
 * refused whole, naming the row, and nothing is imported.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDocx, makePdf } from '../fixtures/make-files';
import { veldwerk } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-manifest-');
const study = join(dir, 'ronde.veldwerk');

beforeAll(async () => {
  expect(veldwerk(['init', study, '--name', 'Manifest']).code).toBe(0);
  mkdirSync(join(dir, 'dossier', 'gesprekken'), { recursive: true });
  writeFileSync(join(dir, 'dossier', 'gesprekken', 'moeder.docx'), await makeDocx([{ text: 'Gesprek met de moeder over het plan van aanpak.' }]));
  writeFileSync(join(dir, 'dossier', 'beleid.pdf'), await makePdf([['Werkinstructie contact binnen vijf dagen.']]));
  writeFileSync(join(dir, 'dossier', 'notitie.txt'), 'Notitie van een fictief huisbezoek.');
});

const sourceCount = () => (JSON.parse(veldwerk(['stats', study, '--json']).stdout) as { sources: { total: number } }).sources.total;

describe('import with a manifest', () => {
  it('refuses a manifest with a bad row whole, naming the row', () => {
    const manifest = join(dir, 'dossier', 'fout.csv');
    writeFileSync(manifest, 'bestand;instelling;type\ngesprekken/moeder.docx;GI Noord;interview\nnotitie.txt;GI Noord;praatje\n');
    const result = veldwerk(['import', study, '--manifest', manifest]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('rij 3: type "praatje" bestaat niet');
    expect(result.stderr).toContain('Er is niets geïmporteerd');
    const missing = join(dir, 'dossier', 'ontbreekt.csv');
    writeFileSync(missing, 'bestand;instelling;type\nweg.pdf;GI Noord;overig\n');
    expect(veldwerk(['import', study, '--manifest', missing]).stderr).toContain('rij 2: het bestand "weg.pdf" bestaat niet');
    expect(sourceCount()).toBe(0);
  });

  it('imports every file with its own details, from an Excel CSV in Windows-1252', () => {
    const manifest = join(dir, 'dossier', 'bestanden.csv');
    const text =
      'Bestand;Instelling;Type;Rol;Maatregel;Datum;Titel\r\n' +
      'gesprekken/moeder.docx;GI Noord;interview;ouder;ots;2026-03-05;Gesprek met moeder (café)\r\n' +
      'beleid.pdf;GI Zuid;beleidsdocument;;;;\r\n' +
      'notitie.txt;GI Noord;overig;;voogdij;;\r\n';
    writeFileSync(manifest, Buffer.from(text, 'latin1'));
    const result = veldwerk(['import', study, '--manifest', manifest]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('geïmporteerd: moeder.docx → "Gesprek met moeder (café)"');
    expect(result.stdout).toContain('geïmporteerd: beleid.pdf');
    expect(result.stdout).toContain('Nieuwe instelling toegevoegd: GI Zuid');
    expect(sourceCount()).toBe(3);
  });
});
