/**
 * The Dutch label of every writing call, as its action is recorded (and as the
 * logbook will show it). One catalogue, so a new writing call cannot go
 * without a label (a unit test checks the contract against it). A label may
 * use details the backend learns while the call runs (who sent a bundle,
 * what was undone).
 *
 * Pure TypeScript: no Node, no DOM.
 */
import type { CallName } from './contract';

export type ActionDetails = Readonly<Record<string, string | undefined>>;
type Label = string | ((details: ActionDetails) => string);

/** Names detection at import proposed for the persons register (issue 10), as a tail to the import's label. */
const proposed = (details: ActionDetails) =>
  details.candidates ? `; ${details.candidates === '1' ? '1 naam' : `${details.candidates} namen`} voorgesteld voor het personenregister` : '';

export const ACTION_LABELS: Partial<Record<CallName, Label>> = {
  'session.setInspector': 'Inspecteur gekozen',
  'study.create': 'Onderzoek aangemaakt',
  'study.openDialog': 'Onderzoek geopend',
  'study.openDemo': 'Demo-onderzoek geopend',
  'study.update': 'Onderzoeksgegevens gewijzigd',
  'institution.create': 'Instelling toegevoegd',
  'institution.rename': 'Instelling hernoemd',
  'inspector.create': 'Inspecteur toegevoegd',
  'code.create': 'Code toegevoegd',
  'code.update': 'Code gewijzigd',
  'code.move': 'Code verplaatst',
  'code.delete': 'Code verwijderd',
  'sources.import': (details) => `Bronnen geïmporteerd${proposed(details)}`,
  'batch.import': (details) => `Map of zip met bronnen geïmporteerd${proposed(details)}`,
  'source.updateMeta': 'Brongegevens gewijzigd',
  'coding.create': 'Codering toegevoegd',
  'coding.update': 'Codering gewijzigd',
  'coding.delete': 'Codering verwijderd',
  autocode: 'Zoekresultaten gecodeerd',
  undo: (details) => (details.label ? `Ongedaan gemaakt: ${details.label}` : 'Ongedaan maken'),
  redo: (details) => (details.label ? `Opnieuw gedaan: ${details.label}` : 'Opnieuw doen'),
  'memo.save': 'Memo opgeslagen',
  'memo.addPassage': 'Memo bij een passage toegevoegd',
  'memo.update': 'Memo gewijzigd',
  'memo.delete': 'Memo verwijderd',
  'source.setStatus': 'Status van een bron gewijzigd',
  'finding.save': 'Bevinding vastgelegd',
  'finding.delete': 'Bevinding verwijderd',
  'finding.move': 'Bevinding verplaatst',
  'theme.save': 'Thema van de verhaallijn vastgelegd',
  'theme.delete': 'Thema van de verhaallijn verwijderd',
  'theme.move': 'Thema van de verhaallijn verplaatst',
  'exchange.import': (details) => `REFI-QDA-project of codeboek ingelezen${proposed(details)}`,
  'privacy.addPerson': 'Persoon toegevoegd aan het personenregister',
  'privacy.updatePerson': 'Persoon in het personenregister gewijzigd',
  'privacy.mergePersons': 'Twee personen samengevoegd',
  'privacy.detectCandidates': 'Namen in de bronnen gezocht',
  'privacy.choose': 'Privacykeuze vastgelegd',
  'review.saveQuestion': 'Dossiervraag opgeslagen',
  'review.deleteQuestion': 'Dossiervraag verwijderd',
  'review.answer': 'Dossiervraag beantwoord',
  'judgment.save': 'Oordeel opgeslagen',
  'judgment.linkEvidence': 'Bewijs bij oordeel gewijzigd',
  'ratingScale.save': 'Beoordelingsschaal gewijzigd',
  'bundle.export': 'Bundel gemaakt',
  'bundle.apply': (details) => (details.sender ? `Bundel van ${details.sender} samengevoegd` : 'Bundel samengevoegd'),
  'bundle.applySet': (details) => `${details.bundles ?? 'Meerdere'} bundels samengevoegd${details.sender ? ` (van ${details.sender})` : ''}`,
  'merge.resolve': 'Conflict opgelost',
  'merge.mergeCodes': 'Codes samengevoegd',
  'merge.undo': 'Samenvoegen ongedaan gemaakt',
  'agreement.adopt': 'Oplossing overgenomen',
  'survey.import': 'Vragenlijst geïmporteerd',
  'survey.setQuestionNorm': 'Vraag bij norm geplaatst',
  'survey.setMinGroup': 'Kleinste groep vragenlijst gewijzigd',
  'survey.delete': 'Vragenlijst verwijderd',
  'report.setTemplate': 'Huisstijl gekozen',
  'study.unlock': 'Versleuteld onderzoek geopend',
  'study.encrypt': 'Onderzoek versleuteld',
  'security.changePassphrase': 'Wachtwoord van het onderzoek gewijzigd',
  'security.rekey': 'Onderzoekssleutel vervangen',
  'security.newRecoveryKey': 'Nieuwe herstelsleutel gemaakt',
  'security.setBackupKeep': 'Aantal reservekopieën gewijzigd',
  'security.restoreBackup': 'Reservekopie teruggezet',
  'team.revokeKeys': 'Sleutel van inspecteur ingetrokken',
  'logbook.setRetention': (details) => (details.days ? `Bewaartermijn van het logboek gezet op ${details.days} dagen` : 'Bewaartermijn van het logboek opgeheven'),
};

/** The label of a call's action; a call missing from the catalogue gets its name (and fails the catalogue test). */
export function actionLabel(call: CallName, details: ActionDetails = {}): string {
  const label = ACTION_LABELS[call];
  if (label === undefined) return call;
  return typeof label === 'string' ? label : label(details);
}

/** What an exchange export holds, for its line in the logbook. */
const EXPORT_KIND_LABELS: Readonly<Record<string, string>> = {
  qdpx: 'REFI-QDA-project (.qdpx)',
  qdc: 'codeboek (.qdc)',
  segments: 'gecodeerde fragmenten (Excel)',
  matrix: 'bewijsmatrix (Excel)',
  judgments: 'oordelen (Excel)',
  review: 'dossieranalyse (Excel)',
  agreement: 'intercodeursbetrouwbaarheid (Excel)',
  retrieval: 'fragmenten per code (Word)',
};

/** "volledig" (names kept, a full export) or "gepseudonimiseerd", as the logbook says it. */
export function privacyModeLabel(full: boolean): string {
  return full ? 'volledig, met namen' : 'gepseudonimiseerd';
}

/**
 * Actions that only read but matter (issue 12, BIO2 8.15): the read calls the
 * contract marks `logged`, and `study.open`, which a host does outside the
 * contract (the app or browser host at start, each CLI command). A unit test
 * checks that every logged call has one. Details: `scope` (an institution's
 * name or "overkoepelend"), `mode` (privacyModeLabel), `kind` (export kind),
 * `initials`, `via` (which host opened the study).
 */
export const LOGGED_READ_LABELS: Readonly<Record<string, (details: ActionDetails) => string>> = {
  'study.open': (details) => `Onderzoek geopend${details.via ? ` (${details.via})` : ''}`,
  'report.generate': (details) => `Rapportconcept gemaakt: ${details.scope ?? 'onbekend'} (${details.mode ?? privacyModeLabel(false)})`,
  'exchange.export': (details) => {
    const what = EXPORT_KIND_LABELS[details.kind ?? ''] ?? details.kind ?? 'export';
    return `Geëxporteerd: ${what}${details.kind === 'qdc' ? '' : ` (${details.mode ?? privacyModeLabel(false)})`}`;
  },
  'survey.exportTable': () => 'Vragenlijsttabel geëxporteerd (Excel)',
  'study.copyForInspector': (details) => `Kopie gemaakt voor inspecteur ${details.initials ?? ''}`.trim(),
  'logbook.retention': (details) => `Logboekregels verwijderd na de bewaartermijn${details.removed ? ` (${details.removed} regels ouder dan ${details.days} dagen)` : ''}`,
  'logbook.export': (details) => `Logboek geëxporteerd${details.format ? ` (${details.format})` : ''}`,
};

/** The label of a logged read (see LOGGED_READ_LABELS). */
export function loggedReadLabel(call: string, details: ActionDetails = {}): string {
  return LOGGED_READ_LABELS[call]?.(details) ?? call;
}
