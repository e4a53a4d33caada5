/**
 * Storing a survey after the user confirmed its mapping: every check first,
 * then one write (one undoable action). The respondent rows of the mapped
 * columns go into `survey_data` (content-addressed); the survey entity points
 * at them. Importing the same export again (same file, or same name) writes
 * the same survey id: it replaces the survey, it never doubles it. Columns
 * mapped as "Niet gebruiken" (open answers, names, dates) are not stored.
 */
import { randomUUID } from 'node:crypto';
import { UserError } from '../errors';
import { listCodes } from '../framework/framework';
import { derivedId } from '../store/derived-id';
import type { Mutation } from '../store/changes';
import type { Study } from '../study/study';
import {
  foldAnswer,
  parseMark,
  parseSurveyNumber,
  SINGLE_COLUMN_KINDS,
  SURVEY_COLUMN_KIND_LABELS,
  surveyNameFromFile,
  surveyNameKey,
} from '../../shared/survey';
import type { SurveyImportResult, SurveyMapping } from '../../shared/api/types';
import type { RawColumn, RawSurvey } from './sheet';
import { encodeDataset, listSurveyRecords, type StoredColumn, type StoredMapping, type SurveyRecord } from './store';

/** The live survey an import under `name` (or of this very file) replaces, if any. */
export function findReplacedSurvey(study: Study, name: string, fileSha256: string): SurveyRecord | null {
  const surveys = listSurveyRecords(study);
  const key = surveyNameKey(name);
  return surveys.find((survey) => survey.fileSha256 === fileSha256) ?? surveys.find((survey) => surveyNameKey(survey.name) === key) ?? null;
}

export function importSurvey(study: Study, raw: RawSurvey, mapping: SurveyMapping, requestedName?: string | null): SurveyImportResult {
  const name = (requestedName?.trim() || surveyNameFromFile(raw.fileName)).slice(0, 300);
  const kept = checkColumns(raw, mapping);
  const rawByHeader = new Map(raw.columns.map((column) => [column.header, column]));
  for (const column of kept) checkValues(column, rawByHeader.get(column.header)!);

  const mutations: Mutation[] = [];
  const createdInstitutions: string[] = [];
  const institutions = resolveInstitutions(study, raw, mapping, kept, mutations, createdInstitutions);
  const defaultInstitutionId = mapping.defaultInstitutionId ?? null;
  if (defaultInstitutionId && !study.institutions().some((institution) => institution.id === defaultInstitutionId)) {
    throw new UserError('De gekozen instelling voor alle respondenten bestaat niet (meer).', 'not-found');
  }
  const norms = resolveNorms(study, mapping, kept);

  const stored: StoredMapping = {
    columns: kept,
    institutions,
    defaultRole: kept.some((column) => column.kind === 'role') ? null : mapping.defaultRole,
    defaultInstitutionId: kept.some((column) => column.kind === 'institution') ? null : defaultInstitutionId,
  };
  const dataset = encodeDataset({
    rowCount: raw.rowCount,
    columns: kept.map((column) => rawByHeader.get(column.header)!),
  });

  const replaced = findReplacedSurvey(study, name, raw.fileSha256);
  const surveyId = replaced?.id ?? derivedId('survey', study.id, surveyNameKey(name));
  mutations.push({
    entity: 'survey',
    entityId: surveyId,
    fields: {
      name,
      fileName: raw.fileName,
      fileSha256: raw.fileSha256,
      dataSha256: dataset.sha256,
      mapping: JSON.stringify(stored),
      respondents: raw.rowCount,
      importedAt: new Date().toISOString(),
      deleted: 0,
    },
  });
  for (const [header, codeId] of norms) {
    mutations.push({
      entity: 'surveyQuestion',
      entityId: surveyQuestionId(surveyId, header),
      fields: { surveyId, header, codeId, deleted: 0 },
    });
  }
  study.write(mutations, {
    undoLabel: `Vragenlijst importeren: ${name}`,
    beforeApply: () => {
      study.db.prepare('INSERT OR IGNORE INTO survey_data (sha256, size, data) VALUES (?, ?, ?)').run(dataset.sha256, dataset.size, dataset.data);
    },
  });
  return { surveyId, name, respondents: raw.rowCount, replaced: replaced !== null, createdInstitutions, notes: raw.notes };
}

export function surveyQuestionId(surveyId: string, header: string): string {
  return derivedId('survey-question', surveyId, header);
}

function checkColumns(raw: RawSurvey, mapping: SurveyMapping): StoredColumn[] {
  const headers = new Set(raw.columns.map((column) => column.header));
  const seen = new Set<string>();
  for (const column of mapping.columns) {
    if (!headers.has(column.header)) throw new UserError(`De koppeling noemt de kolom "${column.header}", maar die staat niet in het bestand.`, 'invalid-input');
    if (seen.has(column.header)) throw new UserError(`De koppeling noemt de kolom "${column.header}" twee keer.`, 'invalid-input');
    seen.add(column.header);
  }
  for (const kind of SINGLE_COLUMN_KINDS) {
    const columns = mapping.columns.filter((column) => column.kind === kind);
    if (columns.length > 1) {
      throw new UserError(
        `Er is maar één kolom "${SURVEY_COLUMN_KIND_LABELS[kind]}" mogelijk; nu zijn het ${columns.map((column) => `"${column.header}"`).join(' en ')}.`,
        'invalid-input',
      );
    }
  }
  // In file order, mapped columns only.
  const kindOf = new Map(mapping.columns.map((column) => [column.header, column.kind]));
  const kept = raw.columns
    .filter((column) => (kindOf.get(column.header) ?? 'ignore') !== 'ignore')
    .map((column) => ({ header: column.header, kind: kindOf.get(column.header)! }) as StoredColumn);
  if (!kept.some((column) => column.kind !== 'role' && column.kind !== 'institution')) {
    throw new UserError('Koppel minstens één kolom als vraag, maatregel, aantal jeugdzorgwerkers, periode zonder jeugdzorgwerker of cijfer.', 'invalid-input');
  }
  return kept;
}

/** Numeric columns must hold numbers (a report mark 1-10) in every filled cell. */
function checkValues(column: StoredColumn, raw: RawColumn): void {
  if (column.kind !== 'mark' && column.kind !== 'number') return;
  const valid = column.kind === 'mark' ? (value: string) => parseMark(value) !== null : (value: string) => parseSurveyNumber(value) !== null;
  const badCode = raw.dict.findIndex((value) => !valid(value));
  if (badCode < 0) return;
  const respondent = raw.codes.indexOf(badCode) + 1;
  const expected = column.kind === 'mark' ? 'een rapportcijfer is een getal van 1 tot en met 10' : 'verwacht wordt een getal';
  throw new UserError(
    `De kolom "${column.header}" is gekoppeld als ${SURVEY_COLUMN_KIND_LABELS[column.kind].toLowerCase()}, maar respondent ${respondent.toLocaleString('nl-NL')} heeft daar "${truncate(raw.dict[badCode]!)}" ingevuld; ${expected}. ` +
      'Koppel de kolom anders of herstel het bestand. Er is niets opgeslagen.',
    'invalid-input',
  );
}

function resolveInstitutions(
  study: Study,
  raw: RawSurvey,
  mapping: SurveyMapping,
  kept: StoredColumn[],
  mutations: Mutation[],
  created: string[],
): StoredMapping['institutions'] {
  const column = kept.find((candidate) => candidate.kind === 'institution');
  if (!column) return [];
  const existing = study.institutions();
  const byFolded = new Map(mapping.institutions.map((entry) => [foldAnswer(entry.value), entry]));
  const createdByName = new Map<string, string>();
  const values = raw.columns.find((candidate) => candidate.header === column.header)!.dict;
  const resolved = new Map<string, { value: string; institutionId: string | null }>();
  for (const value of values) {
    const key = foldAnswer(value);
    if (resolved.has(key)) continue;
    const entry = byFolded.get(key);
    if (!entry) {
      throw new UserError(
        `De instelling "${truncate(value)}" uit de kolom "${column.header}" is niet gekoppeld. Kies een bestaande instelling, maak een nieuwe aan of negeer de waarde.`,
        'invalid-input',
      );
    }
    let institutionId: string | null = null;
    if (entry.institutionId) {
      if (!existing.some((institution) => institution.id === entry.institutionId)) {
        throw new UserError(`De instelling voor "${truncate(value)}" bestaat niet (meer).`, 'not-found');
      }
      institutionId = entry.institutionId;
    } else if (entry.createName?.trim()) {
      const name = entry.createName.trim().slice(0, 300);
      const nameKey = foldAnswer(name);
      const same = existing.find((institution) => foldAnswer(institution.name) === nameKey);
      institutionId = same?.id ?? createdByName.get(nameKey) ?? null;
      if (!institutionId) {
        institutionId = randomUUID();
        createdByName.set(nameKey, institutionId);
        created.push(name);
        mutations.push({ entity: 'institution', entityId: institutionId, fields: { name } });
      }
    }
    resolved.set(key, { value, institutionId });
  }
  return [...resolved.values()];
}

/** Norm keys given in the mapping (the CLI's map file) → code ids; undefined leaves a placement as it is. */
function resolveNorms(study: Study, mapping: SurveyMapping, kept: StoredColumn[]): Map<string, string | null> {
  const codes = listCodes(study);
  const norms = new Map<string, string | null>();
  for (const column of mapping.columns) {
    if (column.normKey === undefined || !kept.some((candidate) => candidate.header === column.header)) continue;
    if (column.normKey === null || column.normKey === '') {
      norms.set(column.header, null);
      continue;
    }
    const code = codes.find((candidate) => candidate.key === column.normKey);
    if (!code) {
      throw new UserError(`Er is geen norm met sleutel "${column.normKey}" (bij "${column.header}"). Sleutels: ${codes.filter((c) => c.kind === 'norm').map((c) => c.key).join(', ')}.`, 'invalid-input');
    }
    norms.set(column.header, code.id);
  }
  return norms;
}

function truncate(text: string, length = 60): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
