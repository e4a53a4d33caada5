/**
 * Proof that the person at the keyboard knows the study's secret before its
 * secrets change (Instellingen → Beveiliging, `veldwerk passphrase`): an
 * unlocked study on an unattended laptop must not get a passphrase, key or
 * recovery key chosen by someone else. The current passphrase counts its
 * wrong tries like opening does (attempts.ts: the wait grows, also across
 * restarts) and a try during the wait is refused at once, unchecked. The
 * recovery key (160 random bits, not guessable) is not counted, so a user
 * locked out by wrong passphrases can still go on with it, as when opening.
 */
import { timingSafeEqual } from 'node:crypto';
import { UserError } from '../errors';
import { waitBeforeNextTry } from './attempts';
import { readKeyFile } from './key-file';
import { unwrapWithPassphrase, unwrapWithRecoveryKey } from './wraps';

export type SecretKind = 'passphrase' | 'recovery';

export const WRONG_CURRENT_PASSPHRASE = 'Het huidige wachtwoord klopt niet. Er is niets gewijzigd.';
export const WRONG_CURRENT_RECOVERY_KEY = 'De herstelsleutel klopt niet. Er is niets gewijzigd.';
export const NO_PASSPHRASE_YET = 'Dit onderzoek heeft geen wachtwoord (het opent met de sleutelhanger van deze computer). Bevestig met de herstelsleutel. Er is niets gewijzigd.';

export function waitMessage(seconds: number): string {
  return `Er zijn te veel onjuiste wachtwoorden gegeven. Wacht nog ${seconds} ${seconds === 1 ? 'seconde' : 'seconden'} en probeer het dan opnieuw. Er is niets gewijzigd.`;
}

/** Seconds before the next passphrase try for this study may be checked (0: at once). */
export function passphraseWaitSeconds(path: string): number {
  return Math.ceil(waitBeforeNextTry(path, readKeyFile(path).current.keyId) / 1000);
}

/** Refuses in Dutch unless `secret` (the current passphrase or the recovery key) opens `key` of the study at `path`. */
export async function verifyCurrentSecret(path: string, key: Buffer, secret: string, kind: SecretKind): Promise<void> {
  const entry = readKeyFile(path).current;
  if (kind === 'recovery') {
    if (!same(unwrapWithRecoveryKey(entry, secret), key)) throw new UserError(WRONG_CURRENT_RECOVERY_KEY, 'rejected');
    return;
  }
  if (!entry.wraps.some((wrap) => wrap.kind === 'passphrase')) throw new UserError(NO_PASSPHRASE_YET, 'rejected');
  const wait = passphraseWaitSeconds(path);
  if (wait > 0) throw new UserError(waitMessage(wait), 'rejected');
  if (!same(await unwrapWithPassphrase(entry, secret, path), key)) throw new UserError(WRONG_CURRENT_PASSPHRASE, 'rejected');
}

function same(found: Buffer | null, key: Buffer): boolean {
  return found !== null && found.length === key.length && timingSafeEqual(found, key);
}
