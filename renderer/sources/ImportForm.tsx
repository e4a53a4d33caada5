/** What the files are: institution and source type (required), role, measure, date, inspector, title. */
import { useState, type FormEvent } from 'react';
import type { SourceMeta } from '../../shared/api/contract';
import {
  MEASURE_LABELS,
  MEASURES,
  ROLE_LABELS,
  ROLES,
  SOURCE_TYPE_LABELS,
  SOURCE_TYPES,
  type Measure,
  type Role,
  type SourceType,
} from '../../shared/vocabulary';
import { inspectorOptions } from '../study/initials';
import { selectInspectors, selectInstitutions, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { EnumSelect, optionsOf } from '../ui/EnumSelect';
import { Field } from '../ui/Field';
import { useSources } from './sources-store';
import { DateField } from '../ui/DateField';

const TYPE_OPTIONS = optionsOf(SOURCE_TYPES, SOURCE_TYPE_LABELS);
const ROLE_OPTIONS = optionsOf(ROLES, ROLE_LABELS);
const MEASURE_OPTIONS = optionsOf(MEASURES, MEASURE_LABELS);

interface ImportFormProps {
  fileCount: number;
  onSubmit: (meta: SourceMeta) => void;
  onCancel: () => void;
}

export function ImportForm({ fileCount, onSubmit, onCancel }: ImportFormProps) {
  const institutions = useSession(selectInstitutions);
  const inspectors = useSession(selectInspectors);
  const currentInspectorId = useSession((store) => store.session?.currentInspectorId ?? null);
  const filters = useSources((store) => store.filters);

  const onlyInstitution = institutions.length === 1 ? institutions[0]!.id : null;
  const [institutionId, setInstitutionId] = useState<string | null>(filters.institutionId ?? onlyInstitution);
  const [sourceType, setSourceType] = useState<SourceType | null>(filters.sourceType);
  const [role, setRole] = useState<Role | null>(filters.role);
  const [measure, setMeasure] = useState<Measure | null>(null);
  const [date, setDate] = useState('');
  const [inspectorId, setInspectorId] = useState<string | null>(currentInspectorId);
  const [title, setTitle] = useState('');

  const complete = institutionId !== null && sourceType !== null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!institutionId || !sourceType) return;
    onSubmit({
      institutionId,
      sourceType,
      role,
      measure,
      date: date || null,
      inspectorId,
      title: fileCount === 1 && title.trim() ? title.trim() : undefined,
    });
  };

  return (
    <form className="import-form" onSubmit={submit} noValidate>
      {institutions.length === 0 && (
        <p className="form-error" role="alert">
          {nl.importer.needInstitution}
        </p>
      )}
      <div className="field-grid">
        <Field label={nl.importer.institution} required>
          <EnumSelect
            data-testid="import-institution"
            required
            autoFocus
            value={institutionId}
            options={institutions.map((institution) => ({ value: institution.id, label: institution.name }))}
            emptyLabel={nl.importer.choose}
            onChange={setInstitutionId}
          />
        </Field>
        <Field label={nl.importer.sourceType} required>
          <EnumSelect
            data-testid="import-type"
            required
            value={sourceType}
            options={TYPE_OPTIONS}
            emptyLabel={nl.importer.choose}
            onChange={setSourceType}
          />
        </Field>
        <Field label={nl.importer.role}>
          <EnumSelect data-testid="import-role" value={role} options={ROLE_OPTIONS} emptyLabel={nl.importer.noRole} onChange={setRole} />
        </Field>
        <Field label={nl.importer.measure}>
          <EnumSelect
            data-testid="import-measure"
            value={measure}
            options={MEASURE_OPTIONS}
            emptyLabel={nl.importer.noMeasure}
            onChange={setMeasure}
          />
        </Field>
        <Field label={nl.importer.date}>
          <DateField data-testid="import-date" value={date} onChange={setDate} />
        </Field>
        <Field label={nl.importer.inspector}>
          <EnumSelect
            data-testid="import-inspector"
            value={inspectorId}
            options={inspectorOptions(inspectors)}
            emptyLabel={nl.importer.noInspector}
            onChange={setInspectorId}
          />
        </Field>
      </div>
      {fileCount === 1 && (
        <Field label={nl.importer.title_} hint={nl.importer.titleHint}>
          <input data-testid="import-title" value={title} maxLength={300} onChange={(event) => setTitle(event.target.value)} />
        </Field>
      )}
      <footer className="dialog-actions">
        <button type="button" onClick={onCancel}>
          {nl.common.cancel}
        </button>
        <button type="submit" className="primary" data-testid="import-submit" disabled={!complete}>
          {nl.importer.submit(fileCount)}
        </button>
      </footer>
    </form>
  );
}
