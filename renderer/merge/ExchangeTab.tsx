/** "Uitwisselen": where this copy stands (with undoing the last merge next to its backup), and the three exchange actions. */
import { selectCurrentInspector, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { formatMoment } from './format';
import { useTeam } from './team-store';

export function ExchangeTab() {
  const openDialog = useTeam((store) => store.openDialog);
  return (
    <div className="team-exchange">
      <StatusCard />
      <p className="team-how">{nl.team.how}</p>
      <div className="team-actions">
        <ActionCard intro={nl.team.actions.copyIntro} label={nl.team.actions.copy} testId="team-copy" onClick={() => openDialog('copy')} />
        <ActionCard intro={nl.team.actions.exportIntro} label={nl.team.actions.export} testId="team-export" onClick={() => openDialog('export')} primary />
        <ActionCard intro={nl.team.actions.importIntro} label={nl.team.actions.import} testId="team-import" onClick={() => openDialog('import')} primary />
      </div>
    </div>
  );
}

function ActionCard(props: { intro: string; label: string; testId: string; onClick: () => void; primary?: boolean }) {
  return (
    <div className="team-action">
      <p>{props.intro}</p>
      <button type="button" className={props.primary ? 'primary' : undefined} data-testid={props.testId} onClick={props.onClick}>
        {props.label}
      </button>
    </div>
  );
}

function StatusCard() {
  const status = useTeam((store) => store.status);
  const showTab = useTeam((store) => store.showTab);
  const openDialog = useTeam((store) => store.openDialog);
  const inspector = useSession(selectCurrentInspector);
  const replicaId = useSession((store) => store.session?.study?.replicaId ?? '');
  const text = nl.team.status;
  return (
    <section className="team-status" aria-label={text.heading} data-testid="team-status">
      <h3>{text.heading}</h3>
      <dl>
        <dt>{text.inspector}</dt>
        <dd data-testid="team-status-inspector">
          {inspector ? `${inspector.name} (${inspector.initials})` : nl.common.none}{' '}
          <span className="muted" title={replicaId}>
            · {text.copyId(replicaId)}
          </span>
        </dd>
        <dt>{text.lastExport}</dt>
        <dd data-testid="team-status-export">
          {status ? (formatMoment(status.lastExportAt) ?? text.never) : nl.common.loading}
          {status && <span className="muted"> · {text.sinceExport(status.changesSinceExport)}</span>}
        </dd>
        <dt>{text.peers}</dt>
        <dd data-testid="team-status-peers">
          {!status ? nl.common.loading : status.peers.length === 0 ? text.noPeers : (
            <ul className="team-peers">
              {status.peers.map((peer) => (
                <li key={peer.replicaId}>{text.peer(peer.inspectorName, formatMoment(peer.importedAt))}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{text.openConflicts}</dt>
        <dd data-testid="team-status-conflicts">
          {!status ? nl.common.loading : status.openConflicts === 0 ? text.noConflicts : (
            <button type="button" className="link-button" onClick={() => showTab('conflicts')}>
              {text.showConflicts(status.openConflicts)}
            </button>
          )}
        </dd>
        <dt>{text.backup}</dt>
        <dd data-testid="team-status-backup">
          {!status ? nl.common.loading : status.backupPath ? (
            <div className="team-backup">
              <span>{text.backupAt(formatMoment(status.backupAt) ?? '?')}</span>
              <button type="button" className="small" data-testid="team-undo" title={nl.team.actions.undoHint} onClick={() => openDialog('undo')}>
                {nl.team.actions.undo}
              </button>
              <span className="muted path-text team-backup-path">{status.backupPath}</span>
            </div>
          ) : (
            text.noBackup
          )}
        </dd>
      </dl>
    </section>
  );
}
