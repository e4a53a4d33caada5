/**
 * "Bundel inlezen": choose a .vwbundle and type the team passphrase; Veldwerk
 * decrypts and checks it and shows what would change (per kind, and the
 * conflicts) without changing anything; then "Samenvoegen" applies it all or
 * nothing, after a backup, or "Annuleren" leaves the study as it was. Every
 * refusal (wrong passphrase, another study, an altered or replayed bundle)
 * shows here, in place, with the form kept.
 */
import { useState, type FormEvent } from 'react';
import type { BundleApplyResult, BundlePreview, BundleSetApplyResult, MergeConflict } from '../../shared/api/types';
import { api, errorMessage, stageFile } from '../api/client';
import { nl } from '../text/nl';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { useJobProgress } from '../ui/job-progress';
import { ProgressBar } from '../ui/ProgressBar';
import { ConflictSides, useNameLookup } from './ConflictsTab';
import { PassphraseField } from './PassphraseField';
import { conflictField, conflictSubject, formatCount, formatMoment, previewRows } from './format';
import { useTeam } from './team-store';

type Phase = 'choose' | 'preview' | 'done' | 'set-done';

const COLUMNS = ['new', 'changed', 'deleted', 'skipped', 'conflicts'] as const;

export function ImportDialog() {
  const close = useTeam((store) => store.closeDialog);
  const [phase, setPhase] = useState<Phase>('choose');
  const [file, setFile] = useState<File | null>(null);
  // Several bundles are applied together, without a preview (each would depend on the ones before it).
  const [several, setSeveral] = useState<File[]>([]);
  const [appliedSet, setAppliedSet] = useState<BundleSetApplyResult | null>(null);
  const [staged, setStaged] = useState<{ file: File; stagedId: string } | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<BundlePreview | null>(null);
  const [result, setResult] = useState<BundleApplyResult | null>(null);
  const job = useJobProgress('bundel');
  const busy = job.busy;
  const text = nl.team.import;

  /** Run one step with a progress message that follows the backend's job; a refusal shows in place. */
  async function withProgress<T>(message: string, work: (jobId: string) => Promise<T>): Promise<T | null> {
    setError(null);
    try {
      return await job.run(message, work);
    } catch (failure) {
      setError(errorMessage(failure, nl.errors.unexpected));
      return null;
    }
  }

  async function applySet() {
    const applied = await withProgress(text.applying, async (jobId) => {
      const stagedIds: string[] = [];
      for (const chosen of several) stagedIds.push((await stageFile(chosen)).stagedId);
      return api['bundle.applySet']({ stagedIds, passphrase: passphrase || null, jobId });
    });
    if (!applied) return;
    setAppliedSet(applied);
    setPassphrase('');
    setPhase('set-done');
  }

  async function showPreview(event: FormEvent) {
    event.preventDefault();
    if (several.length > 1 && !busy) return void applySet();
    if (!file || busy) return;
    const shown = await withProgress(text.previewing, async (jobId) => {
      // The same file is staged once: a second try with another passphrase reads it again.
      let current = staged;
      if (!current || current.file !== file) {
        current = { file, stagedId: (await stageFile(file)).stagedId };
        setStaged(current);
      }
      return api['bundle.preview']({ stagedId: current.stagedId, passphrase: passphrase || null, jobId });
    });
    if (shown) {
      setPreview(shown);
      setPhase('preview');
    }
  }

  async function apply() {
    if (!staged || busy) return;
    const applied = await withProgress(text.applying, (jobId) => api['bundle.apply']({ stagedId: staged.stagedId, passphrase: passphrase || null, jobId }));
    if (!applied) return;
    setResult(applied);
    setPassphrase('');
    setPhase('done');
  }

  const closable = busy === null;
  return (
    <Dialog title={text.title} onClose={closable ? close : undefined} className="team-import-dialog" testId="team-import-dialog">
      {phase === 'choose' && (
        <form onSubmit={(event) => void showPreview(event)}>
          <Field label={text.file} hint={text.chooseFile} required>
            <input
              type="file"
              accept=".vwbundle"
              multiple
              disabled={busy !== null}
              data-testid="team-import-file"
              onChange={(event) => {
                const chosen = [...(event.target.files ?? [])];
                setFile(chosen.length === 1 ? chosen[0]! : null);
                setSeveral(chosen.length > 1 ? chosen : []);
                setError(null);
              }}
            />
          </Field>
          {several.length > 1 && (
            <p className="team-note" data-testid="team-import-set-note">
              {text.setNote(several.length)}
            </p>
          )}
          <PassphraseField label={text.passphrase} hint={text.passphraseHint} required={false} value={passphrase} onChange={setPassphrase} disabled={busy !== null} testId="team-import-passphrase" purpose="use" />
          {busy && <ProgressBar done={0} total={0} message={busy} label={text.progressLabel} testId="team-import-progress" />}
          <ErrorMessage error={error} />
          <div className="dialog-actions">
            <button type="button" onClick={close} disabled={busy !== null}>
              {nl.common.cancel}
            </button>
            <button type="submit" className="primary" disabled={busy !== null || (!file && several.length < 2)} data-testid="team-import-preview">
              {several.length > 1 ? text.applySet(several.length) : text.preview}
            </button>
          </div>
        </form>
      )}

      {phase === 'preview' && preview && (
        <div data-testid="team-import-preview-panel">
          <PreviewSummary preview={preview} />
          {preview.nothingNew ? (
            <p className="team-note" role="status" data-testid="team-import-nothing-new">
              {text.nothingNew}
            </p>
          ) : (
            <>
              <PreviewTable preview={preview} />
              {preview.newFiles > 0 && <p className="muted">{text.newFiles(preview.newFiles)}</p>}
              {preview.conflicts.length > 0 && <PreviewConflicts conflicts={preview.conflicts} />}
              <Warnings warnings={preview.warnings} />
              <p className="team-note">{text.backupNote}</p>
            </>
          )}
          {busy && <ProgressBar done={0} total={0} message={busy} label={text.progressLabel} testId="team-import-progress" />}
          <ErrorMessage error={error} />
          <div className="dialog-actions">
            <button type="button" onClick={close} disabled={busy !== null} data-testid="team-import-cancel">
              {preview.nothingNew ? nl.common.close : nl.common.cancel}
            </button>
            {!preview.nothingNew && (
              <button type="button" className="primary" onClick={() => void apply()} disabled={busy !== null} data-testid="team-import-apply">
                {busy ? text.applying : text.apply}
              </button>
            )}
          </div>
        </div>
      )}

      {phase === 'done' && result && <Applied result={result} onClose={close} />}
      {phase === 'set-done' && appliedSet && <AppliedSet result={appliedSet} onClose={close} />}
    </Dialog>
  );
}

function ErrorMessage({ error }: { error: string | null }) {
  if (!error) return null;
  const already = /niets (is )?veranderd/i.test(error);
  return (
    <p className="form-error" role="alert" data-testid="team-import-error">
      {error}
      {!already && ` ${nl.team.import.unchanged}`}
    </p>
  );
}

function PreviewSummary({ preview }: { preview: BundlePreview }) {
  const { bundle } = preview;
  return (
    <div className="team-bundle-summary" data-testid="team-import-summary">
      <strong>{nl.team.import.from(bundle.senderInspector, formatMoment(bundle.createdAt))}</strong>
      <span className="muted">{nl.team.import.scope(bundle.all, bundle.changes, bundle.files)}</span>
    </div>
  );
}

function PreviewTable({ preview }: { preview: BundlePreview }) {
  const text = nl.team.import;
  const other = preview.perKind.other;
  return (
    <>
      <table className="team-table preview-table" aria-label={text.tableLabel} data-testid="team-preview-table">
        <thead>
          <tr>
            <th scope="col">{text.kind}</th>
            {COLUMNS.map((column) => (
              <th key={column} scope="col" className="num">
                {text.columns[column]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {previewRows(preview.perKind).map(({ kind, counts }) => {
            const empty = COLUMNS.every((column) => counts[column] === 0);
            return (
              <tr key={kind} className={empty ? 'empty-row' : undefined} data-testid="team-preview-row" data-kind={kind}>
                <th scope="row">{text.kinds[kind]}</th>
                {COLUMNS.map((column) => (
                  <td key={column} className={`num ${column === 'conflicts' && counts.conflicts > 0 ? 'warn' : ''}`}>
                    {formatCount(counts[column])}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr data-testid="team-preview-total">
            <th scope="row">{text.total}</th>
            {COLUMNS.map((column) => (
              <td key={column} className="num">
                {formatCount(preview.totals[column])}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
      {COLUMNS.some((column) => other[column] > 0) && <p className="muted team-table-note">{text.otherNote}</p>}
    </>
  );
}

function PreviewConflicts({ conflicts }: { conflicts: MergeConflict[] }) {
  const names = useNameLookup();
  return (
    <section className="preview-conflicts" data-testid="team-preview-conflicts">
      <h3>{nl.team.import.conflictsHeading(conflicts.length)}</h3>
      <p className="muted">{nl.team.import.conflictsNote}</p>
      <ul>
        {conflicts.map((conflict) => (
          <li key={conflict.id} data-testid="team-preview-conflict">
            <div className="conflict-title">
              {conflictSubject(conflict)} <span className="muted">· {conflictField(conflict)}</span>
            </div>
            <ConflictSides conflict={conflict} names={names} preview />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Warnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="team-warnings" data-testid="team-import-warnings">
      <strong>{nl.team.import.warnings}</strong>
      <ul>
        {warnings.map((warning) => (
          <li key={warning}>{warning}</li>
        ))}
      </ul>
    </div>
  );
}

function Applied({ result, onClose }: { result: BundleApplyResult; onClose: () => void }) {
  const text = nl.team.import;
  const conflicts = result.totals.conflicts;
  return (
    <div className="team-result" role="status" data-testid="team-import-done">
      <p>
        <strong>{text.applied(result.applied)}</strong>
      </p>
      <PreviewTable preview={result} />
      <p className="muted">{text.backupAt}</p>
      <p className="path-box" data-testid="team-import-backup">
        {result.backupPath}
      </p>
      <Warnings warnings={result.warnings} />
      <ResultActions conflicts={conflicts} onClose={onClose} />
    </div>
  );
}

/** Closing an applied result: with conflicts, the way to them comes first. */
function ResultActions({ conflicts, onClose }: { conflicts: number; onClose: () => void }) {
  const showTab = useTeam((store) => store.showTab);
  if (conflicts === 0) {
    return (
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose} data-testid="team-import-close">
          {nl.common.close}
        </button>
      </div>
    );
  }
  return (
    <div className="dialog-actions">
      <button type="button" onClick={onClose} data-testid="team-import-close">
        {nl.common.close}
      </button>
      <button
        type="button"
        className="primary"
        data-testid="team-import-to-conflicts"
        onClick={() => {
          showTab('conflicts');
          onClose();
        }}
      >
        {nl.team.import.toConflicts(conflicts)}
      </button>
    </div>
  );
}

function AppliedSet({ result, onClose }: { result: BundleSetApplyResult; onClose: () => void }) {
  const text = nl.team.import;
  const conflicts = result.results.reduce((sum, one) => sum + one.totals.conflicts, 0);
  return (
    <div className="team-result" role="status" data-testid="team-import-set-done">
      <p>
        <strong>{text.setApplied(result.results.length, result.applied)}</strong>
      </p>
      <p className="muted">{text.setBackupAt(result.results.length)}</p>
      <p className="path-box" data-testid="team-import-backup">
        {result.backupPath}
      </p>
      <Warnings warnings={[...new Set(result.results.flatMap((one) => one.warnings))]} />
      <ResultActions conflicts={conflicts} onClose={onClose} />
    </div>
  );
}
