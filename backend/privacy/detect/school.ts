/**
 * School names: a school word followed by a name ("basisschool De Regenboog",
 * "OBS 't Startblok", "het Erasmus College") or a name that ends in one
 * ("Regenboogschool", "Stedelijk Lyceum").
 */
import { B, CAP, E, matchesOf, type Detector } from './types';

const KINDS = 'basisschool|school|OBS|CBS|RKBS|PCBS|SBO|SO|VSO|IKC|obs|cbs|rkbs|pcbs|sbo|vso|ikc|kindcentrum|montessorischool|daltonschool|jenaplanschool|vrije school|scholengemeenschap|praktijkschool|mavo|vmbo|havo|vwo|lyceum|college|gymnasium|mbo|roc|MBO|ROC';
const NAME = `(?:(?:de|het|'t|De|Het|'T)\\s+)?${CAP}(?:\\s+(?:${CAP}|van|de|der|den))*`;
const AFTER_KIND = new RegExp(`${B}(?:${KINDS})\\s+(${NAME})${E}`, 'gu');
const ENDING = new RegExp(`${B}(?:${CAP}\\s+){0,3}${CAP.replace('[\\p{Ll}\\p{M}]*', '[\\p{Ll}\\p{M}]*?')}(?:school|college|lyceum|gymnasium|scholengemeenschap)${E}`, 'gu');
const ENDING_WORD = new RegExp(`${B}(?:${CAP}\\s+){1,3}(?:College|Lyceum|Gymnasium|School|Scholengemeenschap|Academie)${E}`, 'gu');
/** "school" followed by a name that is not a school ("op school Sandra ..."): the name detector handles those. */
const GENERIC = /^(?:school|so|college|mbo)\s/iu;

export const detectSchool: Detector = (text, context) => [
  ...matchesOf(text, AFTER_KIND, 'school', 'naam van een school', (match) => {
    if (!GENERIC.test(match[0])) return true;
    const first = match[1]!.replace(/^(?:de|het|'t)\s+/iu, '').split(/\s+/)[0]!;
    return /^(?:de|het|'t)\s/iu.test(match[1]!) && !context.allowed.has(first.toLocaleLowerCase('nl'));
  }),
  ...matchesOf(text, ENDING, 'school', 'naam van een school', (match) => !/^(?:Basisschool|School|College)$/u.test(match[0]) && match[0].length > 8),
  ...matchesOf(text, ENDING_WORD, 'school', 'naam van een school'),
];
