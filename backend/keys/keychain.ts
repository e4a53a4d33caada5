/**
 * The OS keychain as one seam. The app passes Electron's safeStorage (see
 * electron/safe-storage-keychain.ts); the CLI and the browser host use
 * @napi-rs/keyring (macOS Keychain, Windows Credential Manager, the Secret
 * Service on Linux) where the machine has one. A machine without a keychain
 * gets null, and the passphrase is asked instead: never a plaintext fallback.
 */
export interface Keychain {
  readonly store: 'safeStorage' | 'keyring';
  /** Keep the key; returns the reference to store in the key file (safeStorage: the ciphertext). */
  protect(key: Buffer, keyId: string): Promise<string>;
  /** The key, or null when this keychain does not have it (another machine, another user). */
  recover(ref: string, keyId: string): Promise<Buffer | null>;
}

const SERVICE = 'Veldwerk';

type KeyringModule = typeof import('@napi-rs/keyring');

/** The keyring of this machine, or null where it has none (or the binding cannot load). */
export async function osKeyring(): Promise<Keychain | null> {
  let keyring: KeyringModule;
  try {
    keyring = await import('@napi-rs/keyring');
  } catch {
    return null;
  }
  // On Linux, only the Secret Service (pinned, no fallback) persists across reboots and is locked with the login; the kernel keyring is not a keychain.
  const options = { linux: { store: 'secret-service' as const } };
  const entry = (keyId: string) => new keyring.AsyncEntry(SERVICE, keyId, options);
  try {
    await entry('beschikbaarheid').getPassword();
  } catch {
    return null;
  }
  return {
    store: 'keyring',
    async protect(key, keyId) {
      await entry(keyId).setPassword(key.toString('hex'));
      return '';
    },
    async recover(_ref, keyId) {
      try {
        const hex = await entry(keyId).getPassword();
        return hex && /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : null;
      } catch {
        return null;
      }
    },
  };
}
