/**
 * Addresses: a street and house number, with a known street suffix
 * ("Dorpsstraat 12a"), starting with a street word ("Laan van Meerdervoort 5",
 * "Burgemeester de Withstraat 4"), an article ("De Wieken 9") or after
 * "woont aan/op"; and postcodes, with the place after them ("1234 AB Ede").
 */
import { B, CAP, matchesOf, type Detector } from './types';

const SUFFIX = 'straat|straatweg|laan|weg|plein|gracht|kade|singel|dijk|hof|park|dreef|steeg|pad|markt|ring|baan|plantsoen|erf|veld|burg|wal|haven|boulevard|allee|akker|weide|hout|tuin|gaarde|kamp|zoom|oord|borg|dam|brink|wijk|straatje|pleintje|hoeve|es|horst|heuvel|berg|water|vaart|veen';
const NUMBER = "\\d{1,5}(?:\\s?[a-zA-Z](?![\\p{L}]))?(?:[-\\s]?(?:bis|hs|huis|rood|zwart|I{1,3}|\\d{1,3}))?";
const PARTS = `(?:\\s+(?:van|de|der|den|het|'t|op|aan|in|ter|ten|te|Van|De|Der|Den|Het|'t)){0,3}`;
const NAME = `${CAP}(?:${PARTS}\\s+${CAP}){0,3}`;
const UNITS = '(?!\\s*(?:jaar|jarige|maanden|maand|weken|week|dagen|dag|uur|keer|kinderen|jeugdigen|ouders|dossiers|procent|%|€|euro|minuten|km|respondenten|respondent|bronnen|interviews|gesprekken|citaten|coderingen|codes|medewerkers|jeugdzorgwerkers|cliënten))';

const WITH_SUFFIX = new RegExp(`${B}(?:${CAP}\\s+){0,3}\\p{Lu}[\\p{Ll}\\p{M}-]*(?:${SUFFIX})\\s+${NUMBER}${UNITS}`, 'gu');
const STREET_WORD = new RegExp(`${B}(?:Laan|Hof|Plein|Park|Dreef|Kade|Burgemeester|Burg\\.|Dokter|Dr\\.|Professor|Prof\\.|Sint|St\\.|Koningin|Prins|Prinses|Graaf|Oude|Nieuwe|Korte|Lange|Groot|Klein)${PARTS}\\s+${NAME}\\s+${NUMBER}${UNITS}`, 'gu');
const ARTICLE = new RegExp(`${B}(?:De|Het|'t)\\s+${NAME}\\s+${NUMBER}${UNITS}(?![\\p{L}\\p{N}])`, 'gu');
const AFTER_CUE = new RegExp(`(?:woont|woonde|wonen|woonachtig|adres|verhuisd naar|verhuist naar|ingeschreven)\\s+(?:op|aan|in|is|:)?\\s*(?:de|het)?\\s*(${NAME}\\s+${NUMBER})${UNITS}`, 'giu');
const POSTCODE = new RegExp(`(?<![\\p{L}\\p{N}])([1-9]\\d{3}\\s?(?!SA|SD|SS)[A-Z]{2}(?:\\s+${NAME})?)(?![\\p{L}\\p{N}])`, 'gu');
/** Words that a number follows in a report ("Figuur 3"), never a street. */
const NOT_STREETS = /^(?:De|Het)\s+(?:Figuur|Tabel|Hoofdstuk|Norm|Thema|Bijlage|Artikel|Paragraaf|Bron|Groep|Fase|Stap|Week|Versie|Pagina|Ronde|Kwartaal|Jeugdwet|Wet|Regio)\b/u;

/** An institution's name followed by a count ("Reclassering Maasheuvel 140") is no address. */
const namesInstitution = (match: string, allowed: ReadonlySet<string>) =>
  (match.match(/\p{Lu}[\p{L}\p{M}-]*/gu) ?? []).every((word) => allowed.has(word.toLocaleLowerCase('nl')) || /^(?:De|Het)$/u.test(word));

export const detectAddress: Detector = (text, { allowed }) => [
  ...matchesOf(text, WITH_SUFFIX, 'adres', 'straat en huisnummer', (match) => !/^(?:Figuur|Tabel|Artikel|Bijlage|Hoofdstuk)\b/u.test(match[0]) && !namesInstitution(match[0], allowed)),
  ...matchesOf(text, STREET_WORD, 'adres', 'straat en huisnummer', (match) => !namesInstitution(match[0], allowed)),
  ...matchesOf(text, ARTICLE, 'adres', 'straat en huisnummer', (match) => !NOT_STREETS.test(match[0]) && !namesInstitution(match[0], allowed)),
  ...matchesOf(text, AFTER_CUE, 'adres', "na 'woont'"),
  // "2025 OM": a year and an abbreviation of the domain is not a postcode; a postcode is followed by its place.
  ...matchesOf(text, POSTCODE, 'adres', 'postcode', (match) => /\s\p{Lu}/u.test(match[1]!.slice(6)) || /postcode\s*:?\s*$/iu.test(text.slice(Math.max(0, match.index - 12), match.index))),
];
