/**
 * The Dutch name of each kind of object, one list for every place that names
 * one: the logbook's lines and exports (backend/logbook/query.ts) and the
 * merge conflicts view (renderer/text/nl.ts). Pure TypeScript.
 */
export const ENTITY_NAMES: Readonly<Record<string, string>> = {
  study: 'Onderzoek',
  institution: 'Instelling',
  inspector: 'Inspecteur',
  code: 'Code',
  source: 'Bron',
  coding: 'Codering',
  memo: 'Memo',
  reviewQuestion: 'Dossiervraag',
  reviewAnswer: 'Dossieranalyse',
  judgment: 'Oordeel',
  judgmentEvidence: 'Oordeel',
  finding: 'Bevinding',
  theme: 'Thema',
  survey: 'Vragenlijst',
  person: 'Persoon',
  bundle: 'Bundel',
};
