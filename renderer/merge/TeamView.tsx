/**
 * The "Team" view: bringing the inspectors' copies together. Five parts:
 * Uitwisselen (status of this copy, copy for an inspector, make and read
 * bundles, undo a merge), Conflicten (concurrent edits to choose between,
 * duplicate codes), Overeenstemming (intercoder agreement), Sleutels (the
 * team's signing keys) and Logboek (every action of the team, renderer/logbook/).
 */
import { useEffect } from 'react';
import { reportError } from '../ui/toast-store';
import { nl } from '../text/nl';
import { AgreementTab } from './AgreementTab';
import { ConflictsTab } from './ConflictsTab';
import { CopyDialog } from './CopyDialog';
import { ExchangeTab } from './ExchangeTab';
import { KeysTab } from './KeysTab';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';
import { useTeam, type TeamTab } from './team-store';
import { UndoMergeDialog } from './UndoMergeDialog';
import { LogbookTab } from '../logbook/LogbookTab';
import './team.css';

const TABS: TeamTab[] = ['exchange', 'conflicts', 'agreement', 'keys', 'logbook'];

export function TeamView() {
  const tab = useTeam((store) => store.tab);
  const dialog = useTeam((store) => store.dialog);

  useEffect(() => {
    useTeam.getState().refresh().catch(reportError);
  }, []);

  return (
    <section className="team-view" data-testid="team-view" aria-label={nl.team.viewLabel}>
      <header className="team-toolbar">
        <h2>{nl.team.title}</h2>
        <TabBar />
      </header>
      <div className="team-body" role="tabpanel" id={`team-panel-${tab}`} aria-labelledby={`team-tab-${tab}`}>
        {tab === 'exchange' && <ExchangeTab />}
        {tab === 'conflicts' && <ConflictsTab />}
        {tab === 'agreement' && <AgreementTab />}
        {tab === 'keys' && <KeysTab />}
        {tab === 'logbook' && <LogbookTab />}
      </div>
      {dialog === 'copy' && <CopyDialog />}
      {dialog === 'export' && <ExportDialog />}
      {dialog === 'import' && <ImportDialog />}
      {dialog === 'undo' && <UndoMergeDialog />}
    </section>
  );
}

function TabBar() {
  const tab = useTeam((store) => store.tab);
  const showTab = useTeam((store) => store.showTab);
  const open = useTeam((store) => store.status?.openConflicts ?? 0);
  return (
    <div className="team-tabs" role="tablist" aria-label={nl.team.tabsLabel}>
      {TABS.map((name) => (
        <button
          key={name}
          type="button"
          role="tab"
          id={`team-tab-${name}`}
          aria-controls={`team-panel-${name}`}
          aria-selected={tab === name}
          className="team-tab"
          data-testid={`team-tab-${name}`}
          onClick={() => showTab(name)}
          onKeyDown={(event) => {
            if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
            const next = TABS[(TABS.indexOf(name) + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
            showTab(next);
            document.getElementById(`team-tab-${next}`)?.focus();
          }}
          tabIndex={tab === name ? 0 : -1}
        >
          {nl.team.tabs[name]}
          {name === 'conflicts' && open > 0 && (
            <span className="team-badge" data-testid="team-conflict-badge" aria-label={nl.team.conflictCount(open)}>
              {open}
            </span>
          )}
        </button>
      ))}
    </div>
  );
}
