/**
 * Changing an imported source's details: title, institution, type, role,
 * measure, date, inspector, and for a court ruling its ECLI. A malformed ECLI
 * is refused here in the user's words, and the backend checks everything
 * again (its Dutch refusal is shown here too). The header and the source list
 * follow through the pushed change; Ctrl+Z undoes it like any other edit.
 */
import { useState, type FormEvent } from 'react';
import { isEcli } from '../../shared/ecli';
import type { SourceDocument } from '../../shared/api/types';
import { api } from '../api/client';
import { errorMessage } from '../api/api-error';
import { SourceMetaFields, type SourceMetaDraft } from '../sources/SourceMetaFields';
import { nl } from '../text/nl';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { notify } from '../ui/toast-store';

export function SourceMetaDialog({ source, onClose }: { source: SourceDocument; onClose: () => void }) {
  const [title, setTitle] = useState(source.title);
  const [draft, setDraft] = useState<SourceMetaDraft>({
    institutionId: source.institutionId,
    sourceType: source.sourceType,
    role: source.role,
    measure: source.measure,
    date: source.date ?? '',
    inspectorId: source.inspectorId,
  });
  const { institutionId, sourceType } = draft;
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
          role: draft.role,
          measure: draft.measure,
          date: draft.date || null,
          inspectorId: draft.inspectorId,
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
        <SourceMetaFields value={draft} onChange={(patch) => setDraft((previous) => ({ ...previous, ...patch }))} testIdPrefix="source-meta" />
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
