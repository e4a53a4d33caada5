/** Shown while no study is open: begin a new one, open one, or explore the demo. */
import { useId, useState } from 'react';
import './study.css';
import { reportError } from '../ui/toast-store';
import { useUi } from '../ui/ui-store';
import { nl } from '../text/nl';
import { ProgressBar } from '../ui/ProgressBar';
import { useSession } from './session-store';

export function StartScreen() {
  const canChooseFiles = useSession((store) => store.session?.canChooseFiles ?? false);
  const openStudy = useSession((store) => store.openStudy);
  const openDemo = useSession((store) => store.openDemo);
  const openDialog = useUi((store) => store.openDialog);
  const [busyMessage, setBusyMessage] = useState<string | null>(null);

  /** Opening can take a while (the demo is built on first use): show it, keep the screen calm. */
  const run = (message: string, action: () => Promise<void>) => {
    setBusyMessage(message);
    action()
      .catch(reportError)
      .finally(() => setBusyMessage(null));
  };

  return (
    <main className="start-screen" data-testid="start-screen">
      <div className="start-card">
        <h1>{nl.start.title}</h1>
        <p className="start-intro">{nl.start.intro}</p>
        <div className="start-actions">
          <StartAction
            testId="new-study-button"
            label={nl.start.newStudy}
            hint={nl.start.newStudyHint}
            primary
            disabled={busyMessage !== null}
            onClick={() => openDialog('setup')}
          />
          {canChooseFiles && (
            <StartAction
              testId="open-study-button"
              label={nl.start.openStudy}
              hint={nl.start.openStudyHint}
              disabled={busyMessage !== null}
              onClick={() => run(nl.start.opening, openStudy)}
            />
          )}
          <StartAction
            testId="demo-button"
            label={nl.start.openDemo}
            hint={nl.start.openDemoHint}
            disabled={busyMessage !== null}
            onClick={() => run(nl.start.openingDemo, openDemo)}
          />
        </div>
        {busyMessage && (
          <div className="start-progress">
            <ProgressBar done={0} total={0} message={busyMessage} label={busyMessage} />
          </div>
        )}
      </div>
    </main>
  );
}

interface StartActionProps {
  label: string;
  hint: string;
  testId: string;
  primary?: boolean;
  disabled?: boolean;
  onClick: () => void;
}

function StartAction({ label, hint, testId, primary, disabled, onClick }: StartActionProps) {
  const hintId = useId();
  return (
    <button
      type="button"
      className={`start-action ${primary ? 'primary' : ''}`}
      data-testid={testId}
      aria-label={label}
      aria-describedby={hintId}
      disabled={disabled}
      onClick={onClick}
    >
      <span className="start-action-label">{label}</span>
      <span className="start-action-hint" id={hintId}>
        {hint}
      </span>
    </button>
  );
}
