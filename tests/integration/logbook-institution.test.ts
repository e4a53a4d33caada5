/**
 * Team › Logboek filtered on an institution shows the judgments and findings
 * written about it. Found walking the demo: "Oordeel opgeslagen" for
 * Hunzedal vanished when the filter was set to Hunzedal.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type DispatchResult } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { createStudy } from '../../backend/study/setup';
import type { Study } from '../../backend/study/study';
import type { LogbookPage } from '../../shared/api/types';
import { codeId } from '../helpers/sources';
import { tempDir } from '../helpers/temp-study';
import { TEAM_SETUP } from '../property/merge-kit';

const dir = tempDir('veldwerk-logboekinstelling-');
let study: Study;
let session: Session;

function valueOf<T>(result: DispatchResult): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

const calls = async (institutionId: string) =>
  valueOf<LogbookPage>(await dispatch(session, 'logbook.list', { filter: { institutionId }, offset: 0, limit: 100 })).lines.map((line) => line.call).sort();

beforeAll(async () => {
  study = createStudy(join(dir, 'ronde.veldwerk'), TEAM_SETUP);
  session = new Session({ kind: 'cli', demoStudyPath: () => '' });
  session.setStudy(study);
  const [noord, zuid] = study.institutions();
  valueOf(await dispatch(session, 'judgment.save', { institutionId: noord!.id, codeId: codeId(study, 'hulp'), rating: 'voldoet niet', rationale: 'Wachttijd van vier maanden.' }));
  valueOf(await dispatch(session, 'finding.save', { institutionId: zuid!.id, codeId: codeId(study, 'contact'), kind: 'bevinding', text: 'Het eerste contact was op tijd.' }));
});

afterAll(() => session.close());

describe('the logbook filtered on an institution', () => {
  it('shows the judgment and the finding written about that institution, and not at the other', async () => {
    const [noord, zuid] = study.institutions();
    expect(await calls(noord!.id)).toEqual(['judgment.save']);
    expect(await calls(zuid!.id)).toEqual(['finding.save']);
  });

  it('names the judgment by its norm and institution, not only "Oordeel"', async () => {
    const page = valueOf<LogbookPage>(await dispatch(session, 'logbook.list', { filter: { call: 'judgment.save' }, offset: 0, limit: 10 }));
    expect(page.lines.map((line) => line.objects)).toEqual(['Oordeel "Tijdige inzet passende hulp, GI Noord"']);
  });
});
