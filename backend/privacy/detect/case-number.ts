/**
 * Court and case numbers: zaak- and rekestnummers ("C/13/712345 / JE RK 21-1234"),
 * parketnummers ("13/123456-21") and any number after "zaaknummer", "dossiernummer",
 * "kenmerk" and the like. ECLI numbers are public and are not matched.
 */
import { resolveOverlaps } from './overlaps';
import { matchesOf, type Detector } from './types';

const ZAAK = /(?<![\p{L}\p{N}])([A-Z]{1,3}\/\d{2}\/\d{3,8}(?:\s*\/\s*[A-Z]{2}\s?RK\s?\d{2}[-/]\d{1,6})?)(?![\p{N}])/gu;
const REKEST = /(?<![\p{L}\p{N}])([A-Z]{2}\s?RK\s?\d{2}[-/]\d{1,6})(?![\p{N}])/gu;
const PARKET = /(?<![\p{L}\p{N}/])(\d{2}[/.-]\d{6}[-/]\d{2})(?![\p{N}])/gu;
const AFTER_CUE = /(?:zaaknummer|zaaknr|rolnummer|rolnr|parketnummer|parketnr|rekestnummer|dossiernummer|dossiernr|cli[eë]ntnummer|registratienummer|kenmerk|referentie)\.?\s*:?\s*([A-Z0-9](?:[A-Z0-9/.\-]*[A-Z0-9])?)/giu;

export const detectCaseNumber: Detector = (text) => resolveOverlaps([
  ...matchesOf(text, ZAAK, 'zaaknummer', 'zaaknummer'),
  ...matchesOf(text, REKEST, 'zaaknummer', 'rekestnummer'),
  ...matchesOf(text, PARKET, 'zaaknummer', 'parketnummer'),
  ...matchesOf(text, AFTER_CUE, 'zaaknummer', 'na een woord voor een nummer', (match) => /\d/.test(match[1]!) && !/^ECLI/i.test(match[1]!)),
]);
