/** "Samenvoegen ongedaan maken": confirm, naming the time of the backup, then restore it and reload everything. */
import { nl } from '../text/nl';
import { Dialog } from '../ui/Dialog';
import { formatMoment } from './format';
import { useTeam } from './team-store';

export function UndoMergeDialog() {
  const close = useTeam((store) => store.closeDialog);
  const status = useTeam((store) => store.status);
  const busy = useTeam((store) => store.busy === 'undo');
  const undoMerge = useTeam((store) => store.undoMerge);
  const text = nl.team.undo;
  const at = formatMoment(status?.backupAt ?? null) ?? '?';
  return (
    <Dialog title={text.title} onClose={busy ? undefined : close} testId="team-undo-dialog">
      <p data-testid="team-undo-confirm">{text.confirm(at)}</p>
      {(status?.backupBundles ?? 0) > 1 && <p data-testid="team-undo-set">{text.set(status!.backupBundles)}</p>}
      <p className="muted">{text.kept}</p>
      <div className="dialog-actions">
        <button type="button" onClick={close} disabled={busy}>
          {nl.common.cancel}
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy || !status?.backupPath}
          data-testid="team-undo-submit"
          onClick={() => void undoMerge().then((done) => done && close())}
        >
          {busy ? text.busy : text.submit}
        </button>
      </div>
    </Dialog>
  );
}
