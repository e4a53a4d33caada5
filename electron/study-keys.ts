/**
 * The app's keychain: Electron's safeStorage (its asynchronous API), which
 * only the main process has, answered as three host requests of the backend
 * service (backend/keys/host-keychain.ts): is it usable, seal one key, open
 * one sealed key. On Linux the `basic_text` backend (a hard-coded password,
 * no real keychain) counts as none: the window then asks for the study's
 * passphrase. Making, wrapping, unlocking and encrypting stay in the service;
 * this process keeps no key.
 */
import { safeStorage } from 'electron';
import type { HostKeychainRequests } from '../backend/keys/host-keychain';

async function usable(): Promise<boolean> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
  return !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');
}

export const safeStorageRequests: HostKeychainRequests = {
  keychainAvailable: usable,
  async keychainProtect(key) {
    if (!(await usable())) throw new Error('De sleutelhanger van het systeem is niet beschikbaar.');
    return (await safeStorage.encryptStringAsync(Buffer.from(key).toString('hex'))).toString('base64');
  },
  async keychainRecover(ref) {
    try {
      const { result } = await safeStorage.decryptStringAsync(Buffer.from(ref, 'base64'));
      return /^[0-9a-f]{64}$/.test(result) ? new Uint8Array(Buffer.from(result, 'hex')) : null;
    } catch {
      return null;
    }
  },
};
