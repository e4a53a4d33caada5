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
  /** True for a new study's key: the study is not shown until the key is marked as kept. */
  holdsStudy: boolean;
  showRecoveryKey(recoveryKey: string, options?: { beforeOpening?: boolean }): void;
  recoveryKeyNoted(): void;
  unlock(secret: string, kind: 'passphrase' | 'recovery'): Promise<void>;
  encrypt(passphrase: string): Promise<void>;
  dismiss(): Promise<void>;
}

export const useKeys = create<KeyStore>()((set) => ({
  recoveryKey: null,
  holdsStudy: false,
  showRecoveryKey: (recoveryKey, options) => set({ recoveryKey, holdsStudy: options?.beforeOpening === true }),
  recoveryKeyNoted: () => set({ recoveryKey: null, holdsStudy: false }),
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
