/**
 * A UUID derived from the identities of what it joins (RFC 4122 version 5
 * style, from SHA-256), for entities of which there is at most one per
 * combination: the judgment of one norm at one institution, the answer to one
 * question for one file. Two copies creating it independently create the same
 * entity, so a merge meets them in one row instead of doubling them.
 */
import { createHash } from 'node:crypto';

export function derivedId(kind: string, ...parts: string[]): string {
  const hex = createHash('sha256').update([kind, ...parts].join('\u0000')).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
