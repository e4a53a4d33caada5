/**
 * Words that never name anyone on their own: Dutch name particles ("van",
 * "de", "ter", "'t") and common function words ("het", "en", "met"). A
 * person's form made only of these ("van", "De", "van der") would replace
 * every ordinary "van" and "de" in a report by a pseudonym, so the register
 * refuses such a form and the privacy pass ignores one that got in anyway.
 * Inside a full name ("Jan van Dijk") the particles are replaced with it.
 * Pure TypeScript: shared by detection, the register, the pass and the UI.
 */

const PARTICLES = ['van', 'de', 'der', 'den', 'het', 'ter', 'ten', 'te', "'t", '’t', 'in', 'op', 'la', 'le', 'du', 'des', 'di', 'da', 'del', 'von', 'zu'];

// Words that are also first names or surnames ("Dan", "Al", "Haar", "Ben") are left out: a real name's form must keep working.
const FUNCTION_WORDS = `een ik je jij u we wij ze zij hij men mij me jou hem hen hun ons onze mijn jouw uw
  dit dat die deze er daar hier wat wie waar hoe als maar en of want dus toen ook nog wel niet geen nee ja
  aan achter bij binnen boven buiten door na naar naast met om onder over per rond sinds tegen tot tussen uit voor vanaf via zonder`;

const NEVER_ALONE = new Set([...PARTICLES, ...FUNCTION_WORDS.split(/\s+/u).filter(Boolean)]);

/** Whether a word is a name particle ("van", "De", "'t"). */
export function isNameParticle(word: string): boolean {
  return PARTICLES.includes(word.toLocaleLowerCase('nl'));
}

/** Whether a form has no word that could name someone: only particles and function words ("van", "De", "van der", "in 't"). */
export function isParticleOnlyForm(form: string): boolean {
  const words = form.normalize('NFC').trim().split(/[\s.]+/u).filter(Boolean);
  return words.every((word) => NEVER_ALONE.has(word.toLocaleLowerCase('nl')));
}

/** The Dutch refusal for such forms, or null when every form can name someone. */
export function particleFormsProblem(forms: readonly string[]): string | null {
  const bad = forms.filter(isParticleOnlyForm);
  if (bad.length === 0) return null;
  const list = bad.map((form) => `‘${form}’`).join(', ');
  return `${list} ${bad.length === 1 ? 'is' : 'zijn'} geen naam: alleen tussenvoegsels of gewone woorden (zoals ‘van’ of ‘de’) zouden overal in een rapport vervangen worden. Geef de naam in zijn geheel, bijvoorbeeld ‘Jan van Dijk’ of ‘Van Dijk’.`;
}
