/**
 * age's passphrase (scrypt) recipient and identity, with the key derivation
 * off the thread that answers the UI.
 *
 * age-encryption derives the key with @noble/hashes' synchronous scrypt:
 * at the work factor bundles use (2^18) that blocks the thread for a second
 * or more, in the desktop app the window. Node's own crypto.scrypt computes
 * the same function in libuv's thread pool and calls back, so the event loop
 * keeps turning. age-encryption accepts custom recipients and identities (its
 * Recipient and Identity interfaces, which may be async); these two write and
 * read exactly the stanza age's own ScryptRecipient and ScryptIdentity do
 * (`-> scrypt <salt> <log2 N>`, the file key sealed with ChaCha20-Poly1305
 * under a zero nonce), so bundles stay plain age files either way.
 * See https://age-encryption.org/v1 (the scrypt recipient type).
 *
 * age allows a scrypt stanza only alone in a header. A bundle for the team's
 * public keys *and* a passphrase (team-recipients.ts) therefore carries the
 * passphrase in a stanza of our own type, `veldwerk-scrypt`, built the same
 * way under its own label: age's X25519 identities skip it, so members still
 * open such a bundle with any age tool; the passphrase part needs Veldwerk.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { Stanza, type Identity, type Recipient } from 'age-encryption';

const LABEL = 'age-encryption.org/v1/scrypt';
/** The stanza type and label of a passphrase beside X25519 recipients (not age's own scrypt type, which must stand alone). */
const BESIDE_TYPE = 'veldwerk-scrypt';
const BESIDE_LABEL = 'veldwerk/v1/scrypt-naast-teamsleutels';
const SALT_BYTES = 16;
const ZERO_NONCE = Buffer.alloc(12);
const TAG_BYTES = 16;
/** age's own ceiling on the work factor of files it reads. */
const MAX_LOG_N = 20;

/** scrypt with age's parameters (r = 8, p = 1, 32-byte key) in the thread pool. */
function deriveKey(passphrase: string, salt: Uint8Array, logN: number, label = LABEL): Promise<Buffer> {
  const labelAndSalt = Buffer.concat([Buffer.from(label, 'utf8'), salt]);
  const N = 2 ** logN;
  // Node refuses parameters needing more than maxmem; scrypt itself needs 128 * N * r bytes.
  const maxmem = 2 * 128 * N * 8;
  return new Promise((resolve, reject) => {
    scrypt(passphrase, labelAndSalt, 32, { N, r: 8, p: 1, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function sealFileKey(fileKey: Uint8Array, key: Buffer): Buffer {
  const cipher = createCipheriv('chacha20-poly1305', key, ZERO_NONCE, { authTagLength: TAG_BYTES });
  return Buffer.concat([cipher.update(fileKey), cipher.final(), cipher.getAuthTag()]);
}

/** The file key, or null when the key does not open the body (another passphrase). */
function openFileKey(body: Uint8Array, key: Buffer): Uint8Array | null {
  const decipher = createDecipheriv('chacha20-poly1305', key, ZERO_NONCE, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  try {
    return new Uint8Array(Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]));
  } catch {
    return null;
  }
}

const base64NoPad = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/=+$/, '');

/** Strict unpadded base64 of exactly 16 bytes, as age requires of the salt; null otherwise. */
function decodeSalt(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]{22}$/.test(text)) return null;
  const salt = Buffer.from(text, 'base64');
  return salt.length === SALT_BYTES && base64NoPad(salt) === text ? salt : null;
}

/** Encrypt to a passphrase (Encrypter.addRecipient), like Encrypter.setPassphrase with setScryptWorkFactor(logN). */
export class PassphraseRecipient implements Recipient {
  constructor(
    private readonly passphrase: string,
    private readonly logN: number,
    /** True when the bundle also goes to X25519 recipients: our own stanza type (see above). */
    private readonly besideRecipients = false,
  ) {}

  async wrapFileKey(fileKey: Uint8Array): Promise<Stanza[]> {
    const salt = randomBytes(SALT_BYTES);
    const key = await deriveKey(this.passphrase, salt, this.logN, this.besideRecipients ? BESIDE_LABEL : LABEL);
    return [new Stanza([this.besideRecipients ? BESIDE_TYPE : 'scrypt', base64NoPad(salt), String(this.logN)], sealFileKey(fileKey, key))];
  }
}

/** Decrypt with a passphrase (Decrypter.addIdentity), like Decrypter.addPassphrase. */
export class PassphraseIdentity implements Identity {
  constructor(private readonly passphrase: string) {}

  async unwrapFileKey(stanzas: Stanza[]): Promise<Uint8Array | null> {
    for (const stanza of stanzas) {
      const beside = stanza.args[0] === BESIDE_TYPE;
      if (stanza.args[0] !== 'scrypt' && !beside) continue;
      // The checks age's ScryptIdentity makes, with its messages.
      if (!beside && stanzas.length !== 1) throw new Error('scrypt recipient is not the only one in the header');
      const [, saltText, logNText] = stanza.args;
      const salt = stanza.args.length === 3 ? decodeSalt(saltText!) : null;
      if (!salt || !/^[1-9][0-9]*$/.test(logNText!)) throw new Error('invalid scrypt stanza');
      const logN = Number(logNText);
      if (logN > MAX_LOG_N) throw new Error('scrypt work factor is too high');
      if (stanza.body.length !== 32) throw new Error('invalid stanza');
      const fileKey = openFileKey(stanza.body, await deriveKey(this.passphrase, salt, logN, beside ? BESIDE_LABEL : LABEL));
      if (fileKey) return fileKey;
    }
    return null;
  }
}
