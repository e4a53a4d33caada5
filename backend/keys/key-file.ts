/**
 * The key file beside a study (`<study>.veldwerk-sleutels`, like SQLite's own
 * -wal and -shm): the study's random key, wrapped three ways. It holds no
 * secret in the clear: each wrap is AES-256-GCM under a key that only the
 * passphrase (scrypt), the recovery key, or the OS keychain can give. A
 * damaged or foreign key file is refused with a Dutch message and left alone.
 *
 * During a re-key the file briefly carries the previous key's wraps as well,
 * so a crash between writing the new key and replacing the study file never
 * leaves a study that no key opens.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { UserError } from '../errors';
import { writePrivateFile } from '../store/private-files';

export const KEY_FILE_SUFFIX = '-sleutels';
const FORMAT = 'veldwerk-sleutels';
export const KEY_FILE_VERSION = 1;

export function keyFilePath(studyPath: string): string {
  return studyPath + KEY_FILE_SUFFIX;
}

const b64 = z.string().regex(/^[A-Za-z0-9+/=]*$/).max(4096);

const sealed = z.object({ iv: b64, tag: b64, data: b64 });
export type Sealed = z.infer<typeof sealed>;

const scryptParams = z.object({
  name: z.literal('scrypt'),
  N: z.number().int().min(1024).max(2 ** 22),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: b64,
});
export type ScryptParams = z.infer<typeof scryptParams>;

const wrap = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('passphrase'), kdf: scryptParams, sealed }),
  z.object({ kind: z.literal('recovery'), salt: b64, sealed }),
  z.object({ kind: z.literal('keychain'), store: z.enum(['safeStorage', 'keyring']), ref: b64 }),
]);
export type Wrap = z.infer<typeof wrap>;

const keyEntry = z.object({ keyId: z.string().uuid(), wraps: z.array(wrap).max(8) });
export type KeyEntry = z.infer<typeof keyEntry>;

const keyFileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.number().int().min(1),
  cipher: z.literal('sqlcipher-4'),
  current: keyEntry,
  previous: keyEntry.optional(),
});
export type KeyFile = z.infer<typeof keyFileSchema>;

export function newKeyEntry(): KeyEntry {
  return { keyId: randomUUID(), wraps: [] };
}

export function readKeyFile(studyPath: string): KeyFile {
  const path = keyFilePath(studyPath);
  if (!existsSync(path)) {
    throw new UserError(
      `Dit onderzoek is versleuteld, maar het sleutelbestand ernaast ontbreekt (${path}). Zet het sleutelbestand terug naast het onderzoek.`,
      'rejected',
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UserError(`Het sleutelbestand van dit onderzoek is beschadigd (${path}); er is niets gewijzigd.`, 'rejected', error);
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > KEY_FILE_VERSION && (raw as { format?: unknown }).format === FORMAT) {
    throw new UserError('Dit sleutelbestand is gemaakt met een nieuwere versie van Veldwerk. Werk Veldwerk bij om het onderzoek te openen.', 'rejected');
  }
  const parsed = keyFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new UserError(`Het sleutelbestand van dit onderzoek is beschadigd of onbekend (${path}); er is niets gewijzigd.`, 'rejected');
  }
  return parsed.data;
}

export function writeKeyFile(studyPath: string, file: Omit<KeyFile, 'format' | 'version' | 'cipher'>): void {
  const full: KeyFile = { format: FORMAT, version: KEY_FILE_VERSION, cipher: 'sqlcipher-4', ...file };
  writePrivateFile(keyFilePath(studyPath), `${JSON.stringify(full, null, 2)}\n`);
}

/** AES-256-GCM, bound to the key id and wrap kind so a wrap cannot be moved to another key or kind. */
export function seal(wrappingKey: Buffer, secret: Buffer, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(secret), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** The secret, or null when the wrapping key is wrong (or the wrap was altered). */
export function unseal(wrappingKey: Buffer, box: Sealed, aad: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(box.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(box.data, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

export const wrapAad = (keyId: string, kind: Wrap['kind']) => `${FORMAT}/${KEY_FILE_VERSION}/${keyId}/${kind}`;

/** Give a copy of an encrypted study (same key) its own key file; nothing for a plaintext study. */
export function copyKeyFile(fromStudy: string, toStudy: string): void {
  if (!existsSync(keyFilePath(fromStudy))) return;
  writeKeyFile(toStudy, { current: readKeyFile(fromStudy).current });
}
