/** Changing a source's metadata. Its text never changes after import. */
import { UserError } from '../errors';
import type { SourceMeta } from '../../shared/api/contract';
import type { SourceSummary } from '../../shared/api/types';
import type { Study } from '../study/study';
import { getSource } from './queries';

export function updateSourceMeta(study: Study, id: string, meta: SourceMeta & { title: string }): SourceSummary {
  getSource(study, id);
  if (!study.institutions().some((institution) => institution.id === meta.institutionId)) {
    throw new UserError('De gekozen instelling bestaat niet.', 'invalid-input');
  }
  // On the undo history like every other edit, so Ctrl+Z takes a wrong title, type or ECLI back.
  study.write([
    {
      entity: 'source',
      entityId: id,
      fields: {
        title: meta.title,
        institutionId: meta.institutionId,
        sourceType: meta.sourceType,
        role: meta.role,
        measure: meta.measure,
        date: meta.date,
        inspectorId: meta.inspectorId,
        ...(meta.ecli !== undefined ? { ecli: meta.ecli } : {}),
      },
    },
  ], { undoLabel: 'Brongegevens wijzigen' });
  const { text: _text, pageStarts: _pages, headings: _headings, ...summary } = getSource(study, id);
  return summary;
}
