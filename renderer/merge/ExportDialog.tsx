/**
 * "Bundel maken": the team passphrase twice and/or the team's keys (each
 * unrevoked copy opens it with its own age key), what goes in (new since the last
 * exchange, or everything), a progress bar while it is encrypted (the key
 * derivation takes a second or two on purpose), then the saved path (desktop)
 * or a download (browser).
 */
import { useState, type FormEvent } from 'react';
import type { BundleExportResult } from '../../shared/api/types';
import { api, errorMessage } from '../api/client';
import { nl } from '../text/nl';
import { Dialog } from '../ui/Dialog';
import { useJobProgress } from '../ui/job-progress';
import { ProgressBar } from '../ui/ProgressBar';
import { formatMoment, passphraseProblem } from './format';
import { PassphraseField } from './PassphraseField';
import { handOffFile } from '../ui/hand-off';
import { bundleDownloadPath } from './paths';
import { useTeam } from './team-store';

export function ExportDialog() {
  const close = useTeam((store) => store.closeDialog);
  const status = useTeam((store) => store.status);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [all, setAll] = useState(false);
  const [toTeam, setToTeam] = useState(false);
  const withPassphrase = !toTeam || passphrase !== '' || repeat !== '';
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<BundleExportResult | null>(null);
  const job = useJobProgress('bundel');
  const busy = job.busy;
  const text = nl.team.export;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const problem = withPassphrase ? passphraseProblem(passphrase, repeat) : null;
    if (problem) {
      setError(problem);
      return;
    }
    setError(null);
    try {
      const made = await job.run(text.busy, (jobId) => api['bundle.export']({ passphrase: withPassphrase ? passphrase : null, toTeam, all, jobId }));
      setResult(made);
      setPassphrase('');
      setRepeat('');
      await handOffBundle(made);
    } catch (failure) {
      setError(errorMessage(failure, nl.errors.unexpected));
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
                <button
                  type="button"
                  className="team-link-button"
                  data-testid="team-export-download"
                  onClick={() => void handOffBundle(result).catch((failure: unknown) => setError(errorMessage(failure, nl.errors.unexpected)))}
                >
                  {text.downloadAgain}
                </button>{' '}
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
        <label className="radio-row">
          <input type="checkbox" checked={toTeam} disabled={busy !== null} data-testid="team-export-to-team" onChange={(event) => setToTeam(event.target.checked)} />
          <span>
            {text.toTeam}
            <br />
            <span className="field-hint">{text.toTeamHint}</span>
          </span>
        </label>
        <PassphraseField
          required={!toTeam}
          label={text.passphrase}
          hint={text.passphraseHint}
          value={passphrase}
          onChange={setPassphrase}
          disabled={busy !== null}
          testId="team-export-passphrase"
          purpose="set"
        />
        <PassphraseField label={text.repeat} value={repeat} onChange={setRepeat} disabled={busy !== null} testId="team-export-repeat" purpose="set" />
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
          <button type="submit" className="primary" disabled={busy !== null || (withPassphrase && (!passphrase || !repeat))} data-testid="team-export-submit">
            {busy ? text.busy : text.submit}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The app wrote the bundle where the user chose before it was encrypted; the browser host keeps it for a download. */
function handOffBundle(made: BundleExportResult) {
  return handOffFile({ fileName: made.fileName, fileId: made.downloadId, downloadPath: made.downloadId ? bundleDownloadPath(made.downloadId) : null, path: made.path });
}
