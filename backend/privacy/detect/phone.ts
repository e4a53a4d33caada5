/**
 * Phone numbers, Dutch and international, with any separators (spaces, dots,
 * dashes, " - ", brackets): a run of digits and separators that
 * awesome-phonenumber (Google's libphonenumber) accepts as a valid number.
 */
import { parsePhoneNumber } from 'awesome-phonenumber';
import { matchesOf, type Detector } from './types';

/** Digits and separators; an area code may stand in brackets ("(010) 123 45 67"), a bracket around the whole number is not taken. */
const CANDIDATE = /(?<![\p{L}\p{N}+])((?:\+|00)?(?:\(0?\d{1,4}\)[\s.-]?)?\d[\d\s.\-/]{6,20}\d)(?![\p{L}\p{N}])/gu;

export const detectPhone: Detector = (text) =>
  matchesOf(text, CANDIDATE, 'telefoonnummer', 'geldig telefoonnummer', (match) => {
    const candidate = match[1]!.trim();
    const digits = candidate.replace(/\D/g, '');
    // A national Dutch number has 10 digits; fewer is a date, a range or an amount.
    if (digits.length < 10 && !/^(?:\+|00)/.test(candidate)) return false;
    if (digits.length > 15 || /\n/.test(candidate)) return false;
    return parsePhoneNumber(candidate.replace(/^00/, '+'), { regionCode: 'NL' }).valid;
  });
