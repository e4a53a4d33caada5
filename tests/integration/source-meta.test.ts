/**
 * source.updateMeta through the dispatcher as the dialog and a hostile caller
 * use it: malformed ECLIs and unknown institutions are refused in Dutch and
 * change nothing; a ruling's ECLI is stored, shown by source.details and
 * source.get; undo brings every field back.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type DispatchResult } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { createStudy } from '../../backend/study/setup';
import type { Study } from '../../backend/study/study';
import type { SourceDetails, SourceDocument, UndoResult } from '../../shared/api/types';
import { addTextSource } from '../helpers/sources';
import { tempDir } from '../helpers/temp-study';
import { TEAM_SETUP } from '../property/merge-kit';

const dir = tempDir('veldwerk-sourcemeta-');
let study: Study;
let session: Session;
let sourceId: string;
let institutionId: string;

function valueOf<T>(result: DispatchResult): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

const details = async () => valueOf<SourceDetails>(await dispatch(session, 'source.details', { id: sourceId }));
const update = (meta: Record<string, unknown>) =>
  dispatch(session, 'source.updateMeta', { id: sourceId, meta: { title: 'Beschikking kinderrechter (fictief)', institutionId, sourceType: 'uitspraak', ...meta } });

beforeAll(async () => {
  study = createStudy(join(dir, 'ronde.veldwerk'), TEAM_SETUP);
  session = new Session({ kind: 'cli', demoStudyPath: () => '' });
  session.setStudy(study);
  institutionId = study.institutions()[0]!.id;
  sourceId = await addTextSource(study, dir, 'Verslag van een huisbezoek. Fictief.', { institutionId });
});

afterAll(() => session?.close());

describe('brongegevens wijzigen', () => {
  it('weigert een onjuiste ECLI of onbekende instelling in het Nederlands en verandert niets', async () => {
    const before = await details();
    for (const ecli of ['ecli:nl:rbnne:2025:1234', 'ECLI:NL:RBNNE:25:1234', 'ECLI:NL:RBNNE:2025:1234<script>', `ECLI:NL:RBNNE:2025:${'9'.repeat(40)}`]) {
      const refused = await update({ ecli });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.message).toContain('ECLI als ECLI:NL:RBNNE:2025:1234');
    }
    const unknown = await update({ institutionId: randomUUID() });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.message).toBe('De gekozen instelling bestaat niet.');
    expect(await details()).toEqual(before);
  });

  it('slaat titel, type en ECLI op; ongedaan maken zet alles terug', async () => {
    const before = await details();
    expect(before.ecli).toBeNull();
    valueOf(await update({ ecli: ' ECLI:NL:RBNNE:2025:4821 ', date: '2025-11-03' }));
    const after = await details();
    expect([after.title, after.sourceType, after.ecli, after.date]).toEqual(['Beschikking kinderrechter (fictief)', 'uitspraak', 'ECLI:NL:RBNNE:2025:4821', '2025-11-03']);
    expect(valueOf<SourceDocument>(await dispatch(session, 'source.get', { id: sourceId })).ecli).toBe('ECLI:NL:RBNNE:2025:4821');
    expect(valueOf<UndoResult>(await dispatch(session, 'undo', {})).done).toBe('Brongegevens wijzigen');
    expect(await details()).toEqual(before);
  });
});
