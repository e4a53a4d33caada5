// The questionnaire view's store against a stand-in backend: coming back to
// the view keeps the question, split and mean chosen before (another study
// starts afresh); loading anew after an undo, redo or merge keeps the choices
// that still exist and follows the threshold and the surveys as they are now;
// the change the backend pushes after every write of the view (threshold,
// norm placement, import) refreshes the undo buttons.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SurveyColumnInfo, SurveyList, SurveySummary } from '../../shared/api/types';

vi.mock('../../renderer/api/client', async () => (await import('../helpers/fake-api')).fakeClient());

const { backend, called, resetBackend, pushStudyChanged } = await import('../helpers/fake-api');
const { useSurvey } = await import('../../renderer/survey/survey-store');
// The undo buttons listen to pushed changes (as in the app, where the coding view is loaded).
await import('../../renderer/coding/coding-store');

const column = (header: string, kind: SurveyColumnInfo['kind']): SurveyColumnInfo => ({ header, kind, normCodeId: null, normKey: null, answers: [], answered: 40 });

function survey(id: string, headers: Array<[string, SurveyColumnInfo['kind']]>): SurveySummary {
  return {
    id,
    name: `Vragenlijst ${id}`,
    fileName: `${id}.csv`,
    importedAt: '2026-05-01T10:00:00.000Z',
    respondents: 40,
    jeugdigen: 25,
    ouders: 15,
    columns: headers.map(([header, kind]) => column(header, kind)),
    defaultRole: null,
    defaultInstitutionId: null,
  };
}

const ROUND = survey('s1', [
  ['Ik ben een', 'role'],
  ['Instelling', 'institution'],
  ['Werd het uitgelegd?', 'question'],
  ['Wordt je mening gevraagd?', 'question'],
  ['Rapportcijfer', 'mark'],
]);

let list: SurveyList;

beforeEach(() => {
  resetBackend({ undoLabel: null, redoLabel: null });
  list = { minGroup: 10, surveys: [ROUND] };
  backend.handlers['survey.list'] = async () => list;
  backend.handlers['survey.table'] = async (input) => ({ ...input, minGroup: list.minGroup });
  useSurvey.getState().reset();
});

async function chooseSplitAndMean() {
  await useSurvey.getState().show('studie-1');
  await useSurvey.getState().selectQuestion('Wordt je mening gevraagd?');
  await useSurvey.getState().setBy('Instelling');
  await useSurvey.getState().setMean('Rapportcijfer');
}

const choices = () => {
  const { surveyId, question, by, mean } = useSurvey.getState();
  return { surveyId, question, by, mean };
};

describe('the survey store', () => {
  it('opens on the first question of the first survey', async () => {
    await useSurvey.getState().show('studie-1');
    expect(choices()).toEqual({ surveyId: 's1', question: 'Werd het uitgelegd?', by: null, mean: null });
    expect(called('survey.table').at(-1)!.input).toEqual({ surveyId: 's1', question: 'Werd het uitgelegd?' });
  });

  it('keeps the choices when the view opens again in the same study, and forgets them in another', async () => {
    await chooseSplitAndMean();
    await useSurvey.getState().show('studie-1');
    expect(choices()).toEqual({ surveyId: 's1', question: 'Wordt je mening gevraagd?', by: 'Instelling', mean: 'Rapportcijfer' });
    await useSurvey.getState().show('studie-2');
    expect(choices()).toEqual({ surveyId: 's1', question: 'Werd het uitgelegd?', by: null, mean: null });
  });

  it('loads anew after an undo or merge: the new threshold, the tables again, the choices that still exist', async () => {
    await chooseSplitAndMean();
    const tablesBefore = called('survey.table').length;
    list = { minGroup: 5, surveys: [survey('s1', [['Instelling', 'institution'], ['Wordt je mening gevraagd?', 'question']])] };
    await useSurvey.getState().load();
    expect(useSurvey.getState().list!.minGroup).toBe(5);
    expect(choices()).toEqual({ surveyId: 's1', question: 'Wordt je mening gevraagd?', by: 'Instelling', mean: null });
    expect(called('survey.table').length).toBe(tablesBefore + 1);
    expect(useSurvey.getState().table).toMatchObject({ question: 'Wordt je mening gevraagd?', by: 'Instelling', minGroup: 5 });
    expect(useSurvey.getState().meanTable).toBeNull();
  });

  it('shows the empty state when an undo took the only survey away', async () => {
    await chooseSplitAndMean();
    list = { minGroup: 10, surveys: [] };
    await useSurvey.getState().load();
    expect(choices()).toEqual({ surveyId: null, question: null, by: null, mean: null });
    expect(useSurvey.getState().table).toBeNull();
  });

  it('lets the undo buttons know after every write of the view', async () => {
    await useSurvey.getState().show('studie-1');
    backend.handlers['survey.setMinGroup'] = async (input) => {
      list = { ...list, minGroup: input.minGroup as number };
      return input.minGroup;
    };
    backend.handlers['survey.setQuestionNorm'] = async () => ROUND;

    await useSurvey.getState().setMinGroup(7);
    pushStudyChanged(['study']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(called('undo.state').length).toBe(1);
    expect(useSurvey.getState().list!.minGroup).toBe(7);

    await useSurvey.getState().setNorm('norm-1');
    pushStudyChanged(['surveyQuestion']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(called('undo.state').length).toBe(2);
  });
});
