/**
 * "Bundel maken": the team passphrase twice, what goes in (new since the last
 * exchange, or everything), a progress bar while it is encrypted (the key
 * derivation takes a second or two on purpose), then the saved path (desktop)
 * or a download (browser).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BundleExportResult } from '../../shared/api/types';
import { api, errorMessage, onProgress } from '../api/client';
import { nl } from '../text/nl';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { ProgressBar } from '../ui/ProgressBar';
import { formatMoment, passphraseProblem } from './format';
import { bundleDownloadHref, startDownload } from './paths';
import { useTeam } from './team-store';

export function ExportDialog() {
  const close = useTeam((store) => store.closeDialog);
  const status = useTeam((store) => store.status);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [all, setAll] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<BundleExportResult | null>(null);
  const stopListening = useRef<(() => void) | null>(null);
  const text = nl.team.export;

  useEffect(() => () => stopListening.current?.(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const problem = passphraseProblem(passphrase, repeat);
    if (problem) {
      setError(problem);
      return;
    }
    const jobId = `bundel-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    setError(null);
    setBusy(text.busy);
    stopListening.current = onProgress((progress) => {
      if (progress.jobId === jobId && progress.message) setBusy(progress.message);
    });
    try {
      const made = await api['bundle.export']({ passphrase, all, jobId });
      setResult(made);
      setPassphrase('');
      setRepeat('');
      if (made.downloadId) startDownload(bundleDownloadHref(made.downloadId), made.fileName);
      void useTeam.getState().loadStatus();
    } catch (failure) {
      setError(errorMessage(failure, nl.errors.unexpected));
    } finally {
      stopListening.current?.();
      stopListening.current = null;
      setBusy(null);
    }
  }

  if (result) {
    const size = `${Math.max(1, Math.round(result.bytes / 1024)).toLocaleString('nl-NL')} kB`;
    return (
      <Dialog title={text.title} onClose={close} testId="team-export-dialog">
        <div className="team-result" role="status" data-testid="team-export-result">
          <p>
            <strong>{text.done}</strong> {text.summary(result.changes, result.files, size)}
          </p>
          {result.path && (
            <>
              <p>{text.savedAt}</p>
              <p className="path-box" data-testid="team-export-path">
                {result.path}
              </p>
            </>
          )}
          {result.downloadId && (
            <>
              <p className="muted">{text.downloading}</p>
              <p>
                <a className="team-link-button" data-testid="team-export-download" href={bundleDownloadHref(result.downloadId)} download={result.fileName}>
                  {text.downloadAgain}
                </a>{' '}
                <span className="muted path-text">{result.fileName}</span>
              </p>
            </>
          )}
          <p className="muted">{text.handOver}</p>
          <div className="dialog-actions">
            <button type="button" className="primary" onClick={close}>
              {nl.common.close}
            </button>
          </div>
        </div>
      </Dialog>
    );
  }

  const lastExport = formatMoment(status?.lastExportAt ?? null);
  return (
    <Dialog title={text.title} onClose={busy ? undefined : close} testId="team-export-dialog">
      <form onSubmit={(event) => void submit(event)}>
        <Field label={text.passphrase} hint={text.passphraseHint} required>
          <input
            type="password"
            autoComplete="new-password"
            value={passphrase}
            disabled={busy !== null}
            data-testid="team-export-passphrase"
            onChange={(event) => setPassphrase(event.target.value)}
          />
        </Field>
        <Field label={text.repeat} required>
          <input
            type="password"
            autoComplete="new-password"
            value={repeat}
            disabled={busy !== null}
            data-testid="team-export-repeat"
            onChange={(event) => setRepeat(event.target.value)}
          />
        </Field>
        <fieldset disabled={busy !== null}>
          <legend>{text.what}</legend>
          <label className="radio-row">
            <input type="radio" name="bundle-scope" checked={!all} data-testid="team-export-since" onChange={() => setAll(false)} />
            {text.since(status?.changesSinceExport ?? 0, lastExport)}
          </label>
          <label className="radio-row">
            <input type="radio" name="bundle-scope" checked={all} data-testid="team-export-all" onChange={() => setAll(true)} />
            {text.all}
          </label>
        </fieldset>
        {busy && <ProgressBar done={0} total={0} message={busy} label={text.progressLabel} testId="team-export-progress" />}
        {error && (
          <p className="form-error" role="alert" data-testid="team-export-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={close} disabled={busy !== null}>
            {nl.common.cancel}
          </button>
          <button type="submit" className="primary" disabled={busy !== null || !passphrase || !repeat} data-testid="team-export-submit">
            {busy ? text.busy : text.submit}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
