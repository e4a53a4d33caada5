/**
 * "Huisstijl" in the report dialog: the drafts take Veldwerk's standard house
 * style or a template the user chose (a .docx or .dotx, e.g. the
 * organisation's own). The choice belongs to the study, so the whole team
 * drafts alike. The standard template can be saved (desktop) or downloaded
 * (browser) to edit in Word and choose again.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ReportTemplateInfo } from '../../shared/api/types';
import { api, errorMessage, stageFile } from '../api/client';
import { nl } from '../text/nl';
import { handOffFile, handsOffByDownload } from '../ui/hand-off';

const text = nl.reports.houseStyle;
const TEMPLATE_TYPES =
  '.docx,.dotx,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.wordprocessingml.template';

export function HouseStyleField({ disabled }: { disabled: boolean }) {
  const [info, setInfo] = useState<ReportTemplateInfo | null>(null);
  /** What is being done now (shown while it runs), or null. */
  const [working, setWorking] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const hintId = useId();

  useEffect(() => {
    let current = true;
    api['report.template']({}).then(
      (value) => current && setInfo(value),
      (caught: unknown) => current && setError(errorMessage(caught, nl.errors.unexpected)),
    );
    return () => {
      current = false;
    };
  }, []);

  /** Run one house-style action: one at a time, its error shown here, the last note replaced. */
  const run = async (doing: string, action: () => Promise<void>) => {
    setWorking(doing);
    setError(null);
    setNote(null);
    try {
      await action();
    } catch (caught) {
      setError(errorMessage(caught, nl.errors.unexpected));
    } finally {
      setWorking(null);
    }
  };

  const choose = (file: File) =>
    run(text.checking, async () => {
      const staged = await stageFile(file);
      setInfo(await api['report.setTemplate']({ stagedId: staged.stagedId }));
    });
  const chooseStandard = () => run(text.changing, async () => setInfo(await api['report.setTemplate']({ stagedId: null })));
  const saveStandard = () =>
    run(text.saving, async () => {
      const saved = await api['report.saveTemplate']({ open: true });
      const outcome = await handOffFile({ ...saved, downloadPath: saved.downloadUrl });
      if (outcome.how === 'downloaded') setNote(text.downloaded);
      else if (outcome.how === 'saved') setNote(text.saved(outcome.path));
    });

  const inactive = disabled || working !== null || info === null;
  return (
    <fieldset className="report-fieldset report-house-style" aria-describedby={hintId} aria-busy={working !== null}>
      <legend>{text.legend}</legend>
      <p className="report-house-style-current" data-testid="report-house-style">
        {info === null ? '…' : info.fileName ? text.custom(info.fileName) : text.standard}
      </p>
      <div className="report-house-style-actions">
        <button type="button" className="small" onClick={() => inputRef.current?.click()} disabled={inactive}>
          {info?.fileName ? text.chooseOther : text.choose}
        </button>
        {info?.fileName && (
          <button type="button" className="small" onClick={() => void chooseStandard()} disabled={inactive}>
            {text.useStandard}
          </button>
        )}
        <button type="button" className="small" title={text.saveStandardHint} onClick={() => void saveStandard()} disabled={disabled || working !== null}>
          {handsOffByDownload ? text.downloadStandard : text.saveStandard}
        </button>
      </div>
      <input
        ref={inputRef}
        type="file"
        hidden
        tabIndex={-1}
        aria-hidden="true"
        accept={TEMPLATE_TYPES}
        data-testid="report-template-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void choose(file);
        }}
      />
      <span id={hintId} className="field-hint">
        {text.hint}
      </span>
      {working && <p className="muted">{working}</p>}
      {note && <p className="muted">{note}</p>}
      {error && (
        <p className="report-problem" role="alert" data-testid="report-house-style-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
