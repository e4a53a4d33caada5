/** E-mail addresses, also written to dodge harvesters: "naam[at]domein.nl", "naam (at) domein (dot) nl". */
import { matchesOf, type Detector } from './types';

const AT = String.raw`(?:\s*@\s*|\s*[[({]\s*(?:at|apenstaart)\s*[\])}]\s*)`;
const DOT = String.raw`(?:\.|\s*[[({]\s*(?:dot|punt)\s*[\])}]\s*)`;
const EMAIL = new RegExp(String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+${AT}[\p{L}\p{N}-]+(?:${DOT}[\p{L}\p{N}-]+)*${DOT}\p{L}{2,}(?![\p{L}\p{N}])`, 'giu');

export const detectEmail: Detector = (text) => matchesOf(text, EMAIL, 'e-mail', 'e-mailadres');
