import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { elfProef } from '../../backend/privacy/detect/bsn';
import { passContext, privacyPass } from '../../backend/privacy/privacy-pass';
import { nameForms, namesInTitle, privacyContextFor, readNamesFile, STOP_WORDS } from '../../backend/privacy/study-context';
import { studyPassContext } from '../../backend/privacy/study-pass';
import { addTextSource } from '../helpers/sources';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir();

/** The one privacy pass with names to hide (as the study's known names are: every form becomes "[naam]"). */
const context = (names: string[] = [], lowerCaseWords: string[] = []) =>
  passContext({
    persons: names.map((name) => ({ id: null, forms: nameForms(name), pseudonym: '[naam]' })),
    choices: new Map(),
    allowed: STOP_WORDS,
    lowerCaseWords: new Set(lowerCaseWords),
  });
const pseudonymise = (text: string, ctx: ReturnType<typeof context>) => {
  const passed = privacyPass(text, ctx);
  return { text: passed.text, replaced: passed.findings.map((finding) => finding.kind) };
};

describe('pseudonymising quotes through the one privacy pass', () => {
  it('replaces e-mail addresses and Dutch phone numbers', () => {
    const { text, replaced } = pseudonymise(
      'Mail naar j.de.vries@gi-noord.nl of bel 06-12345678, 06 1234 5678, 010-1234567, +31 6 12345678 of (020) 123 45 67.',
      context(),
    );
    expect(text).toBe('Mail naar [e-mail] of bel [telefoonnummer], [telefoonnummer], [telefoonnummer], [telefoonnummer] of [telefoonnummer].');
    expect(replaced.filter((kind) => kind === 'telefoonnummer')).toHaveLength(5);
  });

  it('replaces BSN-like numbers that pass the 11-proef, and leaves other numbers', () => {
    expect(elfProef('111222333')).toBe(true);
    expect(elfProef('123456789')).toBe(false);
    expect(pseudonymise('BSN 111222333 en 1112.22.333, dossier 123456789.', context()).text).toBe('BSN [BSN] en [BSN], dossier 123456789.');
  });

  it('keeps visit dates in the usual Dutch forms, ranges and counts; replaces a date of birth in any of those forms', () => {
    // Over-redaction is a defect too (issue 10): a date of a visit or a call identifies no one.
    const visits = 'Op 16-10-2025, 3/2/2024, 2025-01-31, 4 maart 2026 en 12 okt. belde ze; gesprekken 16-10 en 21-10. Kinderen van 10-12 jaar, 3-5 maanden, 1200 dossiers.';
    expect(pseudonymise(visits, context()).text).toBe(visits);
    const { text, replaced } = pseudonymise('Hij is geboren op 16-10-2015 en zijn zus geb. 4 maart 2012; het huisbezoek was op 2 maart 2026.', context());
    expect(text).toBe('Hij is geboren op [geboortedatum] en zijn zus geb. [geboortedatum]; het huisbezoek was op 2 maart 2026.');
    expect(replaced).toEqual(['geboortedatum', 'geboortedatum']);
  });

  it('replaces postcodes and street addresses, not years with abbreviations', () => {
    const { text } = pseudonymise('Ze woont aan de Dorpsstraat 12a, 9401 AB Assen. In 2025 OM en raad samen.', context());
    expect(text).toBe('Ze woont aan de [adres], [adres]. In 2025 OM en raad samen.');
  });

  it('replaces known names, full and in parts, not particles', () => {
    expect(nameForms('Marloes van der Berg')).toEqual(['Marloes van der Berg', 'Marloes', 'Berg']);
    const { text, replaced } = pseudonymise('Marloes van der Berg kwam; later zei Marloes dat Berg ziek was. Van der en de bleven.', context(['Marloes van der Berg']));
    expect(text).toBe('[naam] kwam; later zei [naam] dat [naam] ziek was. Van der en de bleven.');
    expect(replaced).toEqual(['naam', 'naam', 'naam']);
  });

  it('finds words that look like names, unless the study writes them in lower case', () => {
    const ctx = context([], ['daar', 'toen']);
    expect(privacyPass('Rianne ging erheen. Daar zag ze Bram. Toen Ouder.', ctx).findings.map((finding) => finding.text)).toEqual(['Rianne', 'Bram']);
    expect(privacyPass('[naam] kwam', ctx).findings).toEqual([]);
  });

  it('finds names in the titles of files', () => {
    expect(namesInTitle('Cliëntdossier OTS – Noor (14)')).toEqual(['Noor']);
    expect(namesInTitle('Groepsgesprek jeugdzorgwerkers regio Zuid en Noord')).toEqual([]);
    expect(namesInTitle('Cliëntdossier voogdij – Anne-Fleur de Wit')).toEqual(['Anne-Fleur', 'Wit']);
  });

  it('knows the names of a study: inspectors, names in file titles, names handed in', async () => {
    const study = newTestStudy(dir);
    await addTextSource(study, dir, 'Het dossier van Sanne. Daar ging het om.', { sourceType: 'clientdossier', title: 'Cliëntdossier OTS – Sanne (9)' });
    const ctx = privacyContextFor(study, ['Jansen']);
    expect(ctx.names).toEqual(expect.arrayContaining(['Inspecteur Een', 'Inspecteur Twee', 'Sanne', 'Jansen']));
    expect(ctx.lowerCaseWords.has('dossier')).toBe(true);
    expect(ctx.lowerCaseWords.has('sanne')).toBe(false);
    expect(pseudonymise('Sanne belde mevrouw Jansen.', studyPassContext(study, ctx)).text).toBe('[naam] belde mevrouw [naam].');
    study.close();
  });

  it('reads a names file: one per line, # for comments', () => {
    const path = join(dir, 'namen.txt');
    writeFileSync(path, '# te verbergen\nPetra de Boer\n\n  Kees  \n');
    expect(readNamesFile(path)).toEqual(['Petra de Boer', 'Kees']);
  });
});
