/**
 * Pseudonymising text before it leaves the program (quotes, examples, notes in
 * a report draft). Replaced by placeholders:
 *   - e-mail addresses                    → [e-mail]
 *   - phone numbers (Dutch)               → [telefoonnummer]
 *   - BSN-like numbers (9 digits, 11-proef) → [BSN]
 *   - dates: dd-mm-jjjj, dd/mm/jjjj, jjjj-mm-dd, dd-mm (day and month), d maand (jjjj) → [datum]
 *   - street + house number               → [adres]; Dutch postcodes → [postcode]
 *   - names the study knows (inspectors, names from the titles of client and
 *     personnel files) and names given for the report             → [naam]
 * Words that still look like names (capitalised, never written in lower case
 * in the study's texts, not in a small stop list) are flagged "controleer" for
 * a human, not replaced: a machine cannot tell every name from every word.
 *
 * Gap, documented: there is no study-level entity for "names to hide" yet. The
 * list comes from the report options (`privacyNames`, the CLI's --names-file).
 */

export type ReplacementKind = 'e-mail' | 'telefoonnummer' | 'BSN' | 'datum' | 'adres' | 'postcode' | 'naam';

export interface PrivacyContext {
  /** Names to replace wherever they occur as whole words (full names and single name parts). */
  names: string[];
  /** Lower-case words that the study's texts use in lower case: capitalised forms of these are ordinary words. */
  lowerCaseWords: Set<string>;
  /** Capitalised words that are known not to be people (institution names, places of the framework). */
  allowedWords: Set<string>;
}

export interface PseudonymisedText {
  text: string;
  /** One entry per replacement, by kind (never the original: that would leak it again). */
  replaced: ReplacementKind[];
  /** Words that look like names and were left in. */
  flagged: string[];
}

const MONTHS = [
  'januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december',
  'jan', 'feb', 'mrt', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'okt', 'nov', 'dec',
];

/** Name particles that are never a name on their own. */
const PARTICLES = new Set(['van', 'de', 'der', 'den', 'het', 'ter', 'ten', 'te', 'la', 'le', 'du', 'von', 'op', "'t", 'in', 'el', 'al', 'bin', 'da', 'di', 'dos']);

/**
 * Capitalised words that are not names: sentence starters, pronouns, days,
 * months, directions and words of the domain. Lower case; compared folded.
 */
export const STOP_WORDS = new Set(
  `de het een ik je jij u we wij ze zij hij men als maar en of dan dat die dit deze er toen want ook daar hier wat wie waar hoe waarom
   wanneer soms vaak altijd nooit elke elk iedere ieder na voor bij in op met van zonder niet nee ja mijn onze ons hun haar zijn
   alles niemand iemand iedereen niets eerst daarna later nu toch wel al nog misschien gelukkig helaas dus omdat hoewel terwijl sinds
   tot tijdens volgens door om over onder tussen naast binnen buiten zo zoals eigenlijk gewoon echt goed mooi slecht veel weinig
   meer minder sommige andere beide dan welke welk mevrouw meneer moeder vader mama papa oma opa zus broer
   maandag dinsdag woensdag donderdag vrijdag zaterdag zondag ${MONTHS.join(' ')}
   noord zuid oost west noordoost noordwest zuidoost zuidwest midden centrum regio team
   gi gi's raad kinderbescherming rechter rechtbank kinderrechter inspectie inspecties jeugdwet gemeente gemeenten wijkteam
   veilig thuis ggz om ots jr voogdij jeugdreclassering jeugdbescherming jeugdige jeugdigen ouder ouders jeugdzorgwerker
   jeugdbeschermer gedragswetenschapper teamleider teammanager bestuurder cliëntenraad ondernemingsraad plan bron uitspraak
   dossier cliëntdossier personeelsdossier interview groepsgesprek gesprek samenvatting notitie werkinstructie kwartaalrapportage`
    .split(/\s+/)
    .filter(Boolean),
);

const WORD = '[\\p{L}\\p{M}]';
const NOT_WORD_BEFORE = `(?<![\\p{L}\\p{M}\\p{N}])`;
const NOT_WORD_AFTER = `(?![\\p{L}\\p{M}\\p{N}])`;

interface Rule {
  kind: ReplacementKind;
  pattern: RegExp;
  /** Return false to leave a match alone. */
  accept?: (match: string) => boolean;
}

const MONTH_PATTERN = MONTHS.slice().sort((a, b) => b.length - a.length).join('|');

const RULES: Rule[] = [
  { kind: 'e-mail', pattern: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu },
  {
    kind: 'telefoonnummer',
    // 06-12345678, 06 1234 5678, 010-1234567, (010) 123 45 67, +31 6 12345678, 0031 20 1234567
    pattern: /(?<![\p{N}])(?:(?:\+|00)31[\s-]?(?:\(0\))?[\s-]?|\(?0)(?:\d\)?[\s-]?){8}\d(?![\p{N}])/gu,
    accept: (match) => match.replace(/\D/g, '').length >= 10,
  },
  {
    kind: 'BSN',
    pattern: /(?<![\p{N}.])(?:\d{9}|\d{4}[.\s]\d{2}[.\s]\d{3}|\d{3}[.\s]\d{3}[.\s]\d{3})(?![\p{N}])/gu,
    accept: (match) => elfProef(match.replace(/\D/g, '')),
  },
  {
    kind: 'datum',
    pattern: new RegExp(
      [
        `${NOT_WORD_BEFORE}\\d{4}-\\d{1,2}-\\d{1,2}${NOT_WORD_AFTER}`,
        `${NOT_WORD_BEFORE}\\d{1,2}[-/.]\\d{1,2}[-/.](?:\\d{4}|\\d{2})${NOT_WORD_AFTER}`,
        `${NOT_WORD_BEFORE}\\d{1,2}\\s+(?:${MONTH_PATTERN})\\.?(?:\\s+\\d{4})?${NOT_WORD_AFTER}`,
        // dd-mm without a year, both parts two digits and a real day and month, not a range of units
        `${NOT_WORD_BEFORE}(?:0[1-9]|[12]\\d|3[01])-(?:0[1-9]|1[0-2])${NOT_WORD_AFTER}(?!\\s*(?:jaar|jarigen|maanden|weken|dagen|uur|keer|%|procent))`,
      ].join('|'),
      'giu',
    ),
    accept: (match) => {
      const numeric = /^(\d{1,2})[-/.](\d{1,2})(?:[-/.]\d+)?$/.exec(match);
      if (!numeric) return true;
      const day = Number(numeric[1]);
      const month = Number(numeric[2]);
      return day >= 1 && day <= 31 && month >= 1 && month <= 12;
    },
  },
  {
    kind: 'adres',
    pattern: new RegExp(
      `${NOT_WORD_BEFORE}\\p{Lu}${WORD}*(?:straat|laan|weg|plein|gracht|kade|singel|dijk|hof|park|dreef|steeg|pad|markt|ring|baan|plantsoen|erf|veld|burg)\\s+\\d{1,5}(?:\\s?[a-zA-Z](?![\\p{L}]))?(?:[-\\s]?(?:bis|hs|huis|rood|zwart))?`,
      'gu',
    ),
  },
  {
    kind: 'postcode',
    pattern: /(?<![\p{L}\p{N}])[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?![\p{L}\p{N}])/gu,
    // "2025 OM": a year and an abbreviation of the domain, not a postcode
    accept: (match) => !/\s(?:OM|GI|JR|OR|RI)$/.test(match),
  },
];

/** The "elfproef" of a BSN: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11 (and not all zeros). */
export function elfProef(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < 8; index++) sum += Number(digits[index]) * (9 - index);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A name's full form and its parts worth hiding on their own ("Marloes Dijkhuis" → also "Marloes", "Dijkhuis"). */
export function nameForms(name: string): string[] {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (!clean) return [];
  const parts = clean.split(' ').filter((part) => part.length >= 3 && !PARTICLES.has(part.toLowerCase()) && /^\p{Lu}/u.test(part));
  return [...new Set([clean, ...parts])];
}

const namePatternCache = new WeakMap<PrivacyContext, RegExp | null>();

function namePattern(context: PrivacyContext): RegExp | null {
  if (namePatternCache.has(context)) return namePatternCache.get(context)!;
  const forms = [...new Set(context.names.flatMap(nameForms))].sort((a, b) => b.length - a.length);
  const pattern = forms.length === 0 ? null : new RegExp(`${NOT_WORD_BEFORE}(?:${forms.map(escapeRegExp).join('|')})${NOT_WORD_AFTER}`, 'gu');
  namePatternCache.set(context, pattern);
  return pattern;
}

export function pseudonymise(text: string, context: PrivacyContext): PseudonymisedText {
  const replaced: ReplacementKind[] = [];
  let result = text;
  const names = namePattern(context);
  const rules: Rule[] = [...RULES.slice(0, 4), ...(names ? [{ kind: 'naam' as const, pattern: names }] : []), ...RULES.slice(4)];
  for (const rule of rules) {
    result = result.replace(rule.pattern, (match) => {
      if (rule.accept && !rule.accept(match)) return match;
      replaced.push(rule.kind);
      return `[${rule.kind}]`;
    });
  }
  return { text: result, replaced, flagged: flagNameLikeWords(result, context) };
}

/**
 * Capitalised words that may be names: not a placeholder, not in the stop
 * list, not an allowed word, and never written in lower case in the study.
 */
export function flagNameLikeWords(text: string, context: PrivacyContext): string[] {
  const flagged = new Set<string>();
  const withoutPlaceholders = text.replace(/\[[^\]]{1,20}\]/g, ' ');
  for (const match of withoutPlaceholders.matchAll(/(?<![\p{L}\p{M}\p{N}'’])\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Lu}?[\p{Ll}\p{M}]+)*(?![\p{L}\p{M}\p{N}])/gu)) {
    const word = match[0];
    const lower = word.toLocaleLowerCase('nl');
    if (STOP_WORDS.has(lower) || context.allowedWords.has(lower) || context.lowerCaseWords.has(lower)) continue;
    flagged.add(word);
  }
  return [...flagged];
}

/** Lower-case words of a text (for `lowerCaseWords`): words that start with a lower-case letter. */
export function collectLowerCaseWords(text: string, into: Set<string>): void {
  for (const match of text.matchAll(/(?<![\p{L}\p{M}])\p{Ll}[\p{Ll}\p{M}]*/gu)) into.add(match[0]);
}

/**
 * Names in a file's title: capitalised words after the first, not all capitals,
 * not stop words ("Cliëntdossier OTS – Noor (14)" → "Noor").
 */
export function namesInTitle(title: string): string[] {
  const words = [...title.matchAll(/\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Lu}[\p{Ll}\p{M}]+)*/gu)];
  return words
    .filter((match) => match.index! > 0)
    .map((match) => match[0])
    .filter((word) => !STOP_WORDS.has(word.toLocaleLowerCase('nl')));
}
