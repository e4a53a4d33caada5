/**
 * The passphrase dialog's calls (backend keys/key-prompt.ts) and the recovery
 * key waiting to be shown once. The key lives only here, in memory, until the
 * user confirms having noted it.
 */
import { create } from 'zustand';
import { api } from '../api/client';
import { useSession } from '../study/session-store';

interface KeyStore {
  /** A recovery key just made, shown once. */
  recoveryKey: string | null;
  showRecoveryKey(recoveryKey: string): void;
  recoveryKeyNoted(): void;
  unlock(secret: string, kind: 'passphrase' | 'recovery'): Promise<void>;
  encrypt(passphrase: string): Promise<void>;
  dismiss(): Promise<void>;
}

export const useKeys = create<KeyStore>()((set) => ({
  recoveryKey: null,
  showRecoveryKey: (recoveryKey) => set({ recoveryKey }),
  recoveryKeyNoted: () => set({ recoveryKey: null }),
  async unlock(secret, kind) {
    useSession.getState().apply(await api['study.unlock']({ secret, with: kind }));
  },
  async encrypt(passphrase) {
    const { recoveryKey, state } = await api['study.encrypt']({ passphrase });
    set({ recoveryKey });
    useSession.getState().apply(state);
  },
  async dismiss() {
    useSession.getState().apply(await api['study.dismissKeyPrompt']({}));
  },
}));
