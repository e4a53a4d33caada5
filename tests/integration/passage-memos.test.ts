/**
 * Memos on passages through the API: anchored by offsets, on the undo
 * history, found by memo search with folded case and diacritics, kept apart
 * from the one memo per source and inspector; hostile input (offsets outside
 * the text, empty text, someone else's memo) refused in Dutch, nothing changed.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { undo } from '../../backend/undo/undo';
import type { Memo } from '../../shared/api/types';
import { addTextSource } from '../helpers/sources';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir();
const TEXT = 'De jeugdzorgwerker sprak de jeugdige alleen. Het plan is samen gemaakt.';

async function setUp() {
  const study = newTestStudy(dir);
  const sourceId = await addTextSource(study, dir, TEXT);
  const [first, second] = study.inspectors();
  const path = study.path;
  study.close();
  const session = new Session({ kind: 'cli', demoStudyPath: () => join(dir, 'demo.veldwerk') });
  session.openPath(path);
  session.requireStudy().actAs(first!.id);
  return { session, sourceId, second: second!.id };
}

async function call<T>(session: Session, name: string, input: object): Promise<T> {
  const result = await dispatch(session, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

describe('memo’s bij passages', () => {
  it('zijn verankerd, doorzoekbaar, los van de bronmemo en ongedaan te maken', async () => {
    const { session, sourceId } = await setUp();
    const memo = await call<Memo>(session, 'memo.addPassage', { sourceId, start: 3, end: 18, text: 'Eigen waarneming: geënsceneerd?' });
    expect(TEXT.slice(memo.start!, memo.end!)).toBe('jeugdzorgwerker');
    await call<Memo>(session, 'memo.save', { targetType: 'source', targetId: sourceId, text: 'Bronmemo' });
    expect((await call<Memo[]>(session, 'memos.list', { targetType: 'source', targetId: sourceId })).map((item) => item.text)).toEqual(['Bronmemo']);
    expect((await call<Memo[]>(session, 'memos.passages', { sourceId })).map((item) => item.id)).toEqual([memo.id]);
    expect((await call<Memo[]>(session, 'memos.search', { query: 'GEENSCENEERD' })).map((item) => item.id)).toEqual([memo.id]);

    await call<Memo>(session, 'memo.update', { id: memo.id, text: 'Bijgewerkt' });
    undo(session.requireStudy()); // the source memo
    undo(session.requireStudy()); // the update
    expect((await call<Memo[]>(session, 'memos.passages', { sourceId }))[0]!.text).toBe('Eigen waarneming: geënsceneerd?');
    expect(await call<Memo[]>(session, 'memos.list', { targetType: 'source', targetId: sourceId })).toEqual([]);
    session.close();
  });

  it('weigert passages buiten de tekst, lege memo’s en andermans memo', async () => {
    const { session, sourceId, second } = await setUp();
    const outside = await dispatch(session, 'memo.addPassage', { sourceId, start: 10, end: TEXT.length + 5, text: 'x' });
    expect(outside).toMatchObject({ ok: false, error: { message: 'Deze passage ligt niet (helemaal) in de tekst van de bron.' } });
    const reversed = await dispatch(session, 'memo.addPassage', { sourceId, start: 10, end: 4, text: 'x' });
    expect(reversed.ok).toBe(false);
    const empty = await dispatch(session, 'memo.addPassage', { sourceId, start: 0, end: 4, text: '   ' });
    expect(empty).toMatchObject({ ok: false, error: { message: 'Een memo zonder tekst wordt niet bewaard.' } });
    const memo = await call<Memo>(session, 'memo.addPassage', { sourceId, start: 0, end: 4, text: 'Van mij' });
    session.requireStudy().actAs(second);
    const foreign = await dispatch(session, 'memo.update', { id: memo.id, text: 'Overschreven' });
    expect(foreign).toMatchObject({ ok: false, error: { message: 'Alleen wie een memo schreef kan hem wijzigen of verwijderen.' } });
    expect((await dispatch(session, 'memo.delete', { id: memo.id })).ok).toBe(false);
    expect((await call<Memo[]>(session, 'memos.passages', { sourceId })).map((item) => item.text)).toEqual(['Van mij']);
    session.close();
  });
});
