/**
 * Source status (nieuw, bezig, klaar) per source and inspector, through the
 * API: written through the change path (a change record, one row per source
 * and inspector however often it is set), counted with the codings per
 * source, and refused with a Dutch message for hostile input.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { createCodings } from '../../backend/coding/codings';
import type { SourceProgress, SourceStatusEntry } from '../../shared/api/types';
import { addTextSource, codeId } from '../helpers/sources';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir();

async function setUp() {
  const study = newTestStudy(dir);
  const sourceId = await addTextSource(study, dir, 'De jeugdzorgwerker sprak de jeugdige alleen. Het plan is samen gemaakt.');
  const other = await addTextSource(study, dir, 'Een tweede verslag zonder coderingen.');
  createCodings(study, [{ sourceId, codeId: codeId(study, 'contact'), start: 0, end: 20, valence: 'positief', note: '', quotable: false }], 'Coderen');
  const [first, second] = study.inspectors();
  const path = study.path;
  study.close();
  const session = new Session({ kind: 'cli', demoStudyPath: () => join(dir, 'demo.veldwerk') });
  session.openPath(path);
  return { session, sourceId, other, first: first!.id, second: second!.id };
}

async function call<T>(session: Session, name: string, input: object): Promise<T> {
  const result = await dispatch(session, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

describe('status per bron en inspecteur', () => {
  it('wordt via het wijzigingspad opgeslagen, één rij per bron en inspecteur', async () => {
    const { session, sourceId, other, first, second } = await setUp();
    const study = session.requireStudy();
    study.actAs(first);
    await call<SourceStatusEntry>(session, 'source.setStatus', { sourceId, status: 'bezig' });
    await call<SourceStatusEntry>(session, 'source.setStatus', { sourceId, status: 'klaar' });
    study.actAs(second);
    await call<SourceStatusEntry>(session, 'source.setStatus', { sourceId, status: 'bezig' });

    const progress = await call<SourceProgress>(session, 'sources.progress', {});
    expect(progress.codingCounts).toEqual({ [sourceId]: 1 });
    expect(progress.codingCounts[other]).toBeUndefined();
    const statuses = progress.statuses.map((entry) => [entry.inspectorId, entry.status]).sort();
    expect(statuses).toEqual([[first, 'klaar'], [second, 'bezig']].sort());

    const changes = study.db.prepare("SELECT count(*) AS n FROM change_log WHERE entity = 'sourceStatus'").get() as { n: number };
    expect(changes.n).toBe(3);
    const rows = study.db.prepare('SELECT count(*) AS n FROM source_status').get() as { n: number };
    expect(rows.n).toBe(2);
    session.close();
  });

  it('weigert een onbekende status en een onbekende bron met een Nederlandse melding, zonder iets te veranderen', async () => {
    const { session, sourceId, first } = await setUp();
    session.requireStudy().actAs(first);
    const wrongStatus = await dispatch(session, 'source.setStatus', { sourceId, status: 'gedaan' });
    expect(wrongStatus.ok).toBe(false);
    const missing = await dispatch(session, 'source.setStatus', { sourceId: '00000000-0000-4000-8000-000000000000', status: 'klaar' });
    expect(missing).toMatchObject({ ok: false, error: { message: 'Deze bron bestaat niet (meer).' } });
    const progress = await call<SourceProgress>(session, 'sources.progress', {});
    expect(progress.statuses).toEqual([]);
    session.close();
  });
});
