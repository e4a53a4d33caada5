/**
 * `veldwerk import <studie> <map|zip>`: a folder with sub-folders or a dossier
 * export zip, through the same calls as the app (batch.preview, then
 * batch.import). The table is printed first; details come from the folder
 * names where they clearly say so, then --institution/--type/… for every
 * file, then a --manifest row for its own file (path inside the folder or
 * zip). The batch is checked whole before anything is stored: a file without
 * institution or type refuses it, naming the file.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { dispatch } from '../api/handlers';
import type { Session } from '../api/session';
import { UserError } from '../errors';
import { readManifest, type ManifestRow } from '../sources/import-manifest';
import { findInstitutionByName, newInstitutionId } from '../study/setup';
import type { CallName, CallOutput } from '../../shared/api/contract';
import type { BatchPreview, BatchRow } from '../../shared/api/types';
import { MEASURES, ROLES, SOURCE_TYPES, type Measure, type Role, type SourceType } from '../../shared/vocabulary';
import type { MergeCliKit } from './cli-merge';

export interface BatchCliValues {
  institution?: string;
  type?: string;
  role?: string;
  measure?: string;
  date?: string;
  inspector?: string;
  manifest?: string;
  preview?: boolean;
}

/** A folder, or a file named .zip: what `import` hands to the batch import. */
export function isBatchSource(path: string): boolean {
  return existsSync(path) && (statSync(path).isDirectory() || /\.zip$/i.test(path));
}

interface PlannedRow {
  row: BatchRow;
  institution: { id: string } | { name: string } | null;
  sourceType: SourceType | null;
  role: Role | null;
  measure: Measure | null;
  date: string | null;
  title: string;
  inspector: string | null;
}

export async function importBatchCommand(studyFile: string, source: string, values: BatchCliValues, kit: MergeCliKit): Promise<void> {
  const folder = statSync(source).isDirectory() ? resolve(source) : null;
  const session = kit.openSession(studyFile, folder ? { chooseFolder: async () => folder } : {});
  try {
    const stagedIds = folder ? [] : [session.registerLocalFile(resolve(source))];
    const preview = (await call(session, 'batch.preview', { stagedIds, chooseFolder: Boolean(folder) }))!;
    const planned = plan(session, preview, values, kit);
    printTable(session, preview, planned);
    const missing = planned.filter((item) => !item.institution || !item.sourceType);
    if (missing.length > 0 || values.preview || planned.length === 0) {
      await call(session, 'batch.discard', { batchId: preview.batchId });
      if (missing.length > 0) {
        const list = missing.map((item) => `  ${item.row.relativePath}: ${!item.institution ? 'instelling' : 'type'} ontbreekt`).join('\n');
        throw new UserError(`Niet elk bestand heeft een instelling en een type; geef --institution/--type of een --manifest. Er is niets geïmporteerd.\n${list}`);
      }
      console.log(planned.length === 0 ? 'Er is niets te importeren.' : 'Voorbeeld: er is niets geïmporteerd.');
      return;
    }
    const outcomes = await call(session, 'batch.import', { batchId: preview.batchId, rows: planned.map((item) => rowInput(session, item)) });
    for (const outcome of outcomes) {
      if (outcome.status === 'imported') console.log(`geïmporteerd: ${outcome.fileName} → "${outcome.title}"`);
      else console.error(`${outcome.status === 'duplicate' ? 'overgeslagen' : 'geweigerd'}: ${outcome.message}`);
    }
    const imported = outcomes.filter((outcome) => outcome.status === 'imported').length;
    console.log(`${imported} van ${outcomes.length + preview.refused.length} bestanden geïmporteerd.`);
    if (preview.refused.some((item) => item.status === 'rejected') || outcomes.some((outcome) => outcome.status === 'rejected')) process.exitCode = 1;
  } finally {
    session.close();
  }
}

function plan(session: Session, preview: BatchPreview, values: BatchCliValues, kit: MergeCliKit): PlannedRow[] {
  const byPath = new Map(preview.rows.map((row) => [row.relativePath, row]));
  const manifest = new Map<string, ManifestRow>();
  if (values.manifest) {
    if (!existsSync(values.manifest)) throw new UserError(`Het manifest "${values.manifest}" bestaat niet.`);
    // A manifest may name files from the folder itself or from the one folder a zip wraps them in.
    const resolveFile = (file: string) => {
      const key = file.replace(/\\/g, '/').replace(/^\.\//, '');
      if (byPath.has(key)) return key;
      const found = [...byPath.keys()].filter((path) => path.endsWith(`/${key}`));
      return found.length === 1 ? found[0]! : null;
    };
    for (const row of readManifest(values.manifest, readFileSync(values.manifest), resolveFile)) manifest.set(row.path, row);
  }
  const option = <T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined => {
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) throw kit.usageError(`--${flag} "${value}" bestaat niet; kies uit ${allowed.join(', ')}.`);
    return value as T;
  };
  const type = option(values.type, SOURCE_TYPES, 'type');
  const role = option(values.role, ROLES, 'role');
  const measure = option(values.measure, MEASURES, 'measure');
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw kit.usageError('--date moet de vorm JJJJ-MM-DD hebben.');
  return preview.rows.map((row) => {
    const given = manifest.get(row.relativePath);
    const institutionName = given?.institution ?? values.institution;
    return {
      row,
      institution: institutionName ? institutionByName(session, institutionName) : row.institutionId ? { id: row.institutionId } : null,
      sourceType: given?.sourceType ?? type ?? row.sourceType,
      role: given?.role ?? role ?? row.role,
      measure: given?.measure ?? measure ?? row.measure,
      date: given?.date ?? values.date ?? row.date,
      title: given?.title ?? row.title,
      inspector: given?.inspector ?? values.inspector ?? null,
    };
  });
}

function institutionByName(session: Session, name: string): { id: string } | { name: string } {
  const known = findInstitutionByName(session.requireStudy(), name.trim());
  return known ? { id: known.id } : { name: name.trim() };
}

function rowInput(session: Session, item: PlannedRow) {
  const study = session.requireStudy();
  const institution = item.institution!;
  const inspectorId = item.inspector ? inspectorIdFor(session, item.inspector) : study.currentInspectorId;
  return {
    rowId: item.row.rowId,
    meta: {
      title: item.title,
      institutionId: 'id' in institution ? institution.id : newInstitutionId(study, institution.name),
      sourceType: item.sourceType,
      role: item.role,
      measure: item.measure,
      date: item.date,
      inspectorId,
    },
    ...('name' in institution ? { institutionName: institution.name } : {}),
  };
}

function inspectorIdFor(session: Session, initials: string): string {
  const inspector = session.state().inspectors.find((candidate) => candidate.initials.toLowerCase() === initials.toLowerCase());
  if (!inspector) throw new UserError(`Er is geen inspecteur met initialen "${initials}" in dit onderzoek.`);
  return inspector.id;
}

function printTable(session: Session, preview: BatchPreview, planned: PlannedRow[]): void {
  const names = new Map(session.state().institutions.map((institution) => [institution.id, institution.name]));
  console.log(`${preview.name}: ${planned.length} te importeren, ${preview.refused.length} niet.`);
  for (const item of planned) {
    const institution = !item.institution ? '?' : 'id' in item.institution ? (names.get(item.institution.id) ?? '?') : `${item.institution.name} (nieuw)`;
    const details = [institution, item.sourceType ?? '?', item.role ?? '-', item.measure ?? '-', item.date ?? '-'].join(' | ');
    console.log(`  ${item.row.relativePath} → "${item.title}" [${details}]`);
  }
  for (const item of preview.refused) console.log(`  ${item.status === 'duplicate' ? 'al aanwezig' : 'geweigerd'}: ${item.relativePath}: ${item.reason}`);
}

async function call<N extends CallName>(session: Session, name: N, input: unknown): Promise<CallOutput<N>> {
  const result = await dispatch(session, name, input);
  if (!result.ok) throw new UserError(result.error.message);
  return result.value as CallOutput<N>;
}
