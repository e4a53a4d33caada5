/**
 * The one hand-off of produced files (backend/api/produced-files.ts): every
 * kept file is saved by `file.save` through the app's save dialog (with the
 * dialog kind it was produced as), downloaded from the browser host at one
 * address, and an unknown or hostile id changes nothing.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { resolveDownload } from '../../backend/api/downloads';
import { keepProducedFile, type SaveKind } from '../../backend/api/produced-files';
import { Session } from '../../backend/api/session';
import { tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-hand-off-');
const sessions: Session[] = [];
afterAll(async () => {
  for (const session of sessions) await session.close();
});

function desktop(answer: (name: string, kind: SaveKind) => string | null) {
  const asked: Array<{ name: string; kind: SaveKind }> = [];
  const opened: string[] = [];
  const session = new Session({
    kind: 'electron',
    demoStudyPath: () => join(dir, 'demo.veldwerk'),
    chooseSavePath: async (name, kind) => {
      asked.push({ name, kind });
      return answer(name, kind);
    },
    openPath: async (path) => {
      opened.push(path);
      return true;
    },
  });
  sessions.push(session);
  return { session, asked, opened };
}

describe('handing off a produced file', () => {
  it('app: saves a kept file where the user chose, with its own dialog kind, whole and private; opens it when asked', async () => {
    const { session, asked, opened } = desktop((name) => join(dir, `gekozen-${name}`));
    const table = keepProducedFile(session, { fileName: 'Vragenlijst - uitleg.xlsx', data: Buffer.from('werkmap'), kind: 'export' });
    const saved = await dispatch(session, 'file.save', { fileId: table, open: true });
    expect(saved).toEqual({ ok: true, value: { path: join(dir, 'gekozen-Vragenlijst - uitleg.xlsx'), opened: true } });
    expect(asked).toEqual([{ name: 'Vragenlijst - uitleg.xlsx', kind: 'export' }]);
    expect(opened).toEqual([join(dir, 'gekozen-Vragenlijst - uitleg.xlsx')]);
    expect(readFileSync(join(dir, 'gekozen-Vragenlijst - uitleg.xlsx'), 'utf8')).toBe('werkmap');
    expect(statSync(join(dir, 'gekozen-Vragenlijst - uitleg.xlsx')).mode & 0o077).toBe(0);
  });

  it('app: a cancelled dialog writes nothing; an unknown or malformed id is refused in Dutch', async () => {
    const { session, opened } = desktop(() => null);
    const draft = keepProducedFile(session, { fileName: 'Concept.docx', data: Buffer.from('docx'), kind: 'report' });
    expect(await dispatch(session, 'file.save', { fileId: draft, open: true })).toEqual({ ok: true, value: { path: null, opened: false } });
    expect(opened).toEqual([]);
    const unknown = await dispatch(session, 'file.save', { fileId: '0b6a4f0e-1111-4222-8333-944455556666' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('niet meer beschikbaar') } });
    const hostile = await dispatch(session, 'file.save', { fileId: '../../etc/passwd' });
    expect(hostile).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('browser host: every kept file (a bundle too) is served at the one address; no save dialog there', async () => {
    const session = new Session({ kind: 'browser', demoStudyPath: () => join(dir, 'demo.veldwerk') });
    sessions.push(session);
    const bundle = keepProducedFile(session, { fileName: 'Onderzoek-AB.vwbundle', data: new Uint8Array([1, 2, 3]), kind: 'bundle' });
    const served = resolveDownload(session, `report/${bundle}`);
    expect(served).toMatchObject({ ok: true, fileName: 'Onderzoek-AB.vwbundle', contentType: 'application/octet-stream', noStore: true });
    expect(served.ok && [...served.bytes]).toEqual([1, 2, 3]);
    expect(resolveDownload(session, `bundle/${bundle}`)).toMatchObject({ ok: true, fileName: 'Onderzoek-AB.vwbundle' });
    expect(await dispatch(session, 'file.save', { fileId: bundle })).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('download') } });
  });
});
