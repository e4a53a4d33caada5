/**
 * Wrapping the study key by a passphrase and by a recovery key.
 *
 * Passphrase: scrypt (memory-hard) with N = 2^17, r = 8, p = 1 (128 MiB, some
 * tenths of a second), a random 16-byte salt, 32-byte output: the AES-256-GCM
 * key of the wrap. The parameters are stored with the wrap, so opening uses
 * what the wrap was made with. Wrong passphrases for the same study wait
 * longer each time (1, 2, 4 … 30 s) on top of scrypt's own cost, also after a
 * restart (attempts.ts).
 *
 * Recovery key: 160 random bits shown once as 8 groups of 4 characters
 * (Crockford base32). It has full entropy, so HKDF-SHA256 is enough to turn it
 * into a wrapping key.
 */
import { hkdfSync, randomBytes, scrypt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { UserError } from '../errors';
import { clearFailures, failureCount, recordFailure, waitBeforeNextTry } from './attempts';
import { seal, unseal, wrapAad, type KeyEntry, type ScryptParams, type Wrap } from './key-file';

export const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
export const MIN_PASSPHRASE_LENGTH = 10;

function derive(passphrase: string, params: ScryptParams): Promise<Buffer> {
  const { N, r, p } = params;
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), Buffer.from(params.salt, 'base64'), 32, { N, r, p, maxmem: 256 * N * r + 32 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export function checkNewPassphrase(passphrase: string): void {
  if ([...passphrase.trim()].length < MIN_PASSPHRASE_LENGTH) {
    throw new UserError(`Kies een wachtwoord van minstens ${MIN_PASSPHRASE_LENGTH} tekens.`, 'invalid-input');
  }
}

export async function passphraseWrap(key: Buffer, keyId: string, passphrase: string): Promise<Wrap> {
  checkNewPassphrase(passphrase);
  const kdf: ScryptParams = { name: 'scrypt', ...SCRYPT, salt: randomBytes(16).toString('base64') };
  return { kind: 'passphrase', kdf, sealed: seal(await derive(passphrase, kdf), key, wrapAad(keyId, 'passphrase')) };
}

/** Failed passphrase attempts so far for this key (this process, or the study's attempts file when given). */
export function passphraseFailures(keyId: string, studyPath?: string): number {
  return failureCount(studyPath, keyId);
}

/**
 * The study key, or null for a wrong passphrase. Repeated failures for the
 * same study wait longer each time, counted beside the study when its path
 * is given (so the wait survives a restart).
 */
export async function unwrapWithPassphrase(entry: KeyEntry, passphrase: string, studyPath?: string): Promise<Buffer | null> {
  const wrap = entry.wraps.find((candidate) => candidate.kind === 'passphrase');
  if (!wrap || wrap.kind !== 'passphrase') return null;
  const wait = waitBeforeNextTry(studyPath, entry.keyId);
  if (wait > 0) await sleep(wait);
  const key = unseal(await derive(passphrase, wrap.kdf), wrap.sealed, wrapAad(entry.keyId, 'passphrase'));
  if (key) clearFailures(studyPath, entry.keyId);
  else recordFailure(studyPath, entry.keyId);
  return key;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new recovery key: the text to show once, and its wrap. */
export function recoveryWrap(key: Buffer, keyId: string): { recoveryKey: string; wrap: Wrap } {
  const secret = randomBytes(20);
  let bits = '';
  for (const byte of secret) bits += byte.toString(2).padStart(8, '0');
  let text = '';
  for (let i = 0; i < bits.length; i += 5) text += CROCKFORD[parseInt(bits.slice(i, i + 5), 2)];
  const recoveryKey = text.match(/.{4}/g)!.join('-');
  const salt = randomBytes(16);
  return { recoveryKey, wrap: { kind: 'recovery', salt: salt.toString('base64'), sealed: seal(recoveryWrappingKey(secret, salt), key, wrapAad(keyId, 'recovery')) } };
}

function recoveryWrappingKey(secret: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, salt, 'veldwerk-herstelsleutel', 32));
}

function parseRecoveryKey(text: string): Buffer | null {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{32}$/.test(clean)) return null;
  let bits = '';
  for (const char of clean) bits += CROCKFORD.indexOf(char).toString(2).padStart(5, '0');
  return Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
}

export function unwrapWithRecoveryKey(entry: KeyEntry, text: string): Buffer | null {
  const secret = parseRecoveryKey(text);
  const wrap = entry.wraps.find((candidate) => candidate.kind === 'recovery');
  if (!secret || !wrap || wrap.kind !== 'recovery') return null;
  return unseal(recoveryWrappingKey(secret, Buffer.from(wrap.salt, 'base64')), wrap.sealed, wrapAad(entry.keyId, 'recovery'));
}
