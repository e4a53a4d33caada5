/**
 * Changing an imported source's details: title, institution, type, role,
 * measure, date, inspector, and for a court ruling its ECLI. A malformed ECLI
 * is refused here in the user's words, and the backend checks everything
 * again (its Dutch refusal is shown here too); the header and the source list follow through the
 * pushed change, and Ctrl+Z undoes it like any other edit.
 */
import { useState, type FormEvent } from 'react';
import { isEcli } from '../../shared/ecli';
import type { SourceDocument } from '../../shared/api/types';
import { MEASURE_LABELS, MEASURES, ROLE_LABELS, ROLES, SOURCE_TYPE_LABELS, SOURCE_TYPES, type Measure, type Role, type SourceType } from '../../shared/vocabulary';
import { api } from '../api/client';
import { errorMessage } from '../api/api-error';
import { inspectorOptions } from '../study/initials';
import { selectInspectors, selectInstitutions, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { DateField } from '../ui/DateField';
import { Dialog } from '../ui/Dialog';
import { EnumSelect, optionsOf } from '../ui/EnumSelect';
import { Field } from '../ui/Field';
import { notify } from '../ui/toast-store';

const TYPE_OPTIONS = optionsOf(SOURCE_TYPES, SOURCE_TYPE_LABELS);
const ROLE_OPTIONS = optionsOf(ROLES, ROLE_LABELS);
const MEASURE_OPTIONS = optionsOf(MEASURES, MEASURE_LABELS);

export function SourceMetaDialog({ source, onClose }: { source: SourceDocument; onClose: () => void }) {
  const institutions = useSession(selectInstitutions);
  const inspectors = useSession(selectInspectors);
  const [title, setTitle] = useState(source.title);
  const [institutionId, setInstitutionId] = useState<string | null>(source.institutionId);
  const [sourceType, setSourceType] = useState<SourceType | null>(source.sourceType);
  const [role, setRole] = useState<Role | null>(source.role);
  const [measure, setMeasure] = useState<Measure | null>(source.measure);
  const [date, setDate] = useState(source.date ?? '');
  const [inspectorId, setInspectorId] = useState<string | null>(source.inspectorId);
  const [ecli, setEcli] = useState(source.ecli ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!institutionId || !sourceType) return;
    if (!title.trim()) return setError(nl.document.titleMissing);
    // A half-typed date reads as "no date": saving it would silently clear the stored one.
    if (event.currentTarget.querySelector('[aria-invalid="true"]')) return setError(nl.document.dateInvalid);
    // Said here in the user's words; the backend checks it again (and would name the field by its internal name).
    const typedEcli = sourceType === 'uitspraak' ? ecli.trim().toUpperCase() : '';
    if (typedEcli && !isEcli(typedEcli)) return setError(nl.document.ecliInvalid);
    setSaving(true);
    try {
      await api['source.updateMeta']({
        id: source.id,
        meta: {
          title: title.trim(),
          institutionId,
          sourceType,
          role,
          measure,
          date: date || null,
          inspectorId,
          // Only a ruling has an ECLI; another type drops it (an undo brings it back).
          ecli: typedEcli || null,
        },
      });
      notify(nl.document.detailsSaved);
      onClose();
    } catch (failure) {
      setError(errorMessage(failure, nl.errors.unexpected));
      setSaving(false);
    }
  };

  return (
    <Dialog title={nl.document.editDetailsTitle} onClose={onClose} testId="source-meta-dialog">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field label={nl.importer.title_} required>
          <input data-testid="source-meta-title" value={title} maxLength={300} autoFocus onChange={(event) => setTitle(event.target.value)} />
        </Field>
        <div className="field-grid">
          <Field label={nl.importer.institution} required>
            <EnumSelect
              data-testid="source-meta-institution"
              required
              value={institutionId}
              options={institutions.map((institution) => ({ value: institution.id, label: institution.name }))}
              emptyLabel={nl.importer.choose}
              onChange={setInstitutionId}
            />
          </Field>
          <Field label={nl.importer.sourceType} required>
            <EnumSelect data-testid="source-meta-type" required value={sourceType} options={TYPE_OPTIONS} emptyLabel={nl.importer.choose} onChange={setSourceType} />
          </Field>
          <Field label={nl.importer.role}>
            <EnumSelect data-testid="source-meta-role" value={role} options={ROLE_OPTIONS} emptyLabel={nl.importer.noRole} onChange={setRole} />
          </Field>
          <Field label={nl.importer.measure}>
            <EnumSelect data-testid="source-meta-measure" value={measure} options={MEASURE_OPTIONS} emptyLabel={nl.importer.noMeasure} onChange={setMeasure} />
          </Field>
          <Field label={nl.importer.date}>
            <DateField data-testid="source-meta-date" value={date} onChange={setDate} />
          </Field>
          <Field label={nl.importer.inspector}>
            <EnumSelect
              data-testid="source-meta-inspector"
              value={inspectorId}
              options={inspectorOptions(inspectors)}
              emptyLabel={nl.importer.noInspector}
              onChange={setInspectorId}
            />
          </Field>
        </div>
        {sourceType === 'uitspraak' && (
          <Field label={nl.document.ecli} hint={nl.document.ecliHint}>
            <input data-testid="source-meta-ecli" value={ecli} maxLength={80} spellCheck={false} onChange={(event) => setEcli(event.target.value)} />
          </Field>
        )}
        {error && (
          <p className="form-error" role="alert" data-testid="source-meta-error">
            {error}
          </p>
        )}
        <footer className="dialog-actions">
          <button type="button" onClick={onClose}>
            {nl.common.cancel}
          </button>
          <button type="submit" className="primary" data-testid="source-meta-save" disabled={saving || !institutionId || !sourceType}>
            {nl.common.save}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
