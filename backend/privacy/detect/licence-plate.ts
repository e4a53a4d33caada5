/** Dutch licence plates in the sidecodes in use ("12-ABC-3", "XX-99-99"), written with dashes. */
import { matchesOf, type Detector } from './types';

const SIDECODES = [
  'LL-DD-DD', 'DD-DD-LL', 'DD-LL-DD', 'LL-DD-LL', 'LL-LL-DD', 'DD-LL-LL',
  'DD-LLL-D', 'D-LLL-DD', 'LL-DDD-L', 'L-DDD-LL', 'LLL-DD-L', 'L-DD-LLL', 'D-LL-DDD', 'DDD-LL-D',
];
const PLATE = new RegExp(
  `(?<![\\p{L}\\p{N}-])(?:${SIDECODES.map((code) => code.replace(/L/g, '[A-Z]').replace(/D/g, '\\d')).join('|')})(?![\\p{L}\\p{N}-])`,
  'gu',
);

export const detectLicencePlate: Detector = (text) =>
  matchesOf(text, PLATE, 'kenteken', 'kenteken', (match) => /[A-Z]/.test(match[0]) && /\d/.test(match[0]));
