/** Study name and period, the view switcher, who is working, and the study settings. */
import { useEffect } from 'react';
import { selectCurrentInspector, selectStudy, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { Button } from '../ui/Button';
import { EncryptOfferButton } from '../keys/KeyPromptDialog';
import { useUi, VIEWS, type ViewName } from '../ui/ui-store';

const VIEW_BUTTONS: Array<{ view: ViewName; label: string; testId: string }> = [
  { view: 'coding', label: nl.views.coding, testId: 'view-coding' },
  { view: 'evidence', label: nl.views.evidence, testId: 'view-evidence' },
  { view: 'judgments', label: nl.views.judgments, testId: 'view-judgments' },
  { view: 'survey', label: nl.views.survey, testId: 'view-survey' },
  { view: 'team', label: nl.views.team, testId: 'view-team' },
  { view: 'persons', label: nl.views.persons, testId: 'view-persons' },
];

export function TopBar() {
  const study = useSession(selectStudy);
  const inspector = useSession(selectCurrentInspector);
  const openDialog = useUi((store) => store.openDialog);
  useViewShortcuts();
  if (!study) return null;

  return (
    <header className="top-bar">
      <span className="app-name">{nl.appName}</span>
      <div className="study-heading">
        <h1 className="study-name truncate" title={study.name}>{study.name}</h1>
        <span className="study-period">{nl.topBar.period(study.periodStart, study.periodEnd)}</span>
      </div>
      <ViewSwitcher />
      <div className="top-bar-actions">
        <EncryptOfferButton />
        <Button className="top-bar-button" data-testid="report-button" label={nl.topBar.reportLabel} onClick={() => openDialog('report')}>
          {nl.topBar.report}
        </Button>
        <Button className="top-bar-button" data-testid="exchange-button" label={nl.exchange.openLabel} onClick={() => openDialog('exchange')}>
          {nl.exchange.open}
        </Button>
        <button
          type="button"
          className="inspector-button"
          data-testid="current-inspector"
          aria-label={inspector ? nl.inspector.switchLabel(inspector.name) : nl.inspector.nobody}
          title={inspector ? inspector.name : nl.inspector.nobody}
          onClick={() => openDialog('inspector')}
        >
          {inspector?.initials ?? '?'}
        </button>
        <Button className="top-bar-button" data-testid="settings-button" label={nl.topBar.settingsLabel} onClick={() => openDialog('settings')}>
          {nl.topBar.settings}
        </Button>
      </div>
    </header>
  );
}

/** One button per view, the current one marked; Ctrl+1 … Ctrl+6 choose them from anywhere. */
function ViewSwitcher() {
  const view = useUi((store) => store.view);
  const showView = useUi((store) => store.showView);
  return (
    <nav className="view-switcher" aria-label={nl.views.label}>
      {VIEW_BUTTONS.map((button, index) => (
        <button
          key={button.view}
          type="button"
          className="view-button"
          data-testid={button.testId}
          aria-current={view === button.view ? 'page' : undefined}
          aria-keyshortcuts={`Control+${index + 1}`}
          title={nl.views.title(button.label, index + 1)}
          onClick={() => showView(button.view)}
        >
          {button.label}
        </button>
      ))}
    </nav>
  );
}

function useViewShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const index = VIEWS.map((_, position) => String(position + 1)).indexOf(event.key);
      const view = VIEWS[index];
      if (!view || useUi.getState().dialog !== null || document.querySelector('dialog[open]') || !useSession.getState().session?.study) return;
      event.preventDefault();
      useUi.getState().showView(view);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
