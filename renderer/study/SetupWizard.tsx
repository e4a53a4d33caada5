/**
 * One dialog to set up a new study: name, period, institutions and
 * inspectors, and how it is encrypted (issue 11): where this computer has no
 * keychain, a study passphrase typed twice; the backend makes the key and the
 * recovery key is shown once before the study is worked on.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { NewStudyKeyPlan } from '../../shared/api/types';
import { api, errorMessage } from '../api/client';
import { NewPassphraseFields } from '../keys/KeyPromptDialog';
import { useKeys } from '../keys/key-store';
import { useUi } from '../ui/ui-store';
import { nl } from '../text/nl';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { InspectorListEditor, type NewInspector } from './InspectorListEditor';
import { InstitutionListEditor } from './InstitutionListEditor';
import { useSession } from './session-store';
import { DateField } from '../ui/DateField';

export function SetupWizard() {
  const closeDialog = useUi((store) => store.closeDialog);
  const createStudy = useSession((store) => store.createStudy);
  const [name, setName] = useState('');
  const [periodStart, setPeriodStart] = useState('');
  const [periodEnd, setPeriodEnd] = useState('');
  const [institutions, setInstitutions] = useState<string[]>([]);
  const [inspectors, setInspectors] = useState<NewInspector[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [keyPlan, setKeyPlan] = useState<NewStudyKeyPlan | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const showRecoveryKey = useKeys((store) => store.showRecoveryKey);
  const asksPassphrase = keyPlan === 'passphrase';

  useEffect(() => {
    api['study.newKeyPlan']({}).then(setKeyPlan, (caught: unknown) => setError(errorMessage(caught, nl.errors.unexpected)));
  }, []);

  const problem = () => {
    if (!name.trim()) return nl.setup.missingName;
    if (inspectors.length === 0) return nl.setup.missingInspector;
    if (periodStart && periodEnd && periodEnd < periodStart) return nl.setup.periodOrder;
    if (asksPassphrase && [...passphrase.trim()].length < 10) return nl.keys.tooShort;
    if (asksPassphrase && passphrase !== repeat) return nl.keys.mismatch;
    return null;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = problem();
    if (found) return setError(found);
    setBusy(true);
    setError(null);
    try {
      const created = await createStudy({
        name: name.trim(),
        periodStart: periodStart || null,
        periodEnd: periodEnd || null,
        institutions,
        inspectors,
        passphrase: asksPassphrase ? passphrase : null,
      });
      // The key first: the workspace stays hidden until the recovery key is marked as kept.
      if (created.recoveryKey) showRecoveryKey(created.recoveryKey, { beforeOpening: true });
      created.open();
      closeDialog();
    } catch (caught) {
      setError(errorMessage(caught, nl.errors.unexpected));
      setBusy(false);
    }
  };

  return (
    <Dialog title={nl.setup.title} onClose={closeDialog} className="setup-dialog" testId="setup-dialog">
      <form onSubmit={submit} noValidate>
        <Field label={nl.setup.name} required>
          <input
            data-testid="setup-name"
            value={name}
            placeholder={nl.setup.namePlaceholder}
            maxLength={300}
            autoFocus
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <fieldset className="field-row">
          <legend>{nl.setup.period}</legend>
          <Field label={nl.setup.periodStart}>
            <DateField data-testid="setup-period-start" value={periodStart} onChange={setPeriodStart} />
          </Field>
          <Field label={nl.setup.periodEnd}>
            <DateField data-testid="setup-period-end" value={periodEnd} onChange={setPeriodEnd} />
          </Field>
        </fieldset>
        <InstitutionListEditor names={institutions} onChange={setInstitutions} />
        <InspectorListEditor inspectors={inspectors} onChange={setInspectors} />
        {asksPassphrase && (
          <fieldset className="setup-passphrase" data-testid="setup-passphrase">
            <legend>{nl.setup.passphraseTitle}</legend>
            <p className="field-hint">{nl.setup.passphraseIntro}</p>
            <p className="field-hint">
              <strong>{nl.setup.passphraseWarning}</strong>
            </p>
            <NewPassphraseFields passphrase={passphrase} repeat={repeat} onPassphrase={setPassphrase} onRepeat={setRepeat} disabled={busy} />
          </fieldset>
        )}
        {keyPlan === 'keychain' && <p className="field-hint">{nl.setup.keychainNote}</p>}
        {keyPlan === 'prepared' && <p className="field-hint">{nl.setup.preparedNote}</p>}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <footer className="dialog-actions">
          <button type="button" onClick={closeDialog}>
            {nl.common.cancel}
          </button>
          <button type="submit" className="primary" data-testid="setup-submit" disabled={busy || keyPlan === null}>
            {busy && keyPlan !== 'none' ? nl.setup.creating : nl.setup.submit}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
