/** What the files are: institution and source type (required), role, measure, date, inspector, title. */
import { useState, type FormEvent } from 'react';
import type { SourceMeta } from '../../shared/api/contract';
import { selectInstitutions, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { Field } from '../ui/Field';
import { useSources } from './sources-store';
import { SourceMetaFields, type SourceMetaDraft } from './SourceMetaFields';

interface ImportFormProps {
  fileCount: number;
  onSubmit: (meta: SourceMeta) => void;
  onCancel: () => void;
}

export function ImportForm({ fileCount, onSubmit, onCancel }: ImportFormProps) {
  const institutions = useSession(selectInstitutions);
  const currentInspectorId = useSession((store) => store.session?.currentInspectorId ?? null);
  const filters = useSources((store) => store.filters);

  const onlyInstitution = institutions.length === 1 ? institutions[0]!.id : null;
  const [draft, setDraft] = useState<SourceMetaDraft>({
    institutionId: filters.institutionId ?? onlyInstitution,
    sourceType: filters.sourceType,
    role: filters.role,
    measure: null,
    date: '',
    inspectorId: currentInspectorId,
  });
  const [title, setTitle] = useState('');
  const { institutionId, sourceType } = draft;

  const complete = institutionId !== null && sourceType !== null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!institutionId || !sourceType) return;
    onSubmit({
      institutionId,
      sourceType,
      role: draft.role,
      measure: draft.measure,
      date: draft.date || null,
      inspectorId: draft.inspectorId,
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
      <SourceMetaFields value={draft} onChange={(patch) => setDraft((previous) => ({ ...previous, ...patch }))} testIdPrefix="import" autoFocus />
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
