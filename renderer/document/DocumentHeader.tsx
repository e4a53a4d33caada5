/** Title and metadata of the open source. */
import { useState } from 'react';
import type { SourceDocument } from '../../shared/api/types';
import { MEASURE_LABELS, ROLE_LABELS, SOURCE_TYPE_LABELS } from '../../shared/vocabulary';
import { inspectorLabel } from '../study/initials';
import { selectInspectors, selectInstitutions, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { SourceStatusSelect } from '../sources/SourceStatusSelect';
import { SourceMetaDialog } from './SourceMetaDialog';

export function DocumentHeader({ document }: { document: SourceDocument }) {
  const institutions = useSession(selectInstitutions);
  const inspectors = useSession(selectInspectors);
  const institution = institutions.find((candidate) => candidate.id === document.institutionId);
  const inspector = inspectors.find((candidate) => candidate.id === document.inspectorId);
  const [editing, setEditing] = useState(false);

  const facts = [
    SOURCE_TYPE_LABELS[document.sourceType],
    document.role ? ROLE_LABELS[document.role] : null,
    document.measure ? MEASURE_LABELS[document.measure] : null,
    institution?.name ?? null,
    document.date ? nl.formatDate(document.date) : null,
    document.sourceType === 'uitspraak' ? document.ecli : null,
    inspector ? inspectorLabel(inspector) : null,
  ].filter((fact): fact is string => fact !== null);

  return (
    <header className="doc-header">
      <h1 className="doc-title" data-testid="document-title">
        {document.title}
      </h1>
      <ul className="doc-facts" aria-label={nl.document.metaLabel}>
        {facts.map((fact) => (
          <li key={fact} className="fact">
            {fact}
          </li>
        ))}
      </ul>
      <button type="button" className="small doc-edit-details" data-testid="source-meta-edit" onClick={() => setEditing(true)}>
        {nl.document.editDetails}
      </button>
      {editing && <SourceMetaDialog source={document} onClose={() => setEditing(false)} />}
      <p className="doc-file muted">
        {document.fileName} · {nl.sources.format(document.format, document.pageCount)} · {nl.document.characters(document.characterCount)} ·{' '}
        {nl.document.importedAt(document.importedAt)}
      </p>
      <SourceStatusSelect sourceId={document.id} />
      {document.ocrPages.length > 0 && (
        <p className="doc-sparse-pages doc-ocr-pages" role="note" data-testid="document-ocr-pages">
          {nl.document.ocrPages(document.ocrPages)}
        </p>
      )}
      {document.sparsePages.length > 0 && (
        <p className="doc-sparse-pages" role="note" data-testid="document-sparse-pages">
          {nl.document.sparsePages(document.sparsePages)}
        </p>
      )}
    </header>
  );
}
