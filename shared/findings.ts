/**
 * Findings (bevindingen): statements an inspector writes about a norm or theme,
 * at one institution or across institutions, each of a kind. The kinds decide
 * where a draft places them (conclusions first, examples in boxes, expectations
 * in the closing chapter).
 */

export const FINDING_KINDS = ['conclusie', 'bevinding', 'mooi-voorbeeld', 'casus', 'gevolg', 'oorzaak', 'verwachting'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const FINDING_KIND_LABELS: Record<FindingKind, string> = {
  conclusie: 'Conclusie',
  bevinding: 'Bevinding',
  'mooi-voorbeeld': 'Mooi voorbeeld',
  casus: 'Casus',
  gevolg: 'Gevolg voor jeugdigen en ouders',
  oorzaak: 'Oorzaak',
  verwachting: 'Verwachting',
};

/** A figure computed from the data that a finding rests on, kept with where it comes from. */
export interface FindingFigure {
  /** The sentence with its numbers, as computed ("In 9 van de 16 onderzochte dossiers …"). */
  text: string;
  /** Where the numbers come from (file review, survey, codings), for the trace. */
  basis: string;
}

export interface Finding {
  id: string;
  /** Null: a finding across institutions (the overarching report). */
  institutionId: string | null;
  /** The norm or context code (theme) it is about; null: general. */
  codeId: string | null;
  kind: FindingKind;
  text: string;
  evidenceCodingIds: string[];
  figures: FindingFigure[];
  /** Order within its norm and institution. */
  position: number;
  authorId: string | null;
}

/** The figures a finding shows beside its text: not the one its text already is (a suggestion taken over as it was). */
export function figuresBeside(finding: Pick<Finding, 'text' | 'figures'>): FindingFigure[] {
  return finding.figures.filter((figure) => figure.text.trim() !== finding.text.trim());
}

/** A finding the data suggest, for the writer to accept, edit or discard. */
export interface SuggestedFinding {
  kind: FindingKind;
  text: string;
  figures: FindingFigure[];
  evidenceCodingIds: string[];
}

/**
 * A theme of the overarching report's storyline ("Onvoldoende bescherming en
 * begeleiding"): a chapter drawing on the norms and themes (top-level codes) it names.
 */
export interface Theme {
  id: string;
  title: string;
  codeIds: string[];
  position: number;
}
