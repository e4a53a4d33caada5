/**
 * What a highlighted line needs to draw and describe its codings: the codes
 * (colour, name) and the inspectors (initials), by id. Provided once by the
 * document view, so lines stay memoised on their own pieces.
 */
import { createContext, useContext } from 'react';
import type { Code, Coding, Inspector } from '../../shared/api/types';
import { nl } from '../text/nl';

export interface CodingLookup {
  codes: ReadonlyMap<string, Code>;
  inspectors: ReadonlyMap<string, Inspector>;
}

export const CodingLookupContext = createContext<CodingLookup>({ codes: new Map(), inspectors: new Map() });

export function useCodingLookup(): CodingLookup {
  return useContext(CodingLookupContext);
}

const FALLBACK_COLOR = '#8a94a1';

export function codingColor(lookup: CodingLookup, coding: Coding): string {
  return lookup.codes.get(coding.codeId)?.color ?? FALLBACK_COLOR;
}

/** The tooltip of a highlight or stripe: code, coder, valence and note. */
export function describeCoding(lookup: CodingLookup, coding: Coding): string {
  const code = lookup.codes.get(coding.codeId);
  const coder = coding.coderId ? lookup.inspectors.get(coding.coderId) : undefined;
  return [
    code?.name ?? nl.coding.unknownCode,
    coder ? coder.initials : nl.coding.unknownCoder,
    nl.coding.valence[coding.valence],
    coding.quotable ? nl.coding.quotable : null,
    coding.note.trim() ? coding.note.trim() : null,
  ]
    .filter((part): part is string => part !== null)
    .join(' · ');
}
