/**
 * "Kopie voor inspecteur maken": a copy of the study with its own replica id
 * for one inspector. The desktop app asks where with a save dialog; the
 * browser host cannot, so it takes a path on this computer (empty: next to
 * the study).
 */
import { useState, type FormEvent } from 'react';
import type { CopyForInspectorResult } from '../../shared/api/types';
import { api, errorMessage } from '../api/client';
import { selectInspectors, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { copyFileName } from './paths';
import { useTeam } from './team-store';

export function CopyDialog() {
  const close = useTeam((store) => store.closeDialog);
  const inspectors = useSession(selectInspectors);
  const currentId = useSession((store) => store.session?.currentInspectorId ?? null);
  const studyPath = useSession((store) => store.session?.studyPath ?? '');
  const canChooseFiles = useSession((store) => store.session?.canChooseFiles ?? false);
  const [initials, setInitials] = useState(() => (inspectors.find((inspector) => inspector.id !== currentId) ?? inspectors[0])?.initials ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<CopyForInspectorResult | null>(null);
  const text = nl.team.copy;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!initials || busy) return;
    setBusy(true);
    setError(null);
    try {
      // No path from here: the app asks with its save dialog, the browser host puts the copy next to the study.
      setResult(await api['study.copyForInspector']({ initials }));
    } catch (failure) {
      setError(errorMessage(failure, nl.errors.unexpected));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={text.title} onClose={close} testId="team-copy-dialog">
      {result ? (
        <div className="team-result" role="status">
          <p>{text.done(result.inspectorName)}</p>
          <p className="path-box" data-testid="team-copy-path">
            {result.path}
          </p>
          <p className="muted">{text.handOver(result.inspectorName)}</p>
          <div className="dialog-actions">
            <button type="button" className="primary" onClick={close}>
              {nl.common.close}
            </button>
          </div>
        </div>
      ) : inspectors.length === 0 ? (
        <p>{text.noInspectors}</p>
      ) : (
        <form onSubmit={(event) => void submit(event)}>
          <Field label={text.inspector} hint={text.inspectorHint}>
            <select value={initials} data-testid="team-copy-inspector" onChange={(event) => setInitials(event.target.value)}>
              {inspectors.map((inspector) => (
                <option key={inspector.id} value={inspector.initials}>
                  {inspector.name} ({inspector.initials})
                </option>
              ))}
            </select>
          </Field>
          {canChooseFiles ? (
            <p className="muted">{text.desktopHint}</p>
          ) : (
            <p className="muted" data-testid="team-copy-beside">
              {text.besideStudy(copyFileName(studyPath, initials))}
            </p>
          )}
          {error && (
            <p className="form-error" role="alert" data-testid="team-copy-error">
              {error}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={close}>
              {nl.common.cancel}
            </button>
            <button type="submit" className="primary" disabled={busy || !initials} data-testid="team-copy-submit">
              {busy ? text.busy : text.submit}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
