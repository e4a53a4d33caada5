/**
 * The detectors of identifying details, one by one (issue 10): what each must
 * find, in the notations people write, and the control words that must
 * survive (over-redaction is a defect too). All names and numbers are invented.
 */
import { describe, expect, it } from 'vitest';
import { detectAddress } from '../../backend/privacy/detect/address';
import { detectBirthDate } from '../../backend/privacy/detect/birth-date';
import { detectBsn, elfProef } from '../../backend/privacy/detect/bsn';
import { detectCaseNumber } from '../../backend/privacy/detect/case-number';
import { detectEmail } from '../../backend/privacy/detect/email';
import { detectIban } from '../../backend/privacy/detect/iban';
import { detectAll } from '../../backend/privacy/detect/index';
import { lexicon } from '../../backend/privacy/detect/lexicon';
import { detectLicencePlate } from '../../backend/privacy/detect/licence-plate';
import { detectPersonName } from '../../backend/privacy/detect/person-name';
import { detectPhone } from '../../backend/privacy/detect/phone';
import { detectPlace } from '../../backend/privacy/detect/place';
import { detectSchool } from '../../backend/privacy/detect/school';
import type { DetectContext, Detector } from '../../backend/privacy/detect/types';
import { STOP_WORDS } from '../../backend/privacy/study-context';

const context: DetectContext = { lexicon: lexicon(), allowed: new Set([...STOP_WORDS, 'stichting', 'jeugdbescherming', 'hunzedal']) };
const found = (detector: Detector, text: string) => detector(text, context).map((detection) => detection.text);
const kinds = (text: string) => detectAll(text, context).map((detection) => `${detection.kind}:${detection.text}`);

describe('BSN', () => {
  it('passes the 11-test with any separator, and only then', () => {
    expect(elfProef('111222333')).toBe(true);
    expect(elfProef('111222334')).toBe(false);
    for (const written of ['111222333', '111 222 333', '111.222.333', '111-222-333', '1112.22.333', '11 12 22 333', '111/222/333']) {
      expect(found(detectBsn, `Het nummer ${written} staat in het dossier.`), written).toEqual([written]);
    }
    expect(found(detectBsn, 'Dossier 123456789 en 1200 dossiers.')).toEqual([]);
  });

  it('takes any nine digits right after "BSN", and never part of a longer number', () => {
    expect(found(detectBsn, 'BSN: 123-456-789.')).toEqual(['123-456-789']);
    expect(found(detectBsn, 'Bel 0611122233 of rekening 1111222333.')).toEqual([]);
  });
});

describe('dates of birth', () => {
  it('finds every notation near "geboren", "geb." or "geboortedatum"', () => {
    const cases: Array<[string, string]> = [
      ["Noor, geb. 14-2-'08, woont thuis.", "14-2-'08"],
      ['Hij is geboren in 2011.', '2011'],
      ['Geboortedatum: februari 2010.', 'februari 2010'],
      ['geboren op 14 februari 2008', '14 februari 2008'],
      ['geb. datum 2008-02-14', '2008-02-14'],
      ['Zij is op 3/4/2009 geboren.', '3/4/2009'],
      ['geboren 14.02.08', '14.02.08'],
      ['geb.: 7 mrt. 2012', '7 mrt. 2012'],
    ];
    for (const [text, date] of cases) expect(found(detectBirthDate, text), text).toEqual([date]);
  });

  it('leaves dates of visits and rulings alone, and a date in brackets is a candidate', () => {
    expect(found(detectBirthDate, 'Het bezoek was op 12-03-2026; de uitspraak volgde in april 2025.')).toEqual([]);
    expect(found(detectBirthDate, 'Zij is geboren. Het bezoek was in 2026.')).toEqual([]);
    const bracketed = detectBirthDate('Sem (14-02-2011) kwam mee.', context);
    expect(bracketed.map((detection) => [detection.text, detection.certain])).toEqual([['14-02-2011', false]]);
  });
});

describe('addresses', () => {
  it('finds streets with and without a suffix, and postcodes with their place', () => {
    const cases: Array<[string, string]> = [
      ['Ze woont aan de Dorpsstraat 12a sinds kort.', 'Dorpsstraat 12a'],
      ['adres: De Wieken 9, eerste etage', 'De Wieken 9'],
      ['eerder aan de Laan van Meerdervoort 120 gewoond', 'Laan van Meerdervoort 120'],
      ['Burgemeester de Withstraat 4', 'Burgemeester de Withstraat 4'],
      ['Het gezin woont op Hoge Akker 3.', 'Hoge Akker 3'],
      ['post naar 8431 AB Oosterwolde', '8431 AB Oosterwolde'],
    ];
    for (const [text, address] of cases) expect(found(detectAddress, text), text).toContain(address);
  });

  it('leaves figure numbers, years with abbreviations and counts alone', () => {
    expect(found(detectAddress, 'Zie Figuur 3 en Tabel 2. In 2025 OM en raad samen. De Jeugdwet 2015 en De Raad 12 jaar.')).toEqual([]);
  });
});

describe('phone numbers (awesome-phonenumber)', () => {
  it('finds Dutch and international numbers with any separators', () => {
    for (const written of ['06-12345678', '06 - 12 34 56 78', '06.12.34.56.78', '010-1234567', '(010) 123 45 67', '+31 6 1234 5678', '0031 20 123 4567', '+32 470 12 34 56']) {
      expect(found(detectPhone, `Bel ${written} morgen.`), written).toEqual([written]);
    }
  });

  it('leaves ranges, years, dates and amounts alone', () => {
    expect(found(detectPhone, 'In 2020 - 2021, op 14-02-2008, van 10.00 - 12.00 uur, 372 - 1151 respondenten.')).toEqual([]);
  });
});

describe('e-mail, IBAN, case numbers, licence plates', () => {
  it('finds e-mail written plainly or with [at] and (at)', () => {
    expect(found(detectEmail, 'Mail j.de.vries@voorbeeld.nl, sanne[at]voorbeeld.nl of piet (at) voorbeeld (dot) nl.')).toEqual([
      'j.de.vries@voorbeeld.nl',
      'sanne[at]voorbeeld.nl',
      'piet (at) voorbeeld (dot) nl',
    ]);
  });

  it('finds valid IBANs with or without spaces, not invalid ones', () => {
    expect(found(detectIban, 'Op NL91 ABNA 0417 1643 00 en NL91ABNA0417164300 maar niet NL00 ABNA 0417 1643 00.')).toEqual([
      'NL91 ABNA 0417 1643 00',
      'NL91ABNA0417164300',
    ]);
  });

  it('finds zaak-, rekest- and parketnummers, never an ECLI number', () => {
    expect(found(detectCaseNumber, 'Zaak C/13/712345 / JE RK 21-1234; FA RK 22-567; parket 13/123456-21; zaaknummer: 2021-00345.')).toEqual([
      'C/13/712345 / JE RK 21-1234',
      'FA RK 22-567',
      '13/123456-21',
      '2021-00345',
    ]);
    expect(found(detectCaseNumber, 'Zie ECLI:NL:RBAMS:2021:1234 en ECLI:NL:GHARL:2022:567.')).toEqual([]);
  });

  it('finds licence plates in the sidecodes in use', () => {
    expect(found(detectLicencePlate, 'Auto 12-ABC-3, bus XX-99-99 en 99-XX-XX, niet 2021-12-31 of JR-2024.')).toEqual(['12-ABC-3', 'XX-99-99', '99-XX-XX']);
  });
});

describe('schools and places', () => {
  it('finds school names after a school word or ending in one', () => {
    expect(found(detectSchool, 'Hij zit op basisschool De Regenboog.')).toEqual(['De Regenboog']);
    expect(found(detectSchool, 'Nu het Stedelijk Lyceum, eerder de Klimopschool en OBS Het Startblok.')).toEqual(
      expect.arrayContaining(['Stedelijk Lyceum', 'Klimopschool', 'Het Startblok']),
    );
    expect(found(detectSchool, 'Op school gaat het goed; de school belt wekelijks.')).toEqual([]);
  });

  it('finds small places, and places that are also words only after "in", "uit", "te"', () => {
    expect(found(detectPlace, 'Het gezin verhuisde van Oosterwolde naar Zuid-Scharwoude.')).toEqual(['Oosterwolde', 'Zuid-Scharwoude']);
    expect(found(detectPlace, 'Dat werkt het Best als de Hoorn van de moeder klinkt.')).toEqual([]);
    expect(found(detectPlace, 'Zij woont in Best.')).toEqual(['Best']);
    // Large cities do not point at a family.
    expect(found(detectPlace, 'Een gesprek in Amsterdam en Rotterdam.')).toEqual([]);
  });

  it('knows villages and municipalities GeoNames lacks', () => {
    expect(found(detectPlace, 'Het gezin komt uit Aagtdorp en staat ingeschreven in Berkelland.')).toEqual(['Aagtdorp', 'Berkelland']);
  });

  it('replaces a big city only where it is someone’s home town, never where an institution sits', () => {
    expect(found(detectPlace, 'Moeder woont sinds maart in Rotterdam; het gezin is verhuisd naar Utrecht en komt uit Amsterdam.')).toEqual(['Rotterdam', 'Utrecht', 'Amsterdam']);
    expect(found(detectPlace, 'De vestiging in Amsterdam, het team van GI Rotterdam en de rechtbank te Utrecht blijven staan.')).toEqual([]);
  });
});

describe('person names', () => {
  it('finds names by context: a role, a title, an age, initials', () => {
    expect(found(detectPersonName, 'Moeder Sandra belde; mevrouw De Vries ook.')).toEqual(['Sandra', 'De Vries']);
    expect(found(detectPersonName, 'Roos (9) en haar broer Bas, 12 jaar, bij oma Groen.')).toEqual(expect.arrayContaining(['Roos', 'Bas', 'Groen']));
    expect(found(detectPersonName, 'Volgens S. de Vries klopt het.')).toEqual(['S. de Vries']);
  });

  it('finds first names from the list and unknown capitalised words mid-sentence; genitives too', () => {
    const detections = detectPersonName("Gisteren kwam Jaylinn langs en zag Xandrijn. Sandra's zoon bleef thuis.", context);
    expect(detections.map((detection) => [detection.text, detection.certain])).toEqual(
      expect.arrayContaining([['Jaylinn', true], ['Xandrijn', false], ['Sandra', true]]),
    );
  });

  it('takes a name that is also a word, capitalised mid-sentence, as a candidate; at a sentence start or in lower case it stays', () => {
    const detections = detectPersonName('Daarna zag ze Bram bij de bushalte. Roos bloeit. Ik gaf haar een roos en een bram.', context);
    expect(detections.map((detection) => [detection.text, detection.certain, detection.why])).toEqual([['Bram', false, 'naam die ook een gewoon woord is']]);
  });

  it('replaces a name everywhere in the text once context shows it is one', () => {
    expect(found(detectPersonName, 'Roos (9) woont bij pleegouders. Roos wil naar huis.')).toEqual(['Roos', 'Roos']);
  });

  it('takes no heading or compound after a line break for a name, nor a name across lines', () => {
    expect(found(detectPersonName, 'Daarna sprak de inspectie met de moeder\nHuisbezoek gepland met de jeugdzorgwerker van\nGevraagd werd of alles goed ging.')).toEqual([]);
    // A name after a role at the end of a line still counts (a PDF wraps lines anywhere).
    expect(found(detectPersonName, 'Het gesprek met moeder\nSandra ging goed.')).toEqual(['Sandra']);
  });

  it('leaves common words, organisations and proper nouns alone', () => {
    const text = 'De roos in de tuin was groen. Het team van Veilig Thuis en de Raad voor de Kinderbescherming sprak over de Jeugdwet in Nederland. Geboortedatum en Kwaliteitskader Jeugdbescherming.';
    expect(found(detectPersonName, text)).toEqual([]);
  });
});

describe('all detectors together', () => {
  it('resolve overlaps to the longest detail, and keep the control words', () => {
    const text =
      "Moeder Sandra (06 - 12 34 56 78, sandra[at]voorbeeld.nl) zegt dat Bas (9), geb. 14-2-'08, op basisschool De Regenboog in Oosterwolde zit. BSN 111-222-333, De Wieken 9. " +
      'Stichting Jeugdbescherming Hunzedal, ECLI:NL:RBAMS:2021:1234, het bezoek op 12-03-2026, betekenisvol contact, de ondertoezichtstelling en de kinderrechter blijven staan.';
    expect(kinds(text)).toEqual([
      'naam:Sandra',
      'telefoonnummer:06 - 12 34 56 78',
      'e-mail:sandra[at]voorbeeld.nl',
      'naam:Bas',
      "geboortedatum:14-2-'08",
      'school:De Regenboog',
      'woonplaats:Oosterwolde',
      'bsn:111-222-333',
      'adres:De Wieken 9',
    ]);
  });
});

describe('hostile texts', () => {
  it('finish on long texts made to make the detectors backtrack or compare every pair', () => {
    // 50,000 unknown capitalised words: every one a candidate, and overlaps resolved without comparing every pair.
    expect(detectAll('Xaaq '.repeat(50_000), context)).toHaveLength(50_000);
    expect(detectAll(`x@${'aaaa.'.repeat(20_000)}!`, context)).toHaveLength(1);
    expect(detectAll('12-'.repeat(30_000), context)).toEqual([]);
    expect(detectAll(`${'van de '.repeat(30_000)}Jan`, context).length).toBeLessThanOrEqual(1);
  });
});
