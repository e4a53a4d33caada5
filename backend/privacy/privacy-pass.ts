/**
 * The one privacy pass (issue 10): every text that leaves Veldwerk goes
 * through it. It finds identifying details (the persons register's forms and
 * every detector in ./detect) and replaces them by default: a person by their
 * pseudonym, any other detail by a marker of its kind ("[geboortedatum]",
 * "[adres]", "[school]"). Only a choice "niet identificerend" in the study
 * keeps a detail. What it found is returned for the review, never the
 * replaced text's originals in anything that leaves.
 *
 * Over many texts (a whole draft) it works in two rounds: first it detects in
 * every text, then it replaces, so a name recognised in one quote ("moeder
 * Sandra") is also replaced where another text names her without context.
 */
import { detectAll, resolveOverlaps } from './detect/index';
import { lexicon } from './detect/lexicon';
import { nameWords, occurrencesOf, ROLE_BEFORE } from './detect/person-name';
import { MARKERS, type Detection, type DetectContext } from './detect/types';
import type { PrivacyDecision, PrivacyFinding, PrivacyScan } from '../../shared/privacy';
import { isParticleOnlyForm } from '../../shared/name-particles';

/** Someone whose every form is replaced by their pseudonym. */
export interface PassPerson {
  id: string | null;
  forms: string[];
  pseudonym: string;
  /** A candidate nobody confirmed yet (found by detection): replaced, but as surely as the detectors are where it stands. */
  candidate?: boolean | undefined;
}

export interface PassInput {
  persons: PassPerson[];
  /** Choices of the review, by `choiceKey(kind, text)`. */
  choices: ReadonlyMap<string, PrivacyDecision>;
  /** Lower-case words that are never a name or place here (institutions, the framework, the inspectorate's vocabulary). */
  allowed: ReadonlySet<string>;
  lowerCaseWords?: ReadonlySet<string> | undefined;
}

export interface PassContext extends PassInput {
  detect: DetectContext;
  /** The persons' forms, longest first, as one pattern; their owners by form. */
  personPattern: RegExp | null;
  byForm: Map<string, PassPerson>;
  /** Name words recognised anywhere in this output (round one), and whether surely. */
  names: Map<string, boolean>;
}

export interface Finding extends Detection {
  replacement: string;
  personId: string | null;
}

export interface PassedText {
  text: string;
  findings: Finding[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const choiceKey = (kind: string, text: string) => `${kind}\u0000${text.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('nl')}`;

export function passContext(input: PassInput): PassContext {
  const byForm = new Map<string, PassPerson>();
  // A form of only particles or function words ("van", "De") would replace every ordinary "van" and "de": ignored, wherever it came from.
  for (const person of input.persons) for (const form of person.forms) if (form.trim().length >= 2 && !isParticleOnlyForm(form) && !byForm.has(form)) byForm.set(form, person);
  const forms = [...byForm.keys()].sort((a, b) => b.length - a.length);
  return {
    ...input,
    detect: { lexicon: lexicon(), allowed: input.allowed, lowerCaseWords: input.lowerCaseWords },
    personPattern: forms.length === 0 ? null : new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${forms.map(escapeRegExp).join('|')})(?=(?:['’]s?)?(?![\\p{L}\\p{M}\\p{N}]))`, 'gu'),
    byForm,
    names: new Map(),
  };
}

function registerMatches(text: string, context: PassContext): Detection[] {
  if (!context.personPattern) return [];
  return [...text.matchAll(context.personPattern)].map((match) => {
    const candidate = context.byForm.get(match[0])?.candidate === true;
    return {
      kind: 'naam' as const,
      start: match.index,
      end: match.index + match[0].length,
      text: match[0],
      certain: !candidate,
      why: candidate ? 'kandidaat in het personenregister' : 'in het personenregister',
    };
  });
}

/** Round one: what the detectors and the register find in a text; remembers the names for round two. */
export function detectIn(text: string, context: PassContext): Detection[] {
  const found = detectAll(text, context.detect, registerMatches(text, context));
  for (const detection of found) {
    if (detection.kind !== 'naam' || context.byForm.has(detection.text)) continue;
    for (const word of nameWords(detection.text)) context.names.set(word, (context.names.get(word) ?? false) || detection.certain);
  }
  return found;
}

function sentenceStart(text: string, index: number): boolean {
  return index === 0 || /(?:^|[.!?:"“‘(\n])\s*$/u.test(text.slice(Math.max(0, index - 3), index));
}

function replacementFor(detection: Detection, text: string, context: PassContext): { replacement: string; personId: string | null } {
  if (detection.kind !== 'naam') return { replacement: MARKERS[detection.kind], personId: null };
  const person = context.byForm.get(detection.text);
  if (!person) return { replacement: MARKERS.naam, personId: null };
  // "moeder Sandra" → "moeder [naam]", not "moeder de ouder".
  if (ROLE_BEFORE.test(text.slice(Math.max(0, detection.start - 20), detection.start))) return { replacement: MARKERS.naam, personId: person.id };
  const pseudonym = person.pseudonym;
  return {
    replacement: sentenceStart(text, detection.start) ? pseudonym.charAt(0).toUpperCase() + pseudonym.slice(1) : pseudonym,
    personId: person.id,
  };
}

/** Round two: replace what round one found, with the names found elsewhere, keeping what the study chose to keep. */
export function replaceIn(text: string, detected: Detection[], context: PassContext): PassedText {
  const all = context.names.size > 0 ? resolveOverlaps([...detected, ...occurrencesOf(text, context.names)]) : detected;
  const findings: Finding[] = [];
  let result = '';
  let at = 0;
  for (const detection of all) {
    if (context.choices.get(choiceKey(detection.kind, detection.text)) === 'niet-identificerend') continue;
    const { replacement, personId } = replacementFor(detection, text, context);
    findings.push({ ...detection, replacement, personId });
    result += text.slice(at, detection.start) + replacement;
    at = detection.end;
  }
  return { text: result + text.slice(at), findings };
}

/** One text through the pass (a file name, a single export cell). */
export function privacyPass(text: string, context: PassContext): PassedText {
  return replaceIn(text, detectIn(text, context), context);
}

export interface PassedTexts {
  /** Each distinct text and what it became. */
  replaced: Map<string, string>;
  /** What was found, for the review. */
  scan: PrivacyScan;
  /** The texts in which an uncertain candidate was replaced (worth a look). */
  uncertainIn: Set<string>;
}

/**
 * Many texts through the pass in two rounds (a whole draft, a whole export):
 * returns the replacement of each distinct text and what was found, for the review.
 */
export function passTexts(texts: Iterable<string>, context: PassContext): PassedTexts {
  const detected = new Map<string, Detection[]>();
  for (const text of texts) if (!detected.has(text)) detected.set(text, detectIn(text, context));
  const replaced = new Map<string, string>();
  const uncertainIn = new Set<string>();
  const findings = new Map<string, PrivacyFinding>();
  for (const [text, found] of detected) {
    const passed = replaceIn(text, found, context);
    replaced.set(text, passed.text);
    for (const finding of passed.findings) {
      if (!finding.certain) uncertainIn.add(text);
      const key = choiceKey(finding.kind, finding.text);
      const existing = findings.get(key);
      if (existing) {
        existing.count++;
        continue;
      }
      findings.set(key, {
        kind: finding.kind,
        text: finding.text,
        replacement: finding.replacement,
        certain: finding.certain,
        why: finding.why,
        personId: finding.personId,
        count: 1,
        context: `${text.slice(Math.max(0, finding.start - 40), finding.start)}⟦${finding.text}⟧${text.slice(finding.end, finding.end + 40)}`.replace(/\s+/g, ' '),
        decision: context.choices.get(key) ?? null,
      });
    }
  }
  const list = [...findings.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.text.localeCompare(b.text, 'nl'));
  return { replaced, uncertainIn, scan: { findings: list, unresolved: list.filter((finding) => !finding.certain && finding.decision === null).length } };
}

/** Keys of a structure that hold no text for people (ids, enums, colours, dates as data). */
const STRUCTURAL_KEYS = new Set(['id', 'kind', 'key', 'variant', 'align', 'color', 'figureRef', 'codingId', 'format', 'date']);

function* stringsOf(value: unknown, key = ''): Generator<string> {
  if (typeof value === 'string') {
    if (!STRUCTURAL_KEYS.has(key)) yield value;
  } else if (Array.isArray(value)) {
    if (!STRUCTURAL_KEYS.has(key)) for (const item of value) yield* stringsOf(item, key);
  } else if (value && typeof value === 'object') {
    for (const [field, item] of Object.entries(value)) yield* stringsOf(item, field);
  }
}

function mapStrings<T>(value: T, replace: (text: string) => string, key = ''): T {
  if (typeof value === 'string') return (STRUCTURAL_KEYS.has(key) ? value : replace(value)) as T;
  if (Array.isArray(value)) return (STRUCTURAL_KEYS.has(key) ? value : value.map((item) => mapStrings(item, replace, key))) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([field, item]) => [field, mapStrings(item, replace, field)])) as T;
  }
  return value;
}

/** Every text in a plain-data structure (a report model, export rows) through the pass; structural fields stay. */
export function passStructure<T>(value: T, context: PassContext): { value: T } & Omit<PassedTexts, 'replaced'> {
  const { replaced, ...rest } = passTexts(stringsOf(value), context);
  return { value: mapStrings(value, (text) => replaced.get(text) ?? text), ...rest };
}
