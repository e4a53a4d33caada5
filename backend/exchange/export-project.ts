/**
 * A study as a REFI-QDA project: inspectors as users, the framework as the
 * codebook, sources with their text (and, in a full export, their original
 * files), one selection per coding, memos and coding notes as notes, source
 * metadata as variables, institutions as cases and source types as sets.
 *
 * Every object keeps its Veldwerk UUID as guid, so importing the project back
 * into the study it came from recognises everything. Text passes through the
 * export privacy pass; positions are carried over through it.
 */
import { derivedId } from '../store/derived-id';
import type { CodingRow } from '../coding/codings';
import { listCodes } from '../framework/framework';
import { listMemos } from '../memos/memos';
import type { Study } from '../study/study';
import { MEASURE_LABELS, ROLE_LABELS, SOURCE_TYPE_LABELS, type Measure, type Role, type SourceType } from '../../shared/vocabulary';
import type { Code, Memo } from '../../shared/api/types';
import { codePointIndexer } from './positions';
import { DATE_TIME } from './qde-write';
import type { ExportPrivacy } from './privacy-pass';
import type { RefiCode, RefiNote, RefiProject, RefiSelection, RefiSource, RefiValue, RefiVariable } from './refi-model';
import { attributeCodes, QUOTABLE_GUID, VALENCE_GUIDS } from './veldwerk-codes';

export const ORIGIN = 'Veldwerk';

/** The variables every exported source carries (fixed guids, so a re-import recognises them). */
export const VARIABLES = {
  sourceType: { guid: '6a1f3e52-0c1d-4b8e-9d6a-5e0b7a1c2d10', name: 'Bronsoort', type: 'Text' },
  role: { guid: '6a1f3e52-0c1d-4b8e-9d6a-5e0b7a1c2d11', name: 'Rol', type: 'Text' },
  measure: { guid: '6a1f3e52-0c1d-4b8e-9d6a-5e0b7a1c2d12', name: 'Maatregel', type: 'Text' },
  date: { guid: '6a1f3e52-0c1d-4b8e-9d6a-5e0b7a1c2d13', name: 'Datum', type: 'Date' },
} as const satisfies Record<string, RefiVariable>;

interface SourceRow {
  id: string;
  title: string;
  institution_id: string;
  source_type: SourceType;
  role: Role | null;
  measure: Measure | null;
  date: string | null;
  inspector_id: string | null;
  format: string;
  file_name: string;
  imported_at: string | null;
  text: string;
  file_sha256: string | null;
}

export function studyAsProject(study: Study, privacy: ExportPrivacy): RefiProject {
  const info = study.info();
  const memos = listMemos(study);
  const notes: RefiNote[] = [];
  const notesOf = (targetType: Memo['targetType'], targetId: string) =>
    memos
      .filter((memo) => memo.targetType === targetType && memo.targetId === targetId)
      .map((memo) => {
        notes.push({ guid: memo.id, name: `Memo`, text: privacy.text(memo.text), creatingUser: memo.authorId, created: memo.updatedAt });
        return memo.id;
      });

  const users = study.inspectors().map((inspector) => ({
    guid: inspector.id,
    name: privacy.pseudonymised ? inspector.initials : inspector.name,
    id: inspector.initials,
  }));
  const codes = [...codeTreeOf(listCodes(study), notesOf), attributeCodes()];
  const rows = readSources(study);
  const userIds = new Set(users.map((user) => user.guid));
  const sources = rows.map((row) => exportSource(study, row, privacy, notes, notesOf)).map((source) => onlyKnownUsers(source, userIds));
  for (const note of notes) if (note.creatingUser && !userIds.has(note.creatingUser)) note.creatingUser = null;
  const institutions = study.institutions();
  const cases = institutions.map((institution) => ({
    guid: institution.id,
    name: institution.name,
    sourceGuids: rows.filter((row) => row.institution_id === institution.id).map((row) => row.id),
    noteGuids: [],
  }));
  // Institutions have no place for notes in a Case: their memos travel as notes named after them.
  for (const institution of institutions) {
    for (const memo of memos.filter((m) => m.targetType === 'institution' && m.targetId === institution.id)) {
      notes.push({ guid: memo.id, name: `Memo bij ${institution.name}`, text: privacy.text(memo.text), creatingUser: memo.authorId, created: memo.updatedAt });
    }
  }
  const created = new Date().toISOString();
  readableByQualCoder(notes, created);
  return {
    name: info.name,
    origin: ORIGIN,
    created,
    users,
    codes,
    variables: Object.values(VARIABLES),
    cases,
    sources,
    notes,
    sets: sourceTypeSets(study, rows),
    description: privacy.pseudonymised
      ? 'Gepseudonimiseerde export uit Veldwerk: herkenbare gegevens zijn vervangen door [naam], [datum] en dergelijke.'
      : 'Volledige export uit Veldwerk, met namen en originele bestanden.',
  };
}

/**
 * QualCoder's importer (src/qualcoder/refi.py, RefiImport.parse_notes) stops
 * on a note without creationDateTime, and on a second note of the same name
 * (its renaming calls randint wrongly): every note gets a time and a name of
 * its own. A numbered name keeps its prefix ("Memo bij ..."), which the import
 * reads.
 */
function readableByQualCoder(notes: RefiNote[], fallbackTime: string): void {
  const seen = new Map<string, number>();
  for (const note of notes) {
    if (!note.created || !DATE_TIME.test(note.created)) note.created = fallbackTime;
    const count = (seen.get(note.name) ?? 0) + 1;
    seen.set(note.name, count);
    if (count > 1) note.name = `${note.name} (${count})`;
  }
}

/**
 * QualCoder keeps one code per name (code_name.name is unique): a second code
 * of the same name gets none of its codings there (RefiImport.sub_codes). A
 * name used more than once travels with its parent's name, "Overig (Veiligheid)";
 * the import takes that suffix off again when it matches codes by path.
 */
function uniqueCodeNames(codes: Code[]): (code: Code) => string {
  const count = new Map<string, number>();
  for (const code of codes) count.set(code.name, (count.get(code.name) ?? 0) + 1);
  const byId = new Map(codes.map((code) => [code.id, code]));
  return (code) => {
    const parent = code.parentId ? byId.get(code.parentId) : undefined;
    return (count.get(code.name) ?? 0) > 1 && parent ? `${code.name} (${parent.name})` : code.name;
  };
}

/** #rgb as #rrggbb: QualCoder takes any colour not seven characters long for grey (color_selector.color_matcher). */
export function sixDigitColor(color: string): string | null {
  if (/^#[0-9a-fA-F]{6}$/.test(color)) return color;
  return /^#[0-9a-fA-F]{3}$/.test(color) ? `#${[...color.slice(1)].map((c) => c + c).join('')}` : null;
}

/** The framework as a code tree (for the codebook, without notes). */
export function codeTreeOf(codes: Code[], notesOf: (type: 'code', id: string) => string[] = () => []): RefiCode[] {
  const byParent = new Map<string | null, Code[]>();
  for (const code of codes) byParent.set(code.parentId, [...(byParent.get(code.parentId) ?? []), code]);
  const nameOf = uniqueCodeNames(codes);
  const build = (parentId: string | null): RefiCode[] =>
    (byParent.get(parentId) ?? []).map((code) => ({
      guid: code.id,
      name: nameOf(code),
      color: sixDigitColor(code.color),
      description: code.definition,
      isCodable: true,
      noteGuids: notesOf('code', code.id),
      children: build(code.id),
    }));
  return build(null);
}

function readSources(study: Study): SourceRow[] {
  return study.db
    .prepare(
      `SELECT s.id, s.title, s.institution_id, s.source_type, s.role, s.measure, s.date, s.inspector_id, s.format,
              s.file_name, s.imported_at, s.file_sha256, c.text
       FROM source s JOIN content c ON c.id = s.content_id WHERE s.deleted = 0 ORDER BY s.title COLLATE NOCASE, s.id`,
    )
    .all() as SourceRow[];
}

function exportSource(
  study: Study,
  row: SourceRow,
  privacy: ExportPrivacy,
  notes: RefiNote[],
  notesOf: (type: 'source', id: string) => string[],
): RefiSource {
  const codings = study.db
    // A coding whose code was deleted elsewhere (waiting for a decision after a merge) has no code to refer to.
    .prepare('SELECT * FROM coding WHERE source_id = ? AND deleted = 0 AND code_id IN (SELECT id FROM code WHERE deleted = 0) ORDER BY start, end, id')
    .all(row.id) as CodingRow[];
  const mapped = privacy.sourceText(row.text, codings);
  const codePointOf = codePointIndexer(mapped.text);
  const selections = codings.map((coding): RefiSelection => {
    const noteGuids: string[] = [];
    if (coding.note) {
      const guid = derivedId('refi-coding-note', coding.id);
      notes.push({ guid, name: 'Notitie bij codering', text: privacy.text(coding.note), creatingUser: coding.coder_id, created: coding.created_at });
      noteGuids.push(guid);
    }
    const codingOf = (codeGuid: string, kind: string) => ({
      guid: kind === 'code' ? derivedId('refi-coding', coding.id) : derivedId('refi-coding', coding.id, kind),
      codeGuid,
      creatingUser: coding.coder_id,
      created: coding.created_at,
      noteGuids: kind === 'code' ? noteGuids : [],
    });
    return {
      guid: coding.id,
      start: codePointOf(mapped.startOf(coding.start)),
      end: codePointOf(mapped.endOf(coding.end)),
      creatingUser: coding.coder_id,
      created: coding.created_at,
      // Also as the selection's description: QualCoder reads that as the coding's memo and ignores a coding's NoteRef.
      description: coding.note ? privacy.text(coding.note) : '',
      codings: [
        codingOf(coding.code_id, 'code'),
        ...(coding.valence !== 'neutraal' ? [codingOf(VALENCE_GUIDS[coding.valence], 'valence')] : []),
        ...(coding.quotable === 1 ? [codingOf(QUOTABLE_GUID, 'quotable')] : []),
      ],
      noteGuids: [],
    };
  });
  const original = privacy.pseudonymised ? null : originalOf(study, row);
  const noteGuids = notesOf('source', row.id);
  return {
    guid: row.id,
    name: privacy.text(row.title),
    kind: original && row.format === 'pdf' ? 'pdf' : 'text',
    plainText: mapped.text,
    plainTextBytes: null,
    original,
    // The source's memos also as its description: QualCoder keeps that as the source memo, and drops a note a source refers to.
    description: notes.filter((note) => noteGuids.includes(note.guid)).map((note) => note.text).join('\n\n'),
    creatingUser: row.inspector_id,
    created: row.imported_at,
    selections,
    noteGuids,
    variables: sourceVariables(row),
  };
}

/** References to users go only to the users in the project (an inspector removed since is left out). */
function onlyKnownUsers(source: RefiSource, userIds: Set<string>): RefiSource {
  const known = (guid: string | null) => (guid && userIds.has(guid) ? guid : null);
  return {
    ...source,
    creatingUser: known(source.creatingUser),
    selections: source.selections.map((selection) => ({
      ...selection,
      creatingUser: known(selection.creatingUser),
      codings: selection.codings.map((coding) => ({ ...coding, creatingUser: known(coding.creatingUser) })),
    })),
  };
}

function originalOf(study: Study, row: SourceRow): { fileName: string; data: Buffer } | null {
  if (!row.file_sha256) return null;
  const file = study.db.prepare('SELECT data FROM original_file WHERE sha256 = ?').get(row.file_sha256) as { data: Buffer } | undefined;
  // A plain-text original is the text representation already.
  return file && row.format !== 'txt' ? { fileName: row.file_name, data: file.data } : null;
}

function sourceVariables(row: SourceRow): Array<{ variableGuid: string; value: RefiValue }> {
  const values: Array<{ variableGuid: string; value: RefiValue }> = [
    { variableGuid: VARIABLES.sourceType.guid, value: { type: 'Text', value: SOURCE_TYPE_LABELS[row.source_type] ?? row.source_type } },
  ];
  if (row.role) values.push({ variableGuid: VARIABLES.role.guid, value: { type: 'Text', value: ROLE_LABELS[row.role] ?? row.role } });
  if (row.measure) values.push({ variableGuid: VARIABLES.measure.guid, value: { type: 'Text', value: MEASURE_LABELS[row.measure] ?? row.measure } });
  if (row.date && /^\d{4}-\d{2}-\d{2}$/.test(row.date)) values.push({ variableGuid: VARIABLES.date.guid, value: { type: 'Date', value: row.date } });
  return values;
}

function sourceTypeSets(study: Study, rows: SourceRow[]) {
  const types = [...new Set(rows.map((row) => row.source_type))].sort();
  return types.map((type) => ({
    guid: derivedId('refi-set', study.id, type),
    name: `Bronsoort: ${SOURCE_TYPE_LABELS[type] ?? type}`,
    sourceGuids: rows.filter((row) => row.source_type === type).map((row) => row.id),
    codeGuids: [],
  }));
}
