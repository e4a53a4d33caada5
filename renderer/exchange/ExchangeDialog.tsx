/**
 * "Uitwisselen…": export the study for other QDA programs (REFI-QDA project
 * or codebook) or as an Excel table, pseudonymised unless the user asks for a
 * full export (which warns), then download it (browser) or save it (desktop),
 * as report drafts are; and import a project or codebook from another program.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Code, ExchangeExported, ImportPreview, JobProgress, QdpxImportResult } from '../../shared/api/types';
import { EXPORT_KINDS, type ExportKind } from '../../shared/exchange';
import { api, errorMessage, onProgress, stageFile } from '../api/client';
import { useFramework } from '../framework/framework-store';
import { handOffFile, handsOffByDownload } from '../ui/hand-off';
import { nl } from '../text/nl';
import { Dialog } from '../ui/Dialog';
import { ProgressBar } from '../ui/ProgressBar';
import './exchange.css';
import { selectInspectors, useSession } from '../study/session-store';
import { defaultUserChoices, UserMapping } from './UserMapping';

const text = nl.exchange;
const PROJECT_TYPES = '.qdpx,.qdc';
const NEW_CODE = 'nieuw';

export function ExchangeDialog({ onClose }: { onClose: () => void }) {
  const [kind, setKind] = useState<ExportKind>('qdpx');
  const [full, setFull] = useState(false);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Omit<JobProgress, 'jobId'>>({ done: 0, total: 0, message: '' });
  const [exported, setExported] = useState<ExchangeExported | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [imported, setImported] = useState<QdpxImportResult | null>(null);
  /** A chosen project, read but not yet imported: its preview and the user's choice per code (a framework key or "nieuw"). */
  const [pending, setPending] = useState<{ file: File; preview: ImportPreview; choices: Record<string, string>; users: Record<string, string> } | null>(null);
  const inspectors = useSession(selectInspectors);
  const codes = useFramework((store) => store.codes);
  const [error, setError] = useState<string | null>(null);
  const jobRef = useRef<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const warningId = useId();

  useEffect(() => onProgress((event) => event.jobId === jobRef.current && setProgress(event)), []);

  /** One job at a time: its progress shown, its error said here. */
  const run = async (message: string, job: (jobId: string) => Promise<void>) => {
    const jobId = `uitwisselen-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    jobRef.current = jobId;
    setBusy(true);
    setError(null);
    setProgress({ done: 0, total: 0, message });
    try {
      await job(jobId);
    } catch (caught) {
      setError(errorMessage(caught, nl.errors.unexpected));
    } finally {
      jobRef.current = null;
      setBusy(false);
    }
  };

  const doExport = () =>
    run(text.exporting, async (jobId) => {
      setExported(null);
      setSavedAt(null);
      setExported(await api['exchange.export']({ kind, full, jobId }));
    });

  const handOff = async () => {
    if (!exported) return;
    try {
      const outcome = await handOffFile({ fileName: exported.fileName, fileId: exported.exportId, downloadPath: exported.downloadUrl });
      if (outcome.how === 'saved') setSavedAt(outcome.path);
    } catch (caught) {
      setError(errorMessage(caught, nl.errors.unexpected));
    }
  };

  const doPreview = (file: File) =>
    run(text.reading(file.name), async (jobId) => {
      setImported(null);
      setPending(null);
      const staged = await stageFile(file);
      const preview = await api['exchange.preview']({ stagedId: staged.stagedId, jobId });
      setPending({
        file,
        preview,
        choices: Object.fromEntries(preview.codes.map((code) => [code.guid, code.codeKey ?? NEW_CODE])),
        users: defaultUserChoices(preview, inspectors),
      });
    });

  const doImport = () => {
    if (!pending) return;
    const { file, choices, users } = pending;
    return run(text.importing(file.name), async (jobId) => {
      // The preview used the staged copy up: stage the file again, now with the user's mapping.
      const staged = await stageFile(file);
      setImported(await api['exchange.import']({ stagedId: staged.stagedId, mapping: { codes: choices, users }, jobId }));
      // The views follow by themselves: the import pushes the entities it changed.
      setPending(null);
    });
  };

  return (
    <Dialog title={text.title} onClose={busy ? undefined : onClose} className="exchange-dialog" testId="exchange-dialog">
      <section aria-labelledby="exchange-export-heading">
        <h3 id="exchange-export-heading">{text.exportHeading}</h3>
        <fieldset className="exchange-kinds" disabled={busy}>
          <legend>{text.kindLegend}</legend>
          {EXPORT_KINDS.map((option) => (
            <label key={option} className="exchange-kind">
              <input type="radio" name="exchange-kind" value={option} checked={kind === option} onChange={() => setKind(option)} />
              <span>
                <strong>{text.kinds[option][0]}</strong>
                <span className="muted"> {text.kinds[option][1]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {kind !== 'qdc' && (
          <label className="exchange-full">
            <input type="checkbox" checked={full} disabled={busy} onChange={(event) => setFull(event.target.checked)} aria-describedby={warningId} data-testid="exchange-full" />
            {text.full}
          </label>
        )}
        <p id={warningId} className={full && kind !== 'qdc' ? 'exchange-warning' : 'muted'} role={full ? 'alert' : undefined}>
          {full && kind !== 'qdc' ? text.fullWarning : text.pseudonymisedNote}
        </p>
        <button type="button" className="primary" onClick={() => void doExport()} disabled={busy} data-testid="exchange-export">
          {text.export}
        </button>
        {exported && (
          <p className="exchange-result" data-testid="exchange-result">
            <span>
              {exported.fileName} <span className="muted">({text.size(exported.size)})</span>
            </span>{' '}
            {savedAt ? (
              <span className="muted">{text.savedAt(savedAt)}</span>
            ) : (
              <button type="button" className="small primary" data-testid="exchange-download" onClick={() => void handOff()}>
                {handsOffByDownload ? text.download : text.save}
              </button>
            )}
          </p>
        )}
      </section>

      <section aria-labelledby="exchange-import-heading">
        <h3 id="exchange-import-heading">{text.importHeading}</h3>
        <p className="muted">{text.importHint}</p>
        <input
          ref={inputRef}
          type="file"
          accept={PROJECT_TYPES}
          hidden
          data-testid="exchange-import-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void doPreview(file);
          }}
        />
        <button type="button" onClick={() => inputRef.current?.click()} disabled={busy}>
          {text.chooseFile}
        </button>
        {pending && (
          <ImportMapping
            preview={pending.preview}
            codes={codes}
            choices={pending.choices}
            disabled={busy}
            onChoose={(guid, key) => setPending({ ...pending, choices: { ...pending.choices, [guid]: key } })}
            users={<UserMapping users={pending.preview.users} choices={pending.users} disabled={busy} onChoose={(guid, initials) => setPending({ ...pending, users: { ...pending.users, [guid]: initials } })} />}
            onImport={() => void doImport()}
            onCancel={() => setPending(null)}
          />
        )}
        {imported && (
          <p className="exchange-result" data-testid="exchange-imported">
            {text.imported(imported)} {imported.sources.skipped.length > 0 && text.skipped(imported.sources.skipped)}{' '}
            {imported.codings.unplaced > 0 && text.unplaced(imported.codings.unplaced)}
          </p>
        )}
      </section>

      {busy && <ProgressBar {...progress} label={text.progressLabel} testId="exchange-progress" />}
      {error && (
        <p className="exchange-warning" role="alert" data-testid="exchange-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}

/** The project's codes with where each goes: a code of the framework, or added as a new one. */
function ImportMapping(props: {
  preview: ImportPreview;
  codes: Code[];
  choices: Record<string, string>;
  disabled: boolean;
  onChoose: (guid: string, key: string) => void;
  onImport: () => void;
  onCancel: () => void;
  /** The project's coders onto inspectors. */
  users: ReactNode;
}) {
  const { preview, codes, choices, disabled } = props;
  const pathOf = (code: Code): string => {
    const parent = codes.find((candidate) => candidate.id === code.parentId);
    return parent ? `${pathOf(parent)} > ${code.name}` : code.name;
  };
  return (
    <div className="exchange-mapping" data-testid="exchange-mapping">
      <p>{text.preview(preview.result)}</p>
      {preview.codes.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{text.projectCode}</th>
              <th scope="col">{text.frameworkCode}</th>
            </tr>
          </thead>
          <tbody>
            {preview.codes.map((code) => (
              <tr key={code.guid}>
                <td>{code.path}</td>
                <td>
                  <select aria-label={text.mapLabel(code.path)} value={choices[code.guid] ?? NEW_CODE} disabled={disabled} onChange={(event) => props.onChoose(code.guid, event.target.value)}>
                    <option value={NEW_CODE}>{text.addAsNew}</option>
                    {codes.map((candidate) => (
                      <option key={candidate.id} value={candidate.key}>
                        {pathOf(candidate)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.users}
      <div className="exchange-result">
        <button type="button" className="primary" onClick={props.onImport} disabled={disabled} data-testid="exchange-import">
          {text.importNow}
        </button>
        <button type="button" onClick={props.onCancel} disabled={disabled}>
          {nl.common.cancel}
        </button>
      </div>
    </div>
  );
}
