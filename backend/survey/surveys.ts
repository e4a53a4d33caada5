/** The surveys of a study as the UI and CLI see them, and the small edits on them. */
import { UserError } from '../errors';
import { listCodes } from '../framework/framework';
import type { Study } from '../study/study';
import { foldAnswer, MIN_GROUP_LIMITS } from '../../shared/survey';
import type { SurveyList, SurveySummary } from '../../shared/api/types';
import { surveyModel } from './model';
import { getSurveyRecord, listSurveyRecords, minGroupOf, questionNorms, type SurveyRecord } from './store';
import { displayOrder, institutionNames } from './tables';
import { surveyQuestionId } from './import';

export function listSurveys(study: Study): SurveyList {
  const names = institutionNames(study);
  const codes = new Map(listCodes(study).map((code) => [code.id, code]));
  return { minGroup: minGroupOf(study), surveys: listSurveyRecords(study).map((record) => summarise(study, record, names, codes)) };
}

function summarise(
  study: Study,
  record: SurveyRecord,
  names: Map<string, string>,
  codes: Map<string, { key: string }>,
): SurveySummary {
  const model = surveyModel(study, record);
  const norms = questionNorms(study, record.id);
  let jeugdigen = 0;
  let ouders = 0;
  for (const role of model.roleOfRow) {
    if (role === 'jeugdige') jeugdigen += 1;
    else if (role === 'ouder') ouders += 1;
  }
  return {
    id: record.id,
    name: record.name,
    fileName: record.fileName,
    importedAt: record.importedAt,
    respondents: model.rowCount,
    jeugdigen,
    ouders,
    defaultRole: record.mapping.defaultRole,
    defaultInstitutionId: record.mapping.defaultInstitutionId,
    columns: model.columns.map((column) => {
      const codeId = norms.get(column.header) ?? null;
      const code = codeId ? codes.get(codeId) : undefined;
      return {
        header: column.header,
        kind: column.kind,
        normCodeId: code ? codeId : null,
        normKey: code?.key ?? null,
        answers: displayOrder(column, names),
        answered: column.labels.reduce((count, label) => count + (label === null ? 0 : 1), 0),
      };
    }),
  };
}

/** Place a question under a norm chapter in the reports (null: the survey chapter only). */
export function setQuestionNorm(study: Study, surveyId: string, header: string, codeId: string | null): SurveySummary {
  const record = getSurveyRecord(study, surveyId);
  const column = record.mapping.columns.find((candidate) => candidate.header === header) ??
    record.mapping.columns.find((candidate) => foldAnswer(candidate.header) === foldAnswer(header));
  if (!column) throw new UserError(`De vragenlijst "${record.name}" heeft geen vraag "${header}".`, 'not-found');
  const codes = listCodes(study);
  if (codeId !== null && !codes.some((code) => code.id === codeId)) throw new UserError('Deze norm bestaat niet (meer).', 'not-found');
  study.write(
    [{ entity: 'surveyQuestion', entityId: surveyQuestionId(record.id, column.header), fields: { surveyId: record.id, header: column.header, codeId, deleted: 0 } }],
    { undoLabel: 'Vraag bij een norm plaatsen' },
  );
  return summarise(study, record, institutionNames(study), new Map(codes.map((code) => [code.id, code])));
}

export function setMinGroup(study: Study, minGroup: number): number {
  if (!Number.isInteger(minGroup) || minGroup < MIN_GROUP_LIMITS.min || minGroup > MIN_GROUP_LIMITS.max) {
    throw new UserError(`De kleinste groep moet een geheel getal van ${MIN_GROUP_LIMITS.min} tot ${MIN_GROUP_LIMITS.max} zijn.`, 'invalid-input');
  }
  study.write([{ entity: 'study', entityId: study.id, fields: { surveyMinGroup: minGroup } }], { undoLabel: 'Kleinste groep vragenlijst wijzigen' });
  return minGroup;
}

export function deleteSurvey(study: Study, surveyId: string): void {
  const record = getSurveyRecord(study, surveyId);
  study.write([{ entity: 'survey', entityId: record.id, fields: { deleted: 1 } }], { undoLabel: `Vragenlijst verwijderen: ${record.name}` });
}
