/**
 * The fixed vocabularies of the domain. Keys are stable identifiers (they travel
 * in change records, CLI flags and bundles); labels are what a Dutch user reads.
 */

export const SOURCE_TYPES = [
  'clientdossier',
  'personeelsdossier',
  'beleidsdocument',
  'interview',
  'groepsgesprek',
  'uitspraak',
  'overig',
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export const SOURCE_TYPE_LABELS: Record<SourceType, string> = {
  clientdossier: 'Cliëntdossier',
  personeelsdossier: 'Personeelsdossier',
  beleidsdocument: 'Beleidsdocument',
  interview: 'Interview',
  groepsgesprek: 'Groepsgesprek',
  uitspraak: 'Uitspraak kinderrechter',
  overig: 'Overig',
};

export const ROLES = [
  'jeugdige',
  'ouder',
  'jeugdzorgwerker',
  'gedragswetenschapper',
  'manager',
  'bestuurder',
  'raad-van-toezicht',
  'clientenraad',
  'ondernemingsraad',
  'ketenpartner',
  'gemeente',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  jeugdige: 'Jeugdige',
  ouder: 'Ouder',
  jeugdzorgwerker: 'Jeugdzorgwerker',
  gedragswetenschapper: 'Gedragswetenschapper',
  manager: 'Teammanager',
  bestuurder: 'Bestuurder',
  'raad-van-toezicht': 'Raad van Toezicht',
  clientenraad: 'Cliëntenraad',
  ondernemingsraad: 'Ondernemingsraad',
  ketenpartner: 'Ketenpartner',
  gemeente: 'Gemeente',
};

export const MEASURES = ['ots', 'voogdij', 'jeugdreclassering'] as const;
export type Measure = (typeof MEASURES)[number];

export const MEASURE_LABELS: Record<Measure, string> = {
  ots: 'Ondertoezichtstelling (OTS)',
  voogdij: 'Voogdij',
  jeugdreclassering: 'Jeugdreclassering (JR)',
};

export const VALENCES = ['positief', 'negatief', 'neutraal'] as const;
export type Valence = (typeof VALENCES)[number];

export const SOURCE_FORMATS = ['txt', 'docx', 'pdf'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export const CODE_KINDS = ['norm', 'subcode', 'context'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];
