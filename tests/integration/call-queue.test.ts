/**
 * Writing calls through `dispatch` run one at a time, async ones included
 * (import and survey import wait for a worker: without the queue another
 * write lands in between); reads do not wait for them; closing or switching
 * the study waits until running calls finished.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { CallQueue } from '../../backend/api/call-queue';
import type { Study } from '../../backend/study/study';
import { writeKnownSurvey } from '../fixtures/make-survey';
import { newAction } from '../../backend/api/writing-call';
import { runInAction } from '../../backend/store/action-context';
import { newTestStudy, tempDir } from '../helpers/temp-study';
import { ensureWorkerBundles } from '../helpers/worker-bundles';

const dir = tempDir('veldwerk-queue-');

beforeAll(() => ensureWorkerBundles(), 120_000);

function sessionWith(study: Study): Session {
  const session = new Session({ kind: 'cli', demoStudyPath: () => '' });
  session.setStudy(study);
  return session;
}

function textFiles(session: Session, count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const path = join(dir, `verslag-${index}-${Math.random().toString(36).slice(2)}.txt`);
    writeFileSync(path, `Gesprek ${index} met de jeugdzorgwerker over het plan van aanpak en de veiligheid thuis.\n`.repeat(40));
    return session.registerLocalFile(path);
  });
}

/** The clock order of what a call wrote: its change records (or its action row when it wrote none). */
function clocksOf(study: Study, actionId: string): string[] {
  const rows = study.db.prepare('SELECT hlc FROM change_log WHERE action_id = ? ORDER BY hlc').pluck().all(actionId) as string[];
  return rows.length > 0 ? rows : (study.db.prepare('SELECT hlc FROM action WHERE id = ?').pluck().all(actionId) as string[]);
}

function actionOf(study: Study, call: string): string {
  return study.db.prepare('SELECT id FROM action WHERE call = ? ORDER BY seq DESC LIMIT 1').pluck().get(call) as string;
}

describe('writing calls through dispatch', () => {
  it('run one at a time: a write sent while an import waits for extraction lands after the whole import', async () => {
    const study = newTestStudy(dir);
    const session = sessionWith(study);
    const meta = { institutionId: study.institutions()[0]!.id, sourceType: 'interview' };
    const importing = dispatch(session, 'sources.import', { stagedIds: textFiles(session, 6), meta });
    const renaming = dispatch(session, 'institution.rename', { id: study.institutions()[1]!.id, name: 'GI Zuid-West' });
    const listing = dispatch(session, 'sources.list', {});
    const [imported, renamed, listed] = await Promise.all([importing, renaming, listing]);
    expect(imported.ok && renamed.ok && listed.ok).toBe(true);
    // The read ran at once, before the import stored anything.
    expect((listed as { value: unknown[] }).value).toHaveLength(0);
    const importClocks = clocksOf(study, actionOf(study, 'sources.import'));
    expect(importClocks).toHaveLength(6);
    const renameClocks = clocksOf(study, actionOf(study, 'institution.rename'));
    expect(renameClocks[0]! > importClocks.at(-1)!).toBe(true);
    study.close();
  });

  it('answer the evidence matrix (a read in slices) while an import holds the write queue', async () => {
    const study = newTestStudy(dir);
    const session = sessionWith(study);
    const meta = { institutionId: study.institutions()[0]!.id, sourceType: 'interview' };
    let imported = false;
    const importing = dispatch(session, 'sources.import', { stagedIds: textFiles(session, 6), meta }).then((result) => ((imported = true), result));
    const matrix = await dispatch(session, 'evidence.matrix', {});
    expect(matrix.ok).toBe(true);
    expect(imported).toBe(false);
    expect((await importing).ok).toBe(true);
    study.close();
  });

  it('serialise a survey import (read in a worker) against coding writes sent meanwhile', async () => {
    const study = newTestStudy(dir);
    const session = sessionWith(study);
    const files = await writeKnownSurvey(dir, `Vragenlijst wachtrij ${Math.random().toString(36).slice(2)}`);
    const analysed = await dispatch(session, 'survey.analyse', { stagedId: session.registerLocalFile(files.xlsx) });
    if (!analysed.ok) throw new Error(analysed.error.message);
    const { mapping } = analysed.value as { mapping: unknown };
    // Staged anew, so the import reads the file in the worker itself (an analysis keeps what it read).
    const importing = dispatch(session, 'survey.import', { stagedId: session.registerLocalFile(files.xlsx), mapping, name: 'Wachtrij' });
    const creating = dispatch(session, 'code.create', { kind: 'context', name: 'Wachtlijst', color: '#336699', parentId: null });
    const [imported, created] = await Promise.all([importing, creating]);
    expect(imported.ok, JSON.stringify(imported)).toBe(true);
    expect(created.ok, JSON.stringify(created)).toBe(true);
    const surveyClocks = clocksOf(study, actionOf(study, 'survey.import'));
    const codeClocks = clocksOf(study, actionOf(study, 'code.create'));
    expect(surveyClocks.length).toBeGreaterThan(0);
    expect(codeClocks[0]! > surveyClocks.at(-1)!).toBe(true);
    study.close();
  });

  it('keep their order when many small writes arrive at once', async () => {
    const study = newTestStudy(dir);
    const session = sessionWith(study);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => dispatch(session, 'institution.create', { name: `Instelling ${String(index).padStart(2, '0')}` })),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    const names = study.db
      .prepare("SELECT json_extract(fields, '$.name') FROM change_log WHERE entity = 'institution' ORDER BY hlc")
      .pluck()
      .all()
      .slice(-20);
    expect(names).toEqual(Array.from({ length: 20 }, (_, index) => `Instelling ${String(index).padStart(2, '0')}`));
    study.close();
  });
});

describe('closing and switching', () => {
  it('close the study only after a running import finished', async () => {
    const study = newTestStudy(dir);
    const session = sessionWith(study);
    const meta = { institutionId: study.institutions()[0]!.id, sourceType: 'interview' };
    const importing = dispatch(session, 'sources.import', { stagedIds: textFiles(session, 4), meta });
    await session.closeWhenIdle();
    expect(study.db.open).toBe(false);
    const result = await importing;
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect((result as { value: Array<{ status: string }> }).value.map((outcome) => outcome.status)).toEqual(['imported', 'imported', 'imported', 'imported']);
  });

  it('switch to another study only after a running import finished, and hold calls sent meanwhile', async () => {
    const first = newTestStudy(dir);
    const second = newTestStudy(dir);
    const secondPath = second.path;
    second.close();
    const session = sessionWith(first);
    const meta = { institutionId: first.institutions()[0]!.id, sourceType: 'interview' };
    expect((await dispatch(session, 'sources.import', { stagedIds: textFiles(session, 1), meta })).ok).toBe(true);
    const importing = dispatch(session, 'sources.import', { stagedIds: textFiles(session, 3), meta });
    const switching = session.switchTo(secondPath);
    const listing = dispatch(session, 'sources.list', {});
    const imported = await importing;
    expect(imported.ok, JSON.stringify(imported)).toBe(true);
    const switched = await switching;
    expect(session.openStudy).toBe(switched);
    expect(first.db.open).toBe(false);
    // The list was asked after the switch began: it reads the new, empty study.
    const listed = await listing;
    expect(listed.ok && (listed.value as unknown[]).length).toBe(0);
    switched.close();
  });

  it('a switch waits for running reads and lets no read start while it runs', async () => {
    const queue = new CallQueue();
    const events: string[] = [];
    let finishRead!: () => void;
    const read = queue.run('read', () => new Promise<void>((resolve) => (finishRead = resolve)).then(() => events.push('read done')));
    const switching = queue.run('switch', () => events.push('switch'));
    const later = queue.run('read', () => events.push('later read'));
    await Promise.resolve();
    expect(events).toEqual([]);
    finishRead();
    await Promise.all([read, switching, later]);
    expect(events).toEqual(['read done', 'switch', 'later read']);
  });
});

describe('the entities a call declares', () => {
  it('bound what its handler may write: anything else is refused and rolled back', () => {
    const study = newTestStudy(dir);
    const before = study.db.prepare('SELECT count(*) FROM change_log').pluck().get();
    const write = () =>
      runInAction(newAction('coding.create'), () =>
        study.write([{ entity: 'institution', entityId: crypto.randomUUID(), fields: { name: 'Stiekem' } }]),
      );
    expect(write).toThrow(/coding\.create schrijft institution/);
    expect(study.db.prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(before);
    study.close();
  });
});
