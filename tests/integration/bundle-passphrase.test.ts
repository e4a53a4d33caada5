/**
 * The passphrase encryption of bundles (backend/merge/age-passphrase.ts):
 * plain age files both ways, and a key derivation that leaves the calling
 * thread free where age's own holds it.
 */
import { Decrypter, Encrypter } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { PassphraseIdentity, PassphraseRecipient } from '../../backend/merge/age-passphrase';
import { measureLoop } from '../helpers/event-loop';

const PLAIN = Buffer.from('Verslag van het teamoverleg, niet verspreiden.\n'.repeat(2000), 'utf8');
const PASSPHRASE = 'zomer-ronde-2026 ÿ ü';

async function sealWithOurs(logN: number, passphrase = PASSPHRASE): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  encrypter.addRecipient(new PassphraseRecipient(passphrase, logN));
  return encrypter.encrypt(PLAIN);
}

async function sealWithAge(logN: number): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  encrypter.setScryptWorkFactor(logN);
  encrypter.setPassphrase(PASSPHRASE);
  return encrypter.encrypt(PLAIN);
}

async function openWithOurs(sealed: Uint8Array, passphrase = PASSPHRASE): Promise<Buffer> {
  const decrypter = new Decrypter();
  decrypter.addIdentity(new PassphraseIdentity(passphrase));
  return Buffer.from(await decrypter.decrypt(sealed));
}

describe('passphrase encryption of bundles', () => {
  it('writes what age itself reads, with age\'s scrypt stanza', async () => {
    const sealed = await sealWithOurs(10);
    expect(Buffer.from(sealed.subarray(0, 80)).toString('latin1')).toMatch(/^age-encryption\.org\/v1\n-> scrypt [A-Za-z0-9+/]{22} 10\n/);
    const decrypter = new Decrypter();
    decrypter.addPassphrase(PASSPHRASE);
    expect(Buffer.from(await decrypter.decrypt(sealed)).equals(PLAIN)).toBe(true);
  });

  it('reads what age itself writes', async () => {
    expect((await openWithOurs(await sealWithAge(10))).equals(PLAIN)).toBe(true);
  });

  it('opens nothing with another passphrase, and refuses an absurd work factor before deriving', async () => {
    await expect(openWithOurs(await sealWithOurs(10), 'winter-ronde-2026')).rejects.toThrow(/no identity matched/);
    const sealed = Buffer.from(await sealWithOurs(10));
    const forged = Buffer.from(sealed.toString('latin1').replace(/^(age-encryption\.org\/v1\n-> scrypt \S+) 10\n/, '$1 30\n'), 'latin1');
    await expect(openWithOurs(forged)).rejects.toThrow(/work factor is too high/);
  });

  it('leaves the thread free while the key is derived, where age\'s own scrypt holds it', async () => {
    const logN = 16;
    const ages = await measureLoop(() => sealWithAge(logN));
    const ours = await measureLoop(() => sealWithOurs(logN));
    console.info(
      `scrypt 2^${logN}: age zelf ${ages.figures.ticks} tikken, langste pauze ${ages.figures.longestGapMs.toFixed(0)} ms; ` +
        `in de threadpool ${ours.figures.ticks} tikken, langste pauze ${ours.figures.longestGapMs.toFixed(0)} ms`,
    );
    expect(ours.figures.longestGapMs).toBeLessThan(ages.figures.longestGapMs / 2);
    expect((await openWithOurs(ours.result)).equals(PLAIN)).toBe(true);
  }, 60_000);
});
