/** Study settings: name and period, institutions (add, rename), inspectors (add), the rating scale and Beveiliging (keys, backups). */
import { useState, type FormEvent } from 'react';
import type { Institution } from '../../shared/api/types';
import { errorMessage } from '../api/client';
import { notify, reportError } from '../ui/toast-store';
import { useUi } from '../ui/ui-store';
import { nl } from '../text/nl';
import { Dialog } from '../ui/Dialog';
import { RatingScaleEditor } from '../judgments/RatingScaleEditor';
import { AddRow } from '../ui/AddRow';
import { Field } from '../ui/Field';
import { InspectorChip, InspectorInputs, useInspectorDraft } from './InspectorListEditor';
import { selectInspectors, selectInstitutions, selectStudy, useSession } from './session-store';
import { DateField } from '../ui/DateField';
import { SecuritySection } from '../keys/SecuritySection';

export function SettingsDialog() {
  const closeDialog = useUi((store) => store.closeDialog);
  return (
    <Dialog title={nl.settings.title} onClose={closeDialog} className="settings-dialog" testId="settings-dialog">
      <StudySection />
      <InstitutionsSection />
      <InspectorsSection />
      <RatingScaleEditor />
      <SecuritySection />
      <footer className="dialog-actions">
        <button type="button" onClick={closeDialog}>
          {nl.common.close}
        </button>
      </footer>
    </Dialog>
  );
}

function StudySection() {
  const study = useSession(selectStudy);
  const updateStudy = useSession((store) => store.updateStudy);
  const [name, setName] = useState(study?.name ?? '');
  const [periodStart, setPeriodStart] = useState(study?.periodStart ?? '');
  const [periodEnd, setPeriodEnd] = useState(study?.periodEnd ?? '');
  const [reportDate, setReportDate] = useState(study?.reportDate ?? '');
  const [error, setError] = useState<string | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError(nl.setup.missingName);
    if (periodStart && periodEnd && periodEnd < periodStart) return setError(nl.setup.periodOrder);
    try {
      await updateStudy({ name: name.trim(), periodStart: periodStart || null, periodEnd: periodEnd || null, reportDate: reportDate || null });
      setError(null);
      notify(nl.settings.studySaved);
    } catch (caught) {
      setError(errorMessage(caught, nl.errors.unexpected));
    }
  };

  return (
    <form className="settings-section" onSubmit={save} noValidate>
      <h3>{nl.settings.study}</h3>
      <Field label={nl.setup.name} required>
        <input value={name} maxLength={300} onChange={(event) => setName(event.target.value)} />
      </Field>
      <div className="field-row">
        <Field label={nl.setup.periodStart}>
          <DateField value={periodStart} onChange={setPeriodStart} />
        </Field>
        <Field label={nl.setup.periodEnd}>
          <DateField value={periodEnd} onChange={setPeriodEnd} />
        </Field>
      </div>
      <Field label={nl.setup.reportDate} hint={nl.setup.reportDateHint}>
        <DateField value={reportDate} onChange={setReportDate} />
      </Field>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        {nl.settings.saveStudy}
      </button>
    </form>
  );
}

function InstitutionsSection() {
  const institutions = useSession(selectInstitutions);
  const addInstitution = useSession((store) => store.addInstitution);
  const [draft, setDraft] = useState('');

  const name = draft.trim();

  const add = async () => {
    if (!name) return;
    try {
      await addInstitution(name);
      setDraft('');
      notify(nl.settings.institutionAdded(name));
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <section className="settings-section">
      <h3>{nl.settings.institutions}</h3>
      <ul className="plain-list">
        {institutions.map((institution) => (
          <InstitutionRow key={institution.id} institution={institution} />
        ))}
      </ul>
      <AddRow addLabel={nl.setup.addInstitution} canAdd={name !== ''} onAdd={() => void add()}>
        <input
          aria-label={nl.settings.newInstitution}
          placeholder={nl.settings.newInstitution}
          value={draft}
          maxLength={300}
          onChange={(event) => setDraft(event.target.value)}
        />
      </AddRow>
    </section>
  );
}

function InstitutionRow({ institution }: { institution: Institution }) {
  const renameInstitution = useSession((store) => store.renameInstitution);
  const [name, setName] = useState(institution.name);
  const changed = name.trim() !== '' && name.trim() !== institution.name;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!changed) return;
    try {
      await renameInstitution(institution.id, name.trim());
      notify(nl.settings.institutionRenamed(name.trim()));
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <li>
      <form className="add-row" onSubmit={save}>
        <input
          aria-label={nl.settings.renameInstitution(institution.name)}
          value={name}
          maxLength={300}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" disabled={!changed} aria-label={nl.settings.saveInstitution(institution.name)}>
          {nl.common.save}
        </button>
      </form>
    </li>
  );
}

function InspectorsSection() {
  const inspectors = useSession(selectInspectors);
  const addInspector = useSession((store) => store.addInspector);
  const typed = useInspectorDraft();

  const add = async () => {
    const inspector = typed.draft;
    if (!inspector) return;
    try {
      await addInspector(inspector.name, inspector.initials);
      typed.clear();
      notify(nl.settings.inspectorAdded(inspector.name));
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <section className="settings-section">
      <h3>{nl.settings.inspectors}</h3>
      <ul className="chip-list">
        {inspectors.map((inspector) => (
          <li key={inspector.id} className="chip">
            <InspectorChip inspector={inspector} />
          </li>
        ))}
      </ul>
      <AddRow addLabel={nl.setup.addInspector} canAdd={typed.draft !== null} onAdd={() => void add()}>
        <InspectorInputs typed={typed} nameLabel={nl.settings.newInspectorName} initialsLabel={nl.settings.newInspectorInitials} />
      </AddRow>
    </section>
  );
}
