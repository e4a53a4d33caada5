/**
 * The passphrase dialog: shown while the session holds a study that needs
 * the user (SessionState.keyPrompt). An encrypted study whose key this
 * computer's keychain does not hold asks for its passphrase or recovery key;
 * a plaintext study (not the demo) is offered encryption from the top bar. A wrong secret is
 * refused in Dutch by the backend and changes nothing; after wrong ones the
 * dialog counts down the wait the backend imposes.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { KeyPrompt } from '../../shared/api/types';
import { api, errorMessage } from '../api/client';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { nl } from '../text/nl';
import { useSession } from '../study/session-store';
import { useKeys } from './key-store';
import './keys.css';

/** The modal passphrase dialog: an encrypted study cannot be worked on before it is unlocked. */
export function KeyPromptDialog({ prompt }: { prompt: KeyPrompt }) {
  return prompt.kind === 'unlock' ? <UnlockDialog prompt={prompt} /> : null;
}

/**
 * The offer to encrypt a plaintext study: a button in the top bar while the
 * study is open (work can go on meanwhile), opening the dialog that asks for
 * the passphrase; "Nu niet" withdraws the offer until the next open.
 */
export function EncryptOfferButton() {
  const prompt = useSession((store) => store.session?.keyPrompt ?? null);
  const [open, setOpen] = useState(false);
  if (prompt?.kind !== 'encrypt') return null;
  return (
    <>
      <button type="button" className="top-bar-button encrypt-offer" data-testid="encrypt-offer" title={nl.keys.offerLabel} aria-label={nl.keys.offerLabel} onClick={() => setOpen(true)}>
        {nl.keys.offer}
      </button>
      {open && <EncryptDialog prompt={prompt} onClose={() => setOpen(false)} />}
    </>
  );
}

function useCountdown(initial: number): [number, (seconds: number) => void] {
  const [left, setLeft] = useState(initial);
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft((value) => value - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  return [left, setLeft];
}

function UnlockDialog({ prompt }: { prompt: KeyPrompt }) {
  // Cancel where there is somewhere to go: the open study, or (in the app) the start screen to choose another.
  const canCancel = useSession((store) => store.session?.study != null || store.session?.canChooseFiles === true);
  const { unlock, dismiss } = useKeys();
  const [kind, setKind] = useState<'passphrase' | 'recovery'>('passphrase');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [wait, setWait] = useCountdown(prompt.waitSeconds);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!secret || busy || (kind === 'passphrase' && wait > 0)) return;
    setBusy(true);
    try {
      await unlock(secret, kind);
    } catch (caught) {
      setError(errorMessage(caught, nl.errors.unexpected));
      setSecret('');
      const state = await api['session.state']({}).catch(() => null);
      setWait(state?.keyPrompt?.waitSeconds ?? 0);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={nl.keys.unlockTitle} onClose={canCancel ? () => void dismiss() : undefined} testId="unlock-dialog">
      <form onSubmit={submit} noValidate>
        <p>{nl.keys.unlockIntro(prompt.fileName)}</p>
        <fieldset className="key-fieldset">
          <legend>{nl.keys.secretKind}</legend>
          {(['passphrase', 'recovery'] as const).map((option) => (
            <label key={option}>
              <input
                type="radio"
                name="secret-kind"
                checked={kind === option}
                onChange={() => {
                  setKind(option);
                  setSecret('');
                }}
              />
              {option === 'passphrase' ? nl.keys.withPassphrase : nl.keys.withRecovery}
            </label>
          ))}
        </fieldset>
        <Field label={kind === 'passphrase' ? nl.keys.passphrase : nl.keys.recoveryKey} required>
          <input
            type={kind === 'passphrase' ? 'password' : 'text'}
            autoComplete="off"
            spellCheck={false}
            autoFocus
            value={secret}
            maxLength={1000}
            disabled={busy}
            data-testid="unlock-secret"
            onChange={(event) => setSecret(event.target.value)}
          />
        </Field>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {kind === 'passphrase' && wait > 0 && <p role="status">{nl.keys.wait(wait)}</p>}
        <footer className="dialog-actions">
          {canCancel && (
            <button type="button" onClick={() => void dismiss()} disabled={busy}>
              {nl.common.cancel}
            </button>
          )}
          <button type="submit" className="primary" disabled={busy || !secret || (kind === 'passphrase' && wait > 0)}>
            {busy ? nl.keys.opening : nl.keys.open}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}

function EncryptDialog({ prompt, onClose }: { prompt: KeyPrompt; onClose: () => void }) {
  const { encrypt, dismiss } = useKeys();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if ([...passphrase.trim()].length < 10) return setError(nl.keys.tooShort);
    if (passphrase !== repeat) return setError(nl.keys.mismatch);
    setBusy(true);
    try {
      await encrypt(passphrase);
    } catch (caught) {
      setError(errorMessage(caught, nl.errors.unexpected));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={nl.keys.encryptTitle} onClose={busy ? undefined : onClose} testId="encrypt-dialog">
      <form onSubmit={submit} noValidate>
        <p>{nl.keys.encryptIntro(prompt.fileName)}</p>
        <NewPassphraseFields passphrase={passphrase} repeat={repeat} onPassphrase={setPassphrase} onRepeat={setRepeat} disabled={busy} />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <footer className="dialog-actions">
          <button type="button" onClick={() => void dismiss()} disabled={busy}>
            {nl.keys.notNow}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? nl.keys.encrypting : nl.keys.encrypt}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}

/** A new passphrase, typed twice (also Instellingen → Beveiliging). */
export function NewPassphraseFields(props: {
  passphrase: string;
  repeat: string;
  onPassphrase: (value: string) => void;
  onRepeat: (value: string) => void;
  disabled: boolean;
}) {
  return (
    <>
      <Field label={nl.keys.newPassphrase} required>
        <input
          type="password"
          autoComplete="new-password"
          value={props.passphrase}
          maxLength={1000}
          disabled={props.disabled}
          data-testid="new-passphrase"
          onChange={(event) => props.onPassphrase(event.target.value)}
        />
      </Field>
      <Field label={nl.keys.repeatPassphrase} required>
        <input
          type="password"
          autoComplete="new-password"
          value={props.repeat}
          maxLength={1000}
          disabled={props.disabled}
          data-testid="repeat-passphrase"
          onChange={(event) => props.onRepeat(event.target.value)}
        />
      </Field>
    </>
  );
}

/** The recovery key, shown once after it was made. */
export function RecoveryKeyDialog({ recoveryKey }: { recoveryKey: string }) {
  const noted = useKeys((store) => store.recoveryKeyNoted);
  // Closing forgets the key for good: only after the user says it is kept somewhere.
  const [saved, setSaved] = useState(false);
  return (
    <Dialog title={nl.keys.recoveryTitle} testId="recovery-key-dialog">
      <p>{nl.keys.recoveryIntro}</p>
      <p className="recovery-key" data-testid="recovery-key">
        <code>{recoveryKey}</code>
      </p>
      <label className="recovery-saved">
        <input type="checkbox" checked={saved} onChange={(event) => setSaved(event.target.checked)} data-testid="recovery-saved" /> {nl.keys.recoverySaved}
      </label>
      <footer className="dialog-actions">
        <button type="button" className="primary" onClick={noted} disabled={!saved}>
          {nl.keys.recoveryNoted}
        </button>
      </footer>
    </Dialog>
  );
}
