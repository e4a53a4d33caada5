/** Put text sources into a test study through the real importer. */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { importFiles } from '../../backend/sources/import-sources';
import { listCodes } from '../../backend/framework/framework';
import type { SourceMeta } from '../../shared/api/contract';
import type { Study } from '../../backend/study/study';

let counter = 0;

export async function addTextSource(study: Study, dir: string, text: string, meta: Partial<SourceMeta> = {}): Promise<string> {
  counter += 1;
  const path = join(dir, `bron-${counter}-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(path, text);
  const [outcome] = await importFiles(study, [{ path, fileName: `bron-${counter}.txt` }], {
    institutionId: study.institutions()[0]!.id,
    sourceType: 'clientdossier',
    role: null,
    measure: null,
    date: null,
    inspectorId: null,
    ...meta,
  });
  if (outcome?.status !== 'imported') throw new Error(`import mislukt: ${JSON.stringify(outcome)}`);
  return outcome.sourceId;
}

export function codeId(study: Study, key: string): string {
  const code = listCodes(study).find((candidate) => candidate.key === key);
  if (!code) throw new Error(`geen code ${key}`);
  return code.id;
}
