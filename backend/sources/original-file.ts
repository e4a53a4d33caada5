/** The original file of a source, as it was imported, for export. */
import { UserError } from '../errors';
import type { Study } from '../study/study';

export function originalFile(study: Study, sourceId: string): { fileName: string; data: Buffer } {
  const row = study.db
    .prepare(
      `SELECT s.file_name, o.data FROM source s JOIN original_file o ON o.sha256 = s.file_sha256
       WHERE s.id = ? AND s.deleted = 0`,
    )
    .get(sourceId) as { file_name: string; data: Buffer } | undefined;
  if (!row) throw new UserError('Deze bron bestaat niet (meer).', 'not-found');
  return { fileName: row.file_name, data: row.data };
}
