/**
 * The app's keychain seen from the backend service: Electron's safeStorage
 * exists only in the main process, so the service asks the host to seal or
 * open one key (host requests `keychainAvailable`, `keychainProtect`,
 * `keychainRecover`). Main does nothing else with keys: making, wrapping,
 * unlocking, encrypting and re-keying a study all run in the service.
 */
import type { Keychain } from './keychain';

export const KEYCHAIN_REQUESTS = ['keychainAvailable', 'keychainProtect', 'keychainRecover'] as const;
export type KeychainRequest = (typeof KEYCHAIN_REQUESTS)[number];

/** What the host answers (electron/study-keys.ts with safeStorage). */
export interface HostKeychainRequests {
  keychainAvailable: () => Promise<boolean>;
  /** The key sealed by the keychain; the reference kept in the key file. */
  keychainProtect: (key: Uint8Array, keyId: string) => Promise<string>;
  /** The key a reference seals, or null when this keychain cannot open it (another user, another machine). */
  keychainRecover: (ref: string, keyId: string) => Promise<Uint8Array | null>;
}

export function isKeychainRequest(method: string): method is KeychainRequest {
  return (KEYCHAIN_REQUESTS as readonly string[]).includes(method);
}

type Ask = (method: KeychainRequest) => (...args: unknown[]) => Promise<unknown>;

/** The keychain seam over host requests; null (each time asked) while the host has no usable keychain. */
export function hostKeychain(ask: Ask): () => Promise<Keychain | null> {
  const keychain: Keychain = {
    store: 'safeStorage',
    protect: async (key, keyId) => String(await ask('keychainProtect')(new Uint8Array(key), keyId)),
    async recover(ref, keyId) {
      const key = await ask('keychainRecover')(ref, keyId);
      return key instanceof Uint8Array && key.length === 32 ? Buffer.from(key) : null;
    },
  };
  return async () => ((await ask('keychainAvailable')()) === true ? keychain : null);
}
