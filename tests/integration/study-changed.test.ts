/**
 * `study-changed` from the browser host: after every writing call committed,
 * every listening window gets the entities it changed and its action id,
 * read here with the renderer's own event-stream client. A read pushes
 * nothing; undo pushes what it took back; a refused call that wrote nothing
 * pushes nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../backend/api/session';
import { startBrowserHost, type BrowserHost } from '../../backend/host/http-server';
import { ProgressStream } from '../../renderer/api/progress-stream';
import type { StudyChangedEvent } from '../../shared/api/study-entities';
import { addTextSource, codeId } from '../helpers/sources';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-pushed-');
const rendererDir = join(dir, 'renderer');
mkdirSync(rendererDir);
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Veldwerk</title>');

let host: BrowserHost;
let session: Session;
let sourceId: string;
let code: string;
/** Two windows, each with its own stream. */
const windows: Array<{ events: StudyChangedEvent[]; stop: () => void }> = [];

beforeAll(async () => {
  const study = newTestStudy(dir);
  sourceId = await addTextSource(study, dir, 'Ouder: de jeugdzorgwerker belde pas na drie weken terug.');
  code = codeId(study, 'contact');
  session = new Session({ kind: 'browser', fixedStudyPath: study.path, demoStudyPath: () => '' });
  session.setStudy(study);
  host = await startBrowserHost(session, { rendererDir });
  for (let index = 0; index < 2; index++) {
    const events: StudyChangedEvent[] = [];
    const stream = new ProgressStream(`http://127.0.0.1:${host.port}/api/events`, () => ({ 'X-Veldwerk-Token': host.token }));
    windows.push({ events, stop: stream.subscribeStudyChanged((event) => events.push(event)) });
  }
  // The streams are open once the server counts their listeners: a first write proves it.
  await waitUntil(async () => {
    await call('institution.create', { name: `Proef ${Math.random()}` });
    return windows.every((window) => window.events.length > 0);
  });
  await quiet();
});

/** Until no window was told anything for a while (the warm-up's last events have arrived). */
async function quiet(): Promise<void> {
  let last = '';
  for (;;) {
    const now = windows.map((window) => window.events.length).join(',');
    if (now === last) return;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

afterAll(async () => {
  for (const window of windows) window.stop();
  await host.close();
  session.close();
});

async function call(name: string, input: unknown) {
  const response = await fetch(`http://127.0.0.1:${host.port}/api/call/${name}`, {
    method: 'POST',
    headers: { 'x-veldwerk-token': host.token, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await response.json()) as { ok: boolean; value?: any };
}

async function waitUntil(check: () => Promise<boolean> | boolean): Promise<void> {
  const until = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('te lang gewacht op study-changed');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Run `work` and return what each window was told meanwhile. */
async function pushedDuring(work: () => Promise<unknown>, expected: number): Promise<StudyChangedEvent[][]> {
  const before = windows.map((window) => window.events.length);
  await work();
  await waitUntil(() => windows.every((window, index) => window.events.length >= before[index]! + expected));
  await quiet();
  return windows.map((window, index) => window.events.slice(before[index]!));
}

describe('study-changed', () => {
  it('reaches every window after a write, with the entities changed and the action recorded', async () => {
    const [first, second] = await pushedDuring(
      () => call('coding.create', { sourceId, codeId: code, start: 0, end: 5, valence: 'negatief' }),
      1,
    );
    expect(first).toEqual(second);
    expect(first).toHaveLength(1);
    expect(first![0]!.entities).toEqual(['coding']);
    expect(first![0]!.reopened).toBe(false);
    const label = session.openStudy!.db.prepare('SELECT label FROM action WHERE id = ?').pluck().get(first![0]!.actionId);
    expect(label).toBe('Codering toegevoegd');
  });

  it('says what an undo took back', async () => {
    const [events] = await pushedDuring(() => call('undo', {}), 1);
    expect(events![0]!.entities).toEqual(['coding']);
  });

  it('pushes nothing for reads, nor for a refused call that wrote nothing', async () => {
    const [events] = await pushedDuring(async () => {
      await call('sources.list', {});
      await call('evidence.matrix', {});
      expect((await call('coding.delete', { id: crypto.randomUUID() })).ok).toBe(false);
      await call('institution.create', { name: 'Markering' });
    }, 1);
    // Only the institution created at the end.
    expect(events!.map((event) => event.entities)).toEqual([['institution']]);
  });
});
