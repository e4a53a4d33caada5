/**
 * The persons register and the privacy review as plain data (issue 10):
 * shared by the backend, the API contract and the UI. Pure TypeScript.
 */

/** The kinds of identifying detail the privacy pass finds (backend/privacy/detect). */
export const DETAIL_KINDS = [
  'naam', 'bsn', 'geboortedatum', 'adres', 'telefoonnummer', 'e-mail', 'iban', 'zaaknummer', 'kenteken', 'school', 'woonplaats',
] as const;
export type DetailKind = (typeof DETAIL_KINDS)[number];

export const DETAIL_KIND_LABELS: Record<DetailKind, string> = {
  naam: 'Namen',
  bsn: 'BSN',
  geboortedatum: 'Geboortedata',
  adres: 'Adressen',
  telefoonnummer: 'Telefoonnummers',
  'e-mail': 'E-mailadressen',
  iban: 'Rekeningnummers',
  zaaknummer: 'Zaak- en parketnummers',
  kenteken: 'Kentekens',
  school: 'Scholen',
  woonplaats: 'Woonplaatsen',
};

export const PERSON_ROLES = ['jeugdige', 'ouder', 'pleegouder', 'jeugdzorgwerker', 'anders'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];
export const PERSON_STATUSES = ['kandidaat', 'bevestigd', 'geen-persoon'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

/** How a report refers to a person of a role, unless the register says otherwise. */
export const DEFAULT_PSEUDONYMS: Record<PersonRole, string> = {
  jeugdige: 'de jeugdige',
  ouder: 'de ouder',
  pleegouder: 'de pleegouder',
  jeugdzorgwerker: 'de jeugdzorgwerker',
  anders: '[naam]',
};

export interface Person {
  id: string;
  /** The fullest form known ("Sandra de Vries"). */
  name: string;
  role: PersonRole;
  /** Every form the person appears under (full name, first name, surname, initials, nicknames). */
  forms: string[];
  /** What the reports write instead ("moeder", "de jeugdige", an invented name). */
  pseudonym: string;
  status: PersonStatus;
}

export const PRIVACY_DECISIONS = ['vervangen', 'niet-identificerend'] as const;
export type PrivacyDecision = (typeof PRIVACY_DECISIONS)[number];

export interface PrivacyChoice {
  id: string;
  kind: string;
  text: string;
  decision: PrivacyDecision;
  personId: string | null;
}

/** One detected detail in what is about to leave, for the review (grouped by person and kind by the UI). */
export interface PrivacyFinding {
  kind: DetailKind;
  text: string;
  replacement: string;
  /** False: a candidate that a person should confirm (strict mode refuses while any is left). */
  certain: boolean;
  why: string;
  personId: string | null;
  /** How often it occurs in the output. */
  count: number;
  /** A few words around its first occurrence, the detail itself between ⟦ ⟧. */
  context: string;
  /** A choice already made for it. */
  decision: PrivacyDecision | null;
}

export interface PrivacyScan {
  findings: PrivacyFinding[];
  /** Uncertain candidates without a choice: `report --strict` refuses while any are left. */
  unresolved: number;
}
