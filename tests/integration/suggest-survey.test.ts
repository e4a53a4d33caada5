/**
 * Survey figures as suggested findings: the known survey (tests/fixtures/make-survey.ts,
 * 40 respondents in blocks) with its opinion question under Participatie. The
 * expected sentences are worked out by hand from the blocks: respondents 1-25
 * are children, 26-40 parents; 1-8 "Ja, altijd", 9-20 "Ja, vaak", 21-30 "Ja,
 * soms", 31-40 "Nee"; GI Noord has 1-20, GI Zuid 21-29 (9, below the threshold
 * of 10), Jeugdbescherming West 30-40.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../backend/api/session';
import { dispatch } from '../../backend/api/handlers';
import { saveFinding } from '../../backend/findings/findings';
import { suggestFindings } from '../../backend/findings/suggest';
import { reportModel } from '../../backend/reports/generate';
import type { Study } from '../../backend/study/study';
import { walkBlocks } from '../../shared/report-model';
import { H, writeKnownSurvey } from '../fixtures/make-survey';
import { codeId } from '../helpers/sources';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-suggest-survey-');
let study: Study;
const institution = (name: string) => study.institutions().find((candidate) => candidate.name === name)!.id;

async function call(session: Session, name: string, input: unknown): Promise<any> {
  const result = await dispatch(session, name as never, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

beforeAll(async () => {
  const files = await writeKnownSurvey(dir);
  study = newTestStudy(dir);
  const session = new Session({ kind: 'cli', demoStudyPath: () => '' });
  session.setStudy(study);
  const analysis = await call(session, 'survey.analyse', { stagedId: session.registerLocalFile(files.xlsx) });
  const { surveyId } = await call(session, 'survey.import', { stagedId: analysis.stagedId, mapping: analysis.mapping });
  await call(session, 'survey.setQuestionNorm', { surveyId, question: H.opinion, codeId: codeId(study, 'participatie') });
});

const fromSurvey = (institutionId: string | null) =>
  suggestFindings(study, { institutionId, codeId: codeId(study, 'participatie') })
    .filter((suggestion) => suggestion.figures.some((figure) => figure.basis.startsWith('Vragenlijst')))
    .map((suggestion) => suggestion.text);

describe('survey figures as suggested findings', () => {
  it('states the answers per role with their n, across institutions', () => {
    expect(fromSurvey(null)).toEqual([
      `Van de 25 jeugdigen die de vraag ‘${H.opinion}’ beantwoordden, antwoordde 32% ‘ja, altijd’, 48% ‘ja, vaak’, 20% ‘ja, soms’ en 0% ‘nee’.`,
      `Van de 15 ouders die de vraag ‘${H.opinion}’ beantwoordden, antwoordde 0% ‘ja, altijd’, 0% ‘ja, vaak’, 33,3% ‘ja, soms’ en 66,7% ‘nee’.`,
    ]);
  });

  it('per institution: only the groups that answered, and nothing below the threshold', () => {
    expect(fromSurvey(institution('GI Noord'))).toEqual([
      `Van de 20 jeugdigen die de vraag ‘${H.opinion}’ beantwoordden, antwoordde 40% ‘ja, altijd’, 60% ‘ja, vaak’, 0% ‘ja, soms’ en 0% ‘nee’.`,
    ]);
    expect(fromSurvey(institution('Jeugdbescherming West'))).toEqual([
      `Van de 11 ouders die de vraag ‘${H.opinion}’ beantwoordden, antwoordde 0% ‘ja, altijd’, 0% ‘ja, vaak’, 9,1% ‘ja, soms’ en 90,9% ‘nee’.`,
    ]);
    // 9 respondents at GI Zuid (5 children, 4 parents): no figure at all.
    expect(fromSurvey(institution('GI Zuid'))).toEqual([]);
  });

  it('becomes citable evidence in the draft once the writer takes it over', () => {
    const noord = institution('GI Noord');
    const suggestion = suggestFindings(study, { institutionId: noord, codeId: codeId(study, 'participatie') }).find((one) => one.text.startsWith('Van de 20 jeugdigen'))!;
    saveFinding(study, { institutionId: noord, codeId: codeId(study, 'participatie'), kind: 'bevinding', text: 'Jeugdigen voelen zich gehoord.', evidenceCodingIds: [], figures: suggestion.figures });
    const bullets = [...walkBlocks(reportModel(study, { institutionId: noord }).chapters)].flatMap((block) =>
      block.kind === 'bullets' ? block.items.map((item) => item.map((part) => part.text).join('')) : [],
    );
    expect(bullets).toContain(suggestion.text);
  });
});
