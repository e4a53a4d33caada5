/**
 * The whole window: loading the session, then either the start screen or the
 * study workspace, with the dialogs, the import panel and the notifications on top.
 */
import { useEffect } from 'react';
import { InspectorChoice } from '../study/InspectorChoice';
import { ReportDialog } from '../reports/ReportDialog';
import { ExchangeDialog } from '../exchange/ExchangeDialog';
import { SettingsDialog } from '../study/SettingsDialog';
import { SetupWizard } from '../study/SetupWizard';
import { StartScreen } from '../study/StartScreen';
import { selectStudy, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { errorMessage } from '../api/client';
import './layout.css';
import { Toasts } from '../ui/Toasts';
import { useUi } from '../ui/ui-store';
import { Workspace } from './Workspace';
import { useGlobalShortcuts } from './use-global-shortcuts';
import { useMenuCommands } from './use-menu-commands';
import { useStudyData } from './use-study-data';
import { KeyPromptDialog, RecoveryKeyDialog } from '../keys/KeyPromptDialog';
import { useKeys } from '../keys/key-store';

export function App() {
  const load = useSession((store) => store.load);
  const study = useSession(selectStudy);

  useEffect(() => void load(), [load]);
  useEffect(() => {
    document.title = study ? nl.windowTitle(study.name) : nl.appName;
  }, [study]);
  useStudyData();
  useGlobalShortcuts();
  useMenuCommands();

  return (
    <>
      <Screen />
      <Dialogs />
      <Toasts />
    </>
  );
}

/** Until the session is known nothing shows; then the workspace or the start screen. */
function Screen() {
  const loaded = useSession((store) => store.session !== null);
  const loadError = useSession((store) => store.loadError);
  const load = useSession((store) => store.load);
  const hasStudy = useSession((store) => store.session?.study != null);
  const heldForRecoveryKey = useKeys((store) => store.holdsStudy);
  if (loadError) return <LoadFailed error={loadError} onRetry={() => void load()} />;
  if (!loaded || heldForRecoveryKey) return null;
  return hasStudy ? <Workspace /> : <StartScreen />;
}

function Dialogs() {
  const dialog = useUi((store) => store.dialog);
  const keyPrompt = useSession((store) => store.session?.keyPrompt ?? null);
  const recoveryKey = useKeys((store) => store.recoveryKey);
  const hasStudy = useSession((store) => store.session?.study != null);
  // Also with no inspectors at all (a study made with `veldwerk init`): the dialog then lets them add themselves.
  const mustChooseInspector = useSession((store) => store.session?.study != null && store.session.currentInspectorId === null);
  // The study's secrets come first: nothing else may be worked on before they are settled.
  if (recoveryKey) return <RecoveryKeyDialog recoveryKey={recoveryKey} />;
  if (keyPrompt?.kind === 'unlock') return <KeyPromptDialog key={keyPrompt.fileName} prompt={keyPrompt} />;
  if (dialog === 'setup') return <SetupWizard />;
  if (mustChooseInspector) return <InspectorChoice required />;
  if (dialog === 'inspector' && hasStudy) return <InspectorChoice required={false} />;
  if (dialog === 'settings' && hasStudy) return <SettingsDialog />;
  if (dialog === 'report' && hasStudy) return <ReportDialog onClose={() => useUi.getState().closeDialog()} />;
  if (dialog === 'exchange' && hasStudy) return <ExchangeDialog onClose={() => useUi.getState().closeDialog()} />;
  return null;
}

function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <main className="start-screen">
      <div className="start-card" role="alert">
        <h1>{nl.start.loadFailed}</h1>
        <p>{errorMessage(error, nl.errors.unexpected)}</p>
        <button type="button" className="primary" onClick={onRetry}>
          {nl.start.retry}
        </button>
      </div>
    </main>
  );
}
