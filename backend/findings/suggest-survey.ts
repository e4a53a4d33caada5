/**
 * Suggested findings from the questionnaire: for each question placed under a
 * norm, the distribution of the answers with its n ("Van de 25 jeugdigen die
 * de vraag … beantwoordden, antwoordde 32% ‘ja, altijd’ …"), per role where
 * every role group is large enough, otherwise over all respondents. Numbers
 * come from the survey module's tables with the study's threshold: a group
 * below it is never given a number here, nor one it could be worked out from.
 */
import type { AnswerCount, Distribution } from '../../shared/survey';
import type { Code } from '../../shared/api/types';
import type { FindingFigure, SuggestedFinding } from '../../shared/findings';
import { ROLE_LABELS } from '../../shared/vocabulary';
import { count, inSentence, joinList, percent, plural } from '../reports/phrasing';
import { surveyModel } from '../survey/model';
import { listSurveyRecords, minGroupOf, questionNorms } from '../survey/store';
import { institutionNames, rowsInScope, tableOfRespondents } from '../survey/tables';
import type { Study } from '../study/study';

const GROUP_NOUNS: Record<string, [string, string]> = {
  [ROLE_LABELS.jeugdige]: ['jeugdige', 'jeugdigen'],
  [ROLE_LABELS.ouder]: ['ouder', 'ouders'],
};

export function fromSurvey(study: Study, top: Code, institutionId: string | null): SuggestedFinding[] {
  const records = listSurveyRecords(study);
  if (records.length === 0) return [];
  const minGroup = minGroupOf(study);
  const names = institutionNames(study);
  const suggestions: SuggestedFinding[] = [];
  for (const record of records) {
    const norms = questionNorms(study, record.id);
    const model = surveyModel(study, record);
    const role = model.columns.find((column) => column.kind === 'role') ?? null;
    const scope = { rows: rowsInScope(model, institutionId), institutionId, names, minGroup };
    for (const column of model.columns) {
      if (column.kind !== 'question' || norms.get(column.header) !== top.id) continue;
      const table = tableOfRespondents(model, scope, { column, by: role, mean: false });
      const groups = answeringGroups(table);
      for (const { nouns, distribution } of groups) {
        const text = surveySentence(column.header, distribution, nouns);
        const basis = `Vragenlijst ‘${record.name}’: vraag ‘${column.header}’, ${plural(distribution.n, nouns[0], nouns[1])} met een antwoord${
          distribution.missing > 0 ? ` (${count(distribution.missing)} zonder antwoord)` : ''
        }; groepen van minder dan ${minGroup} respondenten worden niet vermeld.`;
        const figure: FindingFigure = { text, basis };
        suggestions.push({ kind: 'bevinding', text, figures: [figure], evidenceCodingIds: [] });
      }
    }
  }
  return suggestions;
}

type Nouns = [string, string];

/**
 * Per role when every role group that answered is above the threshold (a
 * small group's numbers would follow from the total minus the others);
 * otherwise all respondents together, if they are enough.
 */
function answeringGroups(table: ReturnType<typeof tableOfRespondents>): Array<{ nouns: Nouns; distribution: Distribution }> {
  if (table.kind === 'split') {
    const answered = table.groups.filter((group) => group.n > 0);
    const known = answered.every((group) => GROUP_NOUNS[group.group]);
    if (answered.length > 0 && known && answered.every((group) => !group.suppressed)) {
      return answered.map((group) => ({ nouns: GROUP_NOUNS[group.group]!, distribution: group }));
    }
    return table.total.suppressed || table.total.n === 0 ? [] : [{ nouns: ['respondent', 'respondenten'], distribution: table.total }];
  }
  if (table.kind === 'distribution' && !table.suppressed && table.n > 0) return [{ nouns: ['respondent', 'respondenten'], distribution: table }];
  return [];
}

/** "Van de 25 jeugdigen die de vraag ‘…’ beantwoordden, antwoordde 32% ‘ja, altijd’, 48% ‘ja, vaak’, 20% ‘ja, soms’ en 0% ‘nee’." */
export function surveySentence(question: string, distribution: Pick<Distribution, 'n' | 'answers'>, [one, many]: Nouns): string {
  const answers = distribution.answers.filter((answer): answer is AnswerCount & { n: number } => answer.n !== null);
  const parts = answers.map((answer) => `${percent(answer.n, distribution.n)} ‘${inSentence(answer.answer)}’`);
  const who = distribution.n === 1 ? `Van de ene ${one} die de vraag ‘${question}’ beantwoordde` : `Van de ${count(distribution.n)} ${many} die de vraag ‘${question}’ beantwoordden`;
  return `${who}, antwoordde ${joinList(parts)}.`;
}
