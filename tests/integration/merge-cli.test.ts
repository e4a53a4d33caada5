/** The team-merge commands of the built `veldwerk` CLI, end to end. */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_MESSAGES } from '../../backend/merge/bundle-format';
import { createStudy } from '../../backend/study/setup';
import { veldwerk } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';
import { TEAM_SETUP } from '../property/merge-kit';

const dir = tempDir('veldwerk-merge-cli-');
const env = { VELDWERK_BUNDLE_SCRYPT_LOG_N: '10' };
const run = (args: string[]) => veldwerk(args, env);

describe('veldwerk copy / bundle / agreement', () => {
  const lead = join(dir, 'ronde.veldwerk');
  const anna = join(dir, 'anna.veldwerk');
  const passphraseFile = join(dir, 'wachtwoord.txt');
  const bundle = join(dir, 'anna.vwbundle');

  beforeAll(() => {
    createStudy(lead, TEAM_SETUP).close();
    writeFileSync(passphraseFile, 'correct paard batterij nietje\n');
    const source = join(dir, 'gesprek.txt');
    writeFileSync(source, 'Ouder: de jeugdbeschermer kwam pas na drie weken. Het plan van aanpak kenden we niet.\n');
    expect(run(['import', lead, source, '--institution', 'GI Noord', '--type', 'interview', '--role', 'ouder']).code).toBe(0);
  });

  it('copies a study for an inspector', () => {
    const copied = run(['copy', lead, anna, '--inspector', 'aa']);
    expect(copied.stderr).toBe('');
    expect(copied.code).toBe(0);
    expect(copied.stdout).toContain('Kopie voor Anna Aarts gemaakt');
    expect(existsSync(anna)).toBe(true);
    expect(run(['copy', lead, join(dir, 'x.veldwerk'), '--inspector', 'ZZ'])).toMatchObject({ code: 1 });
    expect(run(['copy', lead, join(dir, 'x.veldwerk')])).toMatchObject({ code: 2 });
  });

  it('exports a bundle, previews it (text and JSON), applies it, refuses it the second time', () => {
    expect(run(['autocode', anna, 'drie weken', '--norm', 'contact', '--coder', 'AA']).stdout).toContain('1 codering gemaakt');
    expect(run(['autocode', lead, 'drie weken', '--norm', 'contact', '--coder', 'BB']).stdout).toContain('1 codering gemaakt');

    const exported = run(['bundle', 'export', anna, '--out', bundle, '--passphrase-file', passphraseFile]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/Bundel geschreven: .*anna\.vwbundle \(\d+ wijzigingen, 0 bestanden; nieuw sinds de vorige uitwisseling\)/);

    const dry = run(['bundle', 'import', lead, bundle, '--passphrase-file', passphraseFile, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Coderingen\s+1\s+0\s+0\s+0\s+0/);
    expect(dry.stdout).toContain('Proefdraai: er is niets veranderd.');
    const json = JSON.parse(run(['bundle', 'import', lead, bundle, '--passphrase-file', passphraseFile, '--dry-run', '--json']).stdout);
    expect(json.perKind.codings).toEqual({ new: 1, changed: 0, deleted: 0, skipped: 0, conflicts: 0 });

    const applied = run(['bundle', 'import', lead, bundle, '--passphrase-file', passphraseFile]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/Samengevoegd: \d+ wijzigingen toegepast\. Reservekopie van vóór het samenvoegen: .*ronde\.voor-samenvoegen-/);

    const again = run(['bundle', 'import', lead, bundle, '--passphrase-file', passphraseFile]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(BUNDLE_MESSAGES.replayed);
    const dryAgain = run(['bundle', 'import', lead, bundle, '--passphrase-file', passphraseFile, '--dry-run']);
    expect(dryAgain.code).toBe(0);
    expect(dryAgain.stdout).toContain(BUNDLE_MESSAGES.replayed);
  });

  it('refuses a wrong passphrase (exit 1) and wrong usage (exit 2)', () => {
    const wrong = join(dir, 'fout.txt');
    writeFileSync(wrong, 'dit is het niet\n');
    const refused = run(['bundle', 'import', lead, bundle, '--passphrase-file', wrong]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Het wachtwoord klopt niet of het bestand is geen Veldwerk-bundel.');
    expect(run(['bundle', 'import', lead, bundle]).code).toBe(2);
    expect(run(['bundle', 'export', lead, '--passphrase-file', passphraseFile]).code).toBe(2);
    expect(run(['bundle', 'verzend', lead]).code).toBe(2);
    expect(run(['bundle', 'export', lead, '--out', join(dir, 'x.vwbundle'), '--passphrase-file', join(dir, 'bestaat-niet')]).code).toBe(1);
  });

  it('exports everything with --all, and computes agreement (text and JSON)', () => {
    const all = run(['bundle', 'export', lead, '--out', join(dir, 'alles.vwbundle'), '--passphrase-file', passphraseFile, '--all']);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/\d+ wijzigingen, 2 bestanden; alles/);

    const text = run(['agreement', lead]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Anna Aarts (AA) ↔ Bram Bos (BB) (1 bronnen)');
    expect(text.stdout).toMatch(/Betekenisvol contact \(met subcodes\)\s+100,0%\s+1,000\s+1\/1 · 1\/1/);
    const report = JSON.parse(run(['agreement', lead, '--json', '--threshold', '95']).stdout);
    expect(report.threshold).toBe(0.95);
    expect(report.pairs[0].codes[0]).toMatchObject({ codeKey: 'contact', pooled: { characters: { kappa: 1, percentAgreement: 100 } } });
    expect(report.disagreements).toEqual([]);
    expect(run(['agreement', lead, '--threshold', '0']).code).toBe(2);
  });
});
