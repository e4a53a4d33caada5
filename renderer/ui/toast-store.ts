/** Short messages for the user: results and errors, announced politely. */
import { create } from 'zustand';
import { errorMessage } from '../api/client';
import { nl } from '../text/nl';

export type ToastKind = 'info' | 'success' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

interface ToastStore {
  toasts: Toast[];
  show(kind: ToastKind, text: string): void;
  dismiss(id: number): void;
}

const VISIBLE_MS: Record<ToastKind, number> = { info: 5000, success: 5000, error: 12000 };
const MAX_TOASTS = 4;
let nextId = 1;

export const useToasts = create<ToastStore>()((set, get) => ({
  toasts: [],
  show(kind, text) {
    const id = nextId++;
    set({ toasts: [...get().toasts, { id, kind, text }].slice(-MAX_TOASTS) });
    setTimeout(() => get().dismiss(id), VISIBLE_MS[kind]);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((toast) => toast.id !== id) });
  },
}));

export function notify(text: string): void {
  useToasts.getState().show('success', text);
}

/** Show what went wrong; Dutch messages from the backend are shown as they are. */
export function reportError(error: unknown): void {
  if (!(error instanceof Error) || error.name !== 'ApiError') console.error(error);
  useToasts.getState().show('error', errorMessage(error, nl.errors.unexpected));
}
