/**
 * Instellingen → Beveiliging: how the study is encrypted, change the
 * passphrase, a new recovery key (shown once), rotate the key (a job with
 * progress), and the backups beside the study: list, how many are kept, and
 * restoring one after a confirmation. Reloads when the backend pushes
 * `session` (key file and backups are this copy's bookkeeping).
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { BackupEntry, SecurityInfo } from '../../shared/api/types';
import { api, errorMessage } from '../api/client';
import { useEntitiesChanged } from '../api/study-changes';
import { formatMoment } from '../merge/format';
import { nl } from '../text/nl';
import { useSession } from '../study/session-store';
import { Field } from '../ui/Field';
import { ProgressBar } from '../ui/ProgressBar';
import { followJob } from '../ui/job-progress';
import { notify, reportError } from '../ui/toast-store';
import { NewPassphraseFields } from './KeyPromptDialog';
import { useKeys } from './key-store';

export function SecuritySection() {
  const [info, setInfo] = useState<SecurityInfo | null>(null);
  const load = useCallback(() => {
    api['security.info']({}).then(setInfo, reportError);
  }, []);
  useEffect(load, [load]);
  useEntitiesChanged(['session'], load);
  if (!info) return null;

  return (
    <section className="settings-section" data-testid="security-section">
      <h3>{nl.keys.security}</h3>
      <p>{statusText(info)}</p>
      {info.encrypted && <SecretChanges hasPassphrase={info.opensWith.passphrase} />}
      <Backups info={info} onInfo={setInfo} />
    </section>
  );
}

/** The three changes of the study's secrets, under one field for the current passphrase or recovery key. */
function SecretChanges({ hasPassphrase }: { hasPassphrase: boolean }) {
  const proof = useCurrentSecret(hasPassphrase);
  return (
    <>
      <div className="security-block" data-testid="current-secret-block">
        <h4>{nl.keys.currentTitle}</h4>
        <p className="field-hint">{nl.keys.currentHint}</p>
        <CurrentSecretFields proof={proof} disabled={false} />
      </div>
      <ChangePassphrase proof={proof} />
      <NewRecoveryKey proof={proof} />
      <Rekey proof={proof} />
    </>
  );
}

function statusText(info: SecurityInfo): string {
  if (info.demo && !info.encrypted) return nl.keys.demoStatus;
  if (!info.encrypted) return nl.keys.plainStatus;
  const ways: string[] = [];
  if (info.opensWith.passphrase) ways.push(nl.keys.wayPassphrase);
  if (info.opensWith.keychain) ways.push(nl.keys.wayKeychain);
  if (info.opensWith.recoveryKey) ways.push(nl.keys.wayRecovery);
  return nl.keys.encryptedStatus(ways);
}

/** Two passphrase fields and their check, shared by "change" and "rotate". */
function usePassphrasePair() {
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const problem = () => ([...passphrase.trim()].length < 10 ? nl.keys.tooShort : passphrase !== repeat ? nl.keys.mismatch : null);
  const clear = () => {
    setPassphrase('');
    setRepeat('');
  };
  return { passphrase, repeat, setPassphrase, setRepeat, problem, clear };
}

/** The current passphrase or the recovery key, asked before any secret changes; a study without a passphrase confirms with the recovery key. */
function useCurrentSecret(hasPassphrase: boolean) {
  const [kind, setKind] = useState<'passphrase' | 'recovery'>(hasPassphrase ? 'passphrase' : 'recovery');
  const [secret, setSecret] = useState('');
  return {
    kind,
    secret,
    setKind: (next: 'passphrase' | 'recovery') => {
      setKind(next);
      setSecret('');
    },
    setSecret,
    hasPassphrase,
    problem: () => (secret ? null : nl.keys.currentMissing),
    input: () => ({ current: secret, currentWith: kind }),
    clear: () => setSecret(''),
  };
}

function CurrentSecretFields({ proof, disabled }: { proof: Proof; disabled: boolean }) {
  const group = useId();
  return (
    <>
      {proof.hasPassphrase && (
        <fieldset className="key-fieldset">
          <legend>{nl.keys.currentKind}</legend>
          {(['passphrase', 'recovery'] as const).map((option) => (
            <label key={option}>
              <input type="radio" name={group} checked={proof.kind === option} disabled={disabled} onChange={() => proof.setKind(option)} />
              {option === 'passphrase' ? nl.keys.withPassphrase : nl.keys.withRecovery}
            </label>
          ))}
        </fieldset>
      )}
      <Field label={proof.kind === 'passphrase' ? nl.keys.currentPassphrase : nl.keys.currentRecovery} required>
        <input
          type={proof.kind === 'passphrase' ? 'password' : 'text'}
          autoComplete={proof.kind === 'passphrase' ? 'current-password' : 'off'}
          spellCheck={false}
          value={proof.secret}
          maxLength={1000}
          disabled={disabled}
          data-testid="current-secret"
          onChange={(event) => proof.setSecret(event.target.value)}
        />
      </Field>
    </>
  );
}

type Proof = ReturnType<typeof useCurrentSecret>;

function ChangePassphrase({ proof }: { proof: Proof }) {
  const pair = usePassphrasePair();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = proof.problem() ?? pair.problem();
    if (problem) return setError(problem);
    setBusy(true);
    try {
      await api['security.changePassphrase']({ passphrase: pair.passphrase, ...proof.input() });
      pair.clear();
      proof.clear();
      setError(null);
      notify(nl.keys.passphraseChanged);
    } catch (caught) {
      proof.clear();
      setError(errorMessage(caught, nl.errors.unexpected));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="security-block" onSubmit={submit} noValidate data-testid="change-passphrase">
      <h4>{nl.keys.changePassphrase}</h4>
      <NewPassphraseFields passphrase={pair.passphrase} repeat={pair.repeat} onPassphrase={pair.setPassphrase} onRepeat={pair.setRepeat} disabled={busy} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {nl.keys.changePassphrase}
      </button>
    </form>
  );
}

function NewRecoveryKey({ proof }: { proof: Proof }) {
  const showRecoveryKey = useKeys((store) => store.showRecoveryKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = proof.problem();
    if (problem) return setError(problem);
    setBusy(true);
    try {
      const { recoveryKey } = await api['security.newRecoveryKey'](proof.input());
      setError(null);
      showRecoveryKey(recoveryKey);
    } catch (caught) {
      setError(errorMessage(caught, nl.errors.unexpected));
    } finally {
      proof.clear();
      setBusy(false);
    }
  };
  return (
    <form className="security-block" onSubmit={submit} noValidate data-testid="new-recovery-key">
      <h4>{nl.keys.newRecovery}</h4>
      <p className="field-hint">{nl.keys.newRecoveryHint}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {nl.keys.newRecoveryMake}
      </button>
    </form>
  );
}

function Rekey({ proof }: { proof: Proof }) {
  const pair = usePassphrasePair();
  const showRecoveryKey = useKeys((store) => store.showRecoveryKey);
  const apply = useSession((store) => store.apply);
  const [progress, setProgress] = useState<{ done: number; total: number; message: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = proof.problem() ?? pair.problem();
    if (problem) return setError(problem);
    setError(null);
    setProgress({ done: 0, total: 0, message: nl.keys.rekeyStarted });
    const job = followJob('sleutel', (update) => setProgress({ done: update.done, total: update.total, message: update.message ?? '' }));
    try {
      const { recoveryKey, state } = await api['security.rekey']({ passphrase: pair.passphrase, ...proof.input(), jobId: job.jobId });
      pair.clear();
      notify(nl.keys.rekeyDone);
      apply(state);
      showRecoveryKey(recoveryKey);
    } catch (caught) {
      setError(errorMessage(caught, nl.errors.unexpected));
    } finally {
      proof.clear();
      job.stop();
      setProgress(null);
    }
  };
  return (
    <form className="security-block" onSubmit={submit} noValidate data-testid="rekey">
      <h4>{nl.keys.rekey}</h4>
      <p className="field-hint">{nl.keys.rekeyHint}</p>
      <NewPassphraseFields passphrase={pair.passphrase} repeat={pair.repeat} onPassphrase={pair.setPassphrase} onRepeat={pair.setRepeat} disabled={progress !== null} />
      {progress && <ProgressBar {...progress} label={nl.keys.rekeyProgress} testId="rekey-progress" />}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={progress !== null}>
        {nl.keys.rekey}
      </button>
    </form>
  );
}

function Backups({ info, onInfo }: { info: SecurityInfo; onInfo: (info: SecurityInfo) => void }) {
  const [keep, setKeep] = useState(String(info.backupKeep));
  const saveKeep = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const next = await api['security.setBackupKeep']({ keep: Number(keep) });
      onInfo(next);
      notify(nl.keys.keepSaved(next.backupKeep));
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <div className="security-block" data-testid="backups">
      <h4>{nl.keys.backups}</h4>
      {info.backups.length === 0 ? (
        <p className="field-hint">{nl.keys.noBackups}</p>
      ) : (
        <table className="backup-table">
          <thead>
            <tr>
              <th scope="col">{nl.keys.backupMade}</th>
              <th scope="col">{nl.keys.backupType}</th>
              <th scope="col">{nl.keys.backupSize}</th>
              <th scope="col">
                <span className="visually-hidden">{nl.keys.restore}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {info.backups.map((backup) => (
              <BackupRow key={backup.name} backup={backup} />
            ))}
          </tbody>
        </table>
      )}
      <form className="add-row" onSubmit={saveKeep}>
        <Field label={nl.keys.keep}>
          <input type="number" min={1} max={50} value={keep} onChange={(event) => setKeep(event.target.value)} data-testid="backup-keep" />
        </Field>
        <button type="submit">{nl.keys.keepSave}</button>
      </form>
    </div>
  );
}

function BackupRow({ backup }: { backup: BackupEntry }) {
  const apply = useSession((store) => store.apply);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const time = formatMoment(backup.time) ?? backup.time;
  const restore = async () => {
    setBusy(true);
    try {
      const result = await api['security.restoreBackup']({ name: backup.name });
      apply(result.state);
      notify(nl.keys.restored(result.keptAs));
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  return (
    <>
      <tr>
        <td>{time}</td>
        <td>{nl.keys.backupKind(backup.kind)}</td>
        <td>{nl.exchange.size(backup.size)}</td>
        <td>
          <button type="button" aria-label={nl.keys.restoreLabel(time)} onClick={() => setConfirming(true)} disabled={busy || confirming}>
            {nl.keys.restore}
          </button>
        </td>
      </tr>
      {confirming && (
        <tr>
          <td colSpan={4} role="alert">
            <p>{nl.keys.restoreConfirm(time)}</p>
            <button type="button" className="primary" onClick={() => void restore()} disabled={busy}>
              {nl.keys.restoreYes}
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)} disabled={busy}>
              {nl.common.cancel}
            </button>
          </td>
        </tr>
      )}
    </>
  );
}
