/**
 * The default toetsingskader for the theme "jeugdbescherming en jeugdreclassering".
 * Keys are stable: they survive renames and are what the CLI, reports and merges
 * refer to. Texts are our own paraphrase of the norms, not quotes.
 */
import type { CodeKind } from './vocabulary';

export interface DefaultCode {
  key: string;
  kind: CodeKind;
  name: string;
  definition: string;
  color: string;
  children?: DefaultCode[];
}

const sub = (key: string, name: string, definition: string, color: string): DefaultCode => ({
  key,
  kind: 'subcode',
  name,
  definition,
  color,
});

// Colours from the code palette (renderer/framework/palette.ts), sub-codes darker
// like subcodeColor: none can be mistaken for a valence colour.
export const DEFAULT_FRAMEWORK: DefaultCode[] = [
  {
    key: 'contact',
    kind: 'norm',
    name: 'Betekenisvol contact',
    definition:
      'De jeugdzorgwerker heeft structureel, persoonlijk en één-op-één contact met de jeugdige en de ouders, waarin de jeugdige kan vertellen hoe het gaat en meepraat. Het eerste contact vindt plaats binnen 5 dagen na de start van de maatregel.',
    color: '#006058',
    children: [
      sub('contact.start', 'Eerste contact binnen 5 dagen', 'Wanneer en hoe het eerste contact na de start van de maatregel plaatsvond.', '#00524b'),
      sub('contact.frequentie', 'Frequentie en continuïteit', 'Hoe vaak en hoe regelmatig er contact is, en of dat doorloopt bij wisselingen.', '#004842'),
      sub('contact.alleen', 'Eén-op-één met de jeugdige', 'Of de jeugdige de jeugdzorgwerker alleen spreekt, los van ouders of anderen.', '#003e39'),
    ],
  },
  {
    key: 'veiligheid',
    kind: 'norm',
    name: 'Zicht op veiligheid en ontwikkeling',
    definition:
      'De jeugdzorgwerker beoordeelt de veiligheid en ontwikkeling van de jeugdige op basis van eigen, direct contact, en niet alleen op basis van informatie van anderen. Bij jeugdreclassering hoort hier ook het risico op recidive bij.',
    color: '#883136',
    children: [
      sub('veiligheid.taxatie', 'Veiligheidstaxatie', 'Hoe en wanneer de veiligheid is ingeschat en vastgelegd.', '#742a2e'),
      sub('veiligheid.eigen-waarneming', 'Eigen waarneming', 'Of de jeugdzorgwerker de jeugdige zelf heeft gezien en gesproken.', '#662528'),
      sub('veiligheid.recidive', 'Recidiverisico', 'Inschatting en aanpak van het risico op nieuwe delicten (jeugdreclassering).', '#582023'),
    ],
  },
  {
    key: 'participatie',
    kind: 'norm',
    name: 'Participatie jeugdige en ouders',
    definition:
      'Jeugdige en ouders denken en beslissen mee over hun eigen traject. Het plan van aanpak wordt binnen 6 weken samen met hen opgesteld en regelmatig met hen geëvalueerd.',
    color: '#2e5f3a',
    children: [
      sub('participatie.plan', 'Plan van aanpak samen opgesteld', 'Of het plan van aanpak tijdig en samen met jeugdige en ouders is gemaakt.', '#275131'),
      sub('participatie.inspraak', 'Inspraak bij beslissingen', 'Of de mening van jeugdige en ouders wordt gevraagd en meeweegt.', '#22472c'),
      sub('participatie.evaluatie', 'Evaluatie met betrokkenen', 'Of het plan met jeugdige en ouders wordt besproken en bijgesteld.', '#1e3e26'),
    ],
  },
  {
    key: 'hulp',
    kind: 'norm',
    name: 'Tijdige inzet passende hulp',
    definition:
      'De hulp die de jeugdige en het gezin nodig hebben is beschikbaar en wordt zonder onnodige vertraging ingezet.',
    color: '#6a4d15',
    children: [
      sub('hulp.wachttijd', 'Wachttijden', 'Wachtlijsten en de tijd tussen het vaststellen en het starten van hulp.', '#5a4112'),
      sub('hulp.gemeente', 'Toegang via de gemeente', 'Herbeoordeling, budgetplafonds en andere drempels bij gemeenten.', '#503a10'),
      sub('hulp.overbrugging', 'Overbruggingshulp', 'Wat er wordt gedaan zolang de passende hulp er nog niet is.', '#45320e'),
    ],
  },
  {
    key: 'bestuur',
    kind: 'norm',
    name: 'Wijze van bestuur',
    definition:
      'Het bestuur is in control: het kent de knelpunten in de uitvoering, stuurt erop en is open over wat de organisatie niet kan waarmaken, zoals wachtlijsten.',
    color: '#634471',
    children: [
      sub('bestuur.sturing', 'Sturing en informatie', 'Welke informatie het bestuur gebruikt en hoe het daarop stuurt.', '#543a60'),
      sub('bestuur.transparantie', 'Transparantie', 'Openheid naar toezichthouders, gemeenten en cliënten over knelpunten.', '#4a3355'),
    ],
  },
  {
    key: 'gevolgen',
    kind: 'context',
    name: 'Gevolgen voor jeugdigen en gezinnen',
    definition: 'Wat de bevindingen betekenen voor de jeugdigen en gezinnen zelf.',
    color: '#4a5568',
  },
  {
    key: 'oorzaken',
    kind: 'context',
    name: 'Oorzaken',
    definition: 'Achterliggende oorzaken: arbeidsmarkt, personeelsverloop, gebrek aan hulpaanbod, gemeenten.',
    color: '#3d4900',
    children: [
      sub('oorzaken.personeel', 'Personeelstekort en verloop', 'Vacatures, verloop en periodes zonder vaste jeugdzorgwerker.', '#343e00'),
      sub('oorzaken.aanbod', 'Gebrek aan hulpaanbod', 'Hulp die er niet is of niet op tijd beschikbaar komt.', '#2e3700'),
    ],
  },
  {
    key: 'goed-voorbeeld',
    kind: 'context',
    name: 'Goed voorbeeld',
    definition: 'Een werkwijze die navolging verdient.',
    color: '#833156',
  },
];

/** The questions of the structured file review (dossieranalyse), each under a norm. */
export interface DefaultReviewQuestion {
  key: string;
  text: string;
  answerType: 'choice' | 'number';
  options: string[];
  normKey: string;
}

export const DEFAULT_REVIEW_QUESTIONS: DefaultReviewQuestion[] = [
  { key: 'contact-5-dagen', text: 'Contact met de jeugdige binnen 5 dagen na de start van de maatregel', answerType: 'choice', options: ['ja', 'nee', 'onbekend'], normKey: 'contact' },
  { key: 'aantal-jeugdzorgwerkers', text: 'Aantal jeugdzorgwerkers tot nu toe', answerType: 'number', options: [], normKey: 'contact' },
  { key: 'periode-zonder-jzw', text: 'Periode zonder vaste jeugdzorgwerker', answerType: 'choice', options: ['ja', 'nee'], normKey: 'contact' },
  { key: 'veiligheid-direct', text: 'Veiligheid beoordeeld op basis van direct contact met de jeugdige', answerType: 'choice', options: ['ja', 'nee'], normKey: 'veiligheid' },
  { key: 'plan-6-weken', text: 'Plan van aanpak binnen 6 weken', answerType: 'choice', options: ['ja', 'nee', 'onbekend'], normKey: 'participatie' },
  { key: 'plan-samen', text: 'Plan van aanpak opgesteld met jeugdige en ouders', answerType: 'choice', options: ['ja', 'deels', 'nee'], normKey: 'participatie' },
  { key: 'hulp-tijdig', text: 'Benodigde hulp tijdig ingezet', answerType: 'choice', options: ['ja', 'nee', 'niet nodig'], normKey: 'hulp' },
];

/** The default judgment scale, best first; editable per study. */
export const DEFAULT_RATING_SCALE = ['voldoet', 'voldoet grotendeels', 'voldoet grotendeels niet', 'voldoet niet'];
